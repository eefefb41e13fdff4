"""Importing Zoom CSV exports: merging, matching, idempotence, and files that are refused."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from allteach.attendance.models import Attendance, AttendanceImport, Connection
from allteach.attendance.services import attendance_import_zoom_csv
from allteach.core.models import AuditEvent
from tests import factories
from tests.attendance.conftest import END, START, plain_csv

FIXTURES = Path(__file__).resolve().parents[1] / "attendance_engine" / "fixtures"


def _rows(session):
    return {
        a.name: (a.status, a.registration_id, a.minutes, a.connections, a.counts)
        for a in Attendance.objects.filter(session=session)
    }


def _counts(session):
    return (
        AttendanceImport.objects.filter(session=session).count(),
        Connection.objects.filter(session=session).count(),
        Attendance.objects.filter(session=session).count(),
    )


def test_plain_export_merges_matches_and_sends_doubts_to_review(scene, basic_csv):
    result = attendance_import_zoom_csv(
        actor=scene.admin, session=scene.session, data=basic_csv, filename="plain.csv"
    )
    assert (result.layout, result.row_count, result.filename, result.source) == (
        "plain",
        6,
        "plain.csv",
        "zoom_csv",
    )
    assert result.created_by == scene.admin
    assert _rows(scene.session) == {
        # 12:00–12:20 and 12:25–12:55 (the iPad overlaps the second connection): 50, not 60.
        "Amara Okafor": ("matched", scene.amara_reg.pk, Decimal("50.00"), 3, True),
        "Reyes, Tomás": ("matched", scene.tomas_reg.pk, Decimal("54.00"), 1, True),
        "Mystery Guest": ("review", None, Decimal("20.00"), 1, True),
        "+1 505-555-0143": ("review", None, Decimal("40.00"), 1, True),
    }
    amara = Attendance.objects.get(session=scene.session, registration=scene.amara_reg)
    assert amara.identity_key == f"registration:{scene.amara_reg.pk}"
    assert amara.evidence == "e-mail amara.okafor@northvalley.example"
    assert amara.email == "amara.okafor@northvalley.example"
    assert (amara.first_join, amara.last_leave) == (START, START + dt.timedelta(minutes=55))
    assert amara.sources == ["zoom_csv"]
    tomas = Attendance.objects.get(session=scene.session, registration=scene.tomas_reg)
    assert tomas.evidence == "e-mail tomas.reyes@mesahealth.example"
    stranger = Attendance.objects.get(session=scene.session, name="Mystery Guest")
    assert (stranger.identity_key, stranger.review_reason) == (
        "name:mystery guest",
        "no registration matches",
    )
    dial_in = Attendance.objects.get(session=scene.session, dial_in=True)
    assert (dial_in.identity_key, dial_in.status, dial_in.email) == (
        "name:tel:15055550143",
        "review",
        "",
    )
    # Every row of the file is kept as evidence, with its line.
    assert sorted(
        Connection.objects.filter(session=scene.session).values_list("line", flat=True)
    ) == [2, 3, 4, 5, 6, 7]
    event = AuditEvent.objects.get(verb="attendance.import")
    assert event.after == {
        "filename": "plain.csv",
        "layout": "plain",
        "rows": 6,
        "new_connections": 6,
        "created": 4,
        "updated": 0,
        "removed": 0,
    }


def test_same_file_twice_is_a_no_op(scene, basic_csv):
    first = attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=basic_csv)
    before = _rows(scene.session)
    assert _counts(scene.session) == (1, 6, 4)
    again = attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=basic_csv)
    assert again.pk == first.pk
    assert _counts(scene.session) == (1, 6, 4)
    assert _rows(scene.session) == before
    assert AuditEvent.objects.filter(verb="attendance.import").count() == 1


def test_same_rows_in_another_file_add_no_connections(scene, basic_csv):
    attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=basic_csv)
    before = _rows(scene.session)
    # Same data without the BOM (a re-saved file): a new import, but no new evidence.
    attendance_import_zoom_csv(
        actor=scene.admin, session=scene.session, data=basic_csv.removeprefix("\ufeff".encode())
    )
    assert _counts(scene.session) == (2, 6, 4)
    assert _rows(scene.session) == before


def test_a_later_export_adds_only_the_new_rows(scene, basic_csv):
    attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=basic_csv)
    extra = plain_csv([("Reyes, Tomás", "tomas.reyes@mesahealth.example", "11:50", "12:03")])
    attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=extra)
    assert _counts(scene.session) == (2, 7, 4)
    # 12:00–12:03 joins 12:05–12:59: 57 minutes.
    assert _rows(scene.session)["Reyes, Tomás"] == (
        "matched",
        scene.tomas_reg.pk,
        Decimal("57.00"),
        2,
        True,
    )


def test_bad_row_imports_nothing_and_names_the_line(scene):
    data = plain_csv(
        [
            ("Amara Okafor", "amara.okafor@northvalley.example", "12:00", "12:20"),
            ("Reyes, Tomás", "tomas.reyes@mesahealth.example", "12:40", "12:10"),
            ("Mystery Guest", "", "12:10", "12:30"),
        ]
    )
    with pytest.raises(ValidationError) as caught:
        attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=data)
    assert caught.value.messages == [
        "line 3: Leave Time '11/19/2026 12:10:00 PM' is before Join Time '11/19/2026 12:40:00 PM'"
    ]
    assert _counts(scene.session) == (0, 0, 0)
    assert AuditEvent.objects.filter(verb="attendance.import").count() == 0


def test_unreadable_time_names_the_line(scene):
    data = plain_csv([("Amara Okafor", "amara.okafor@northvalley.example", "12:00", "12:20")]) + (
        b"Someone,,yesterday-ish,11/19/2026 12:30:00 PM,5\r\n"
    )
    with pytest.raises(ValidationError) as caught:
        attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=data)
    assert caught.value.messages == [
        "line 3: cannot read Join Time 'yesterday-ish'; expected a time like 11/21/2026 01:02:03 PM"
    ]
    assert _counts(scene.session) == (0, 0, 0)


def test_file_from_another_day_is_refused(scene):
    data = plain_csv(
        [("Amara Okafor", "amara.okafor@northvalley.example", "12:00", "12:20")], day=23
    )
    with pytest.raises(ValidationError) as caught:
        attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=data)
    assert caught.value.messages == [
        "Line 2: the time 2026-11-23 19:00 UTC is far from this session (2026-11-19 19:00 UTC). "
        "Is this the right session, or the right time zone for the export?"
    ]
    assert _counts(scene.session) == (0, 0, 0)


def test_wrong_time_zone_moves_times_inside_the_session(scene, basic_csv):
    # Read as UTC the same file is 7 hours early: still within the drift, clipped to nothing.
    attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=basic_csv, tz="UTC")
    assert set(
        Attendance.objects.filter(session=scene.session).values_list("minutes", flat=True)
    ) == {Decimal("0")}
    assert Attendance.objects.filter(session=scene.session, counts=True).count() == 0


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"Hello,World\r\n1,2\r\n", id="unknown-layout"),
        pytest.param(
            b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\r\n",
            id="no-rows",
        ),
    ],
)
def test_files_without_participants_are_refused(scene, data):
    with pytest.raises(ValidationError):
        attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=data)
    assert _counts(scene.session) == (0, 0, 0)


def test_with_meeting_data_layout(scene, world):
    hoa = factories.RegistrationFactory(
        cohort=world.cohort,
        user=factories.UserFactory(name="Hoa Nguyen", email="hoa.nguyen@sunrisecommunity.org"),
    )
    jane = factories.RegistrationFactory(
        cohort=world.cohort,
        user=factories.UserFactory(name="Jane Doe", email="jane.doe@pinecrest.org"),
    )
    data = (FIXTURES / "with_meeting_data.csv").read_bytes()
    result = attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=data)
    assert (result.layout, result.row_count) == (
        "with_meeting_data",
        4,
    )  # the waiting-room row is not attendance
    rows = {
        a.registration_id or a.email: (a.status, a.minutes)
        for a in Attendance.objects.filter(session=scene.session)
    }
    assert rows == {
        hoa.pk: (
            "matched",
            Decimal("60.00"),
        ),  # 11:59:45–12:30 and 12:29:30–13:01, clipped to the hour
        jane.pk: ("matched", Decimal("45.00")),
        "echo.hub@unm-example.org": ("review", Decimal("60.00")),
    }


def test_unique_users_layout(scene):
    data = (FIXTURES / "unique_users.csv").read_bytes()
    result = attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=data)
    assert (result.layout, result.row_count) == ("unique_users", 3)
    assert _rows(scene.session) == {
        # 61 minutes reported for a 60-minute session: capped.
        "Amara Okafor": ("matched", scene.amara_reg.pk, Decimal("60.00"), 1, True),
        "Reyes, Tomás": ("matched", scene.tomas_reg.pk, Decimal("59.00"), 1, True),
        "+1 505-555-0143": ("review", None, Decimal("40.00"), 1, True),
    }
    guest = Attendance.objects.get(session=scene.session, dial_in=True)
    assert guest.is_guest is True
    again = attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=data)
    assert again.pk == result.pk
    assert _counts(scene.session) == (1, 3, 3)


def test_unique_users_with_meeting_data_layout(scene, world):
    hoa = factories.RegistrationFactory(
        cohort=world.cohort,
        user=factories.UserFactory(name="Hoa Nguyen", email="hoa.nguyen@sunrisecommunity.org"),
    )
    data = (FIXTURES / "unique_users_with_meeting_data.csv").read_bytes()
    result = attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=data)
    assert (result.layout, result.row_count) == ("unique_users", 3)
    row = Attendance.objects.get(session=scene.session, registration=hoa)
    assert (row.status, row.minutes) == ("matched", Decimal("60.00"))
    jane = Attendance.objects.get(session=scene.session, email="jane.doe@pinecrest.org")
    assert (jane.status, jane.minutes) == ("review", Decimal("45.00"))


@pytest.mark.parametrize(
    ("min_minutes", "min_percent", "amara_counts", "tomas_counts"),
    [
        pytest.param(None, None, True, True, id="no-threshold"),
        pytest.param(52, None, False, True, id="52-minutes"),
        pytest.param(50, None, True, True, id="50-minutes-exactly"),
        pytest.param(None, 90, False, True, id="90-percent-is-54-minutes"),
        pytest.param(None, 95, False, False, id="95-percent"),
        pytest.param(30, 80, True, True, id="both"),
    ],
)
def test_hub_threshold_sets_counts(
    scene, basic_csv, min_minutes, min_percent, amara_counts, tomas_counts
):
    hub = scene.world.hub
    hub.attendance_min_minutes = min_minutes
    hub.attendance_min_percent = min_percent
    hub.save()
    attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=basic_csv)
    rows = _rows(scene.session)
    assert rows["Amara Okafor"][4] is amara_counts
    assert rows["Reyes, Tomás"][4] is tomas_counts


@pytest.mark.parametrize("role", ["participant", "facilitator", "other_hub_admin"])
def test_only_managers_import(scene, basic_csv, role):
    with pytest.raises(PermissionDenied):
        attendance_import_zoom_csv(
            actor=scene.world.users[role], session=scene.session, data=basic_csv
        )
    assert _counts(scene.session) == (0, 0, 0)


def test_join_link_clicks_are_the_evidence_without_a_report(scene, world):
    """Jitsi keeps no report: a click on a personal link counts until the session's end."""
    from allteach.attendance.services import attendance_reconcile
    from allteach.conferencing.models import JoinLink
    from allteach.conferencing.services import join_link_for_user

    link = join_link_for_user(user=scene.amara, session=scene.session)
    JoinLink.objects.filter(pk=link.pk).update(
        first_clicked_at=START + dt.timedelta(minutes=15), clicks=1
    )
    early = join_link_for_user(user=scene.tomas, session=scene.session)
    JoinLink.objects.filter(pk=early.pk).update(
        first_clicked_at=START - dt.timedelta(minutes=5), clicks=1
    )
    late = join_link_for_user(user=world.users["participant"], session=scene.session)
    JoinLink.objects.filter(pk=late.pk).update(
        first_clicked_at=END + dt.timedelta(minutes=1), clicks=1
    )
    assert attendance_reconcile(session=scene.session) == {"created": 2, "updated": 0, "removed": 0}
    assert _rows(scene.session) == {
        "Amara Okafor": ("matched", scene.amara_reg.pk, Decimal("45.00"), 1, True),
        "Tomás Reyes": ("matched", scene.tomas_reg.pk, Decimal("60.00"), 1, True),
    }
    assert Attendance.objects.get(registration=scene.amara_reg).sources == ["link"]
    assert attendance_reconcile(session=scene.session) == {"created": 0, "updated": 0, "removed": 0}
