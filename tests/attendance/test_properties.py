"""Properties of importing, checked on the database: idempotence and minutes within the session."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allteach.attendance.models import Attendance, AttendanceImport, Connection
from allteach.attendance.services import attendance_import_zoom_csv
from tests.attendance.conftest import HEADER

DENVER = ZoneInfo("America/Denver")
LOCAL_START = dt.datetime(2026, 11, 19, 12, 0)
PEOPLE = [
    ("Amara Okafor", "amara.okafor@northvalley.example"),
    ("Tomás Reyes", "tomas.reyes@mesahealth.example"),
    ("Someone Else", "someone@else.example"),
]

# (person, start minute from 12:00 local, length in minutes): some before, some after the hour.
interval = st.tuples(st.integers(0, 2), st.integers(-20, 75), st.integers(0, 50))
PROPERTY_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _csv(intervals) -> bytes:
    lines = [HEADER]
    for person, start, length in intervals:
        name, email = PEOPLE[person]
        join = LOCAL_START + dt.timedelta(minutes=start)
        leave = join + dt.timedelta(minutes=length)
        lines.append(
            f"{name},{email},{join:%m/%d/%Y %I:%M:%S %p},{leave:%m/%d/%Y %I:%M:%S %p},{length}"
        )
    return ("\r\n".join(lines) + "\r\n").encode()


def _expected_minutes(intervals) -> dict[str, int]:
    """Whole minutes inside 12:00–13:00 covered by each person: the union, computed by counting."""
    covered: dict[str, set[int]] = {}
    for person, start, length in intervals:
        minutes = covered.setdefault(PEOPLE[person][1], set())
        minutes.update(m for m in range(start, start + length) if 0 <= m < 60)
    return {email: len(minutes) for email, minutes in covered.items()}


def _snapshot(session):
    return (
        sorted(
            Attendance.objects.filter(session=session).values_list(
                "identity_key", "status", "minutes", "counts"
            )
        ),
        Connection.objects.filter(session=session).count(),
    )


@PROPERTY_SETTINGS
@given(intervals=st.lists(interval, min_size=1, max_size=8), shuffled=st.randoms())
def test_reimporting_is_a_no_op(scene, intervals, shuffled):
    with transaction.atomic():
        data = _csv(intervals)
        attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=data)
        before = _snapshot(scene.session)
        imports = AttendanceImport.objects.count()
        attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=data)
        assert _snapshot(scene.session) == before
        assert AttendanceImport.objects.count() == imports
        # The same rows in another order (another export of the same meeting): still nothing new.
        reordered = list(intervals)
        shuffled.shuffle(reordered)
        attendance_import_zoom_csv(
            actor=scene.admin, session=scene.session, data=_csv(reordered) + b"\r\n"
        )
        assert _snapshot(scene.session) == before
        transaction.set_rollback(True)


@PROPERTY_SETTINGS
@given(intervals=st.lists(interval, min_size=1, max_size=8))
def test_minutes_are_the_union_and_never_exceed_the_session(scene, intervals):
    with transaction.atomic():
        attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=_csv(intervals))
        expected = _expected_minutes(intervals)
        rows = {a.email: a for a in Attendance.objects.filter(session=scene.session)}
        assert set(rows) == set(expected)
        for email, row in rows.items():
            assert 0 <= row.minutes <= scene.session.duration_minutes
            assert row.minutes == expected[email], (email, intervals)
            assert row.counts is (expected[email] > 0)
        registered = {scene.amara.email: scene.amara_reg.pk, scene.tomas.email: scene.tomas_reg.pk}
        for email, row in rows.items():
            assert row.registration_id == registered.get(email)
        transaction.set_rollback(True)
