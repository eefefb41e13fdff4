"""Fixtures starting the local Zoom and BigBlueButton fakes for provider tests."""

import sys
from pathlib import Path

import pytest

# The fakes live in tests/fakes; make `tests.fakes` importable however pytest was started.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from allteach.providers.bbb import BBBClient  # noqa: E402
from allteach.providers.http import HttpClient  # noqa: E402
from allteach.providers.zoom import ZoomClient  # noqa: E402
from tests.fakes import BBBFake, ManualClock, ZoomFake  # noqa: E402


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture
def zoom_fake(clock):
    with ZoomFake(clock=clock) as fake:
        yield fake


@pytest.fixture
def zoom_client(zoom_fake, clock):
    return ZoomClient(
        account_id=zoom_fake.account_id,
        client_id=zoom_fake.client_id,
        client_secret=zoom_fake.client_secret,
        api_base=zoom_fake.api_base,
        oauth_base=zoom_fake.oauth_base,
        http=HttpClient(timeout=5),
        clock=clock,
        sleep=clock.sleep,
    )


@pytest.fixture
def bbb_fake(clock):
    with BBBFake(clock=clock) as fake:
        yield fake


@pytest.fixture
def bbb_client(bbb_fake):
    return BBBClient(base_url=bbb_fake.base_url, secret=bbb_fake.secret, http=HttpClient(timeout=5))
