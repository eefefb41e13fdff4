"""Fixtures for conferencing tests: the provider-account cache is cleared around every test."""

import pytest

from allteach.conferencing.services import forget_cached_accounts
from tests.fakes import BBBFake, ZoomFake


@pytest.fixture(autouse=True)
def _fresh_account_cache():
    # account_for() caches accounts for 30 s by (hub id, program id); ids repeat across
    # rolled-back tests, so a stale entry would leak one test's provider into the next.
    forget_cached_accounts()
    yield
    forget_cached_accounts()


@pytest.fixture
def zoom_fake():
    with ZoomFake() as fake:
        yield fake


@pytest.fixture
def bbb_fake():
    with BBBFake() as fake:
        yield fake
