"""A past session (19 Nov 2026, 12:00–13:00 in Denver) with named registrants, and CSV helpers."""

import datetime as dt
from dataclasses import dataclass

import pytest

from allteach.conferencing.services import forget_cached_accounts
from tests import factories

#: 12:00 MST (UTC-7) on 19 November 2026; the cohort's time zone is America/Denver.
START = dt.datetime(2026, 11, 19, 19, 0, tzinfo=dt.UTC)
END = START + dt.timedelta(hours=1)
HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)"


def zoom_time(local: str, day: int = 19) -> str:
    """'12:05' or '12:05:30' (24 h, Denver) → Zoom's '11/19/2026 12:05:30 PM'."""
    parts = [int(p) for p in local.split(":")] + [0]
    hour, minute, second = parts[0], parts[1], parts[2]
    clock = dt.time(hour, minute, second)
    return f"11/{day:02d}/2026 {clock.strftime('%I:%M:%S %p')}"


def plain_csv(rows, *, bom: bool = True, day: int = 19) -> bytes:
    """Rows of (name, email, join 'HH:MM[:SS]', leave) → a plain Zoom export (CRLF, BOM)."""
    lines = [HEADER]
    for name, email, join, leave in rows:
        cell = f'"{name}"' if "," in name else name
        lines.append(f"{cell},{email},{zoom_time(join, day)},{zoom_time(leave, day)},0")
    text = "\r\n".join(lines) + "\r\n"
    return ("\ufeff" + text if bom else text).encode()


@dataclass
class Scene:
    world: object
    session: object
    admin: object
    amara: object
    tomas: object
    amara_reg: object
    tomas_reg: object
    participant_reg: object


@pytest.fixture(autouse=True)
def _fresh_account_cache():
    forget_cached_accounts()
    yield
    forget_cached_accounts()


@pytest.fixture
def scene(world):
    session = factories.SessionFactory(
        cohort=world.cohort, original_date=dt.date(2026, 11, 19), starts_at=START, ends_at=END
    )
    amara = factories.UserFactory(name="Amara Okafor", email="amara.okafor@northvalley.example")
    tomas = factories.UserFactory(name="Tomás Reyes", email="tomas.reyes@mesahealth.example")
    amara_reg = factories.RegistrationFactory(cohort=world.cohort, user=amara)
    tomas_reg = factories.RegistrationFactory(cohort=world.cohort, user=tomas)
    participant_reg = world.users["participant"].registrations.get(cohort=world.cohort)
    return Scene(
        world,
        session,
        world.users["hub_admin"],
        amara,
        tomas,
        amara_reg,
        tomas_reg,
        participant_reg,
    )


#: Amara reconnects (two rows) and opens a second device; Tomás types his e-mail in
#: capitals; a stranger and a dial-in caller cannot be matched.
BASIC_ROWS = [
    ("Amara Okafor", "amara.okafor@northvalley.example", "12:00", "12:20"),
    ("Amara Okafor", "amara.okafor@northvalley.example", "12:25", "12:50"),
    ("Amara (iPad)", "Amara.Okafor@NorthValley.example", "12:40", "12:55"),
    ("Reyes, Tomás", "TOMAS.REYES@mesahealth.example", "12:05", "12:59"),
    ("Mystery Guest", "", "12:10", "12:30"),
    ("+1 505-555-0143", "", "12:05", "12:45"),
]


@pytest.fixture
def basic_csv() -> bytes:
    return plain_csv(BASIC_ROWS)
