"""Coordinators' corrections: assign, adjust, dismiss, add; each needs a reason and is audited."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from allteach.attendance.models import Attendance, AttendanceAssignment, AttendanceStatus
from allteach.attendance.services import (
    attendance_add_manual,
    attendance_adjust,
    attendance_assign,
    attendance_dismiss,
    attendance_import_zoom_csv,
)
from allteach.core.models import AuditEvent
from tests import factories
from tests.attendance.conftest import BASIC_ROWS, plain_csv


@pytest.fixture
def imported(scene, basic_csv):
    attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=basic_csv)
    return scene


def _row(scene, **lookup) -> Attendance:
    return Attendance.objects.get(session=scene.session, **lookup)


def _state(scene):
    return sorted(
        (a.identity_key, a.status, a.registration_id, a.minutes, a.counts)
        for a in Attendance.objects.filter(session=scene.session)
    )


def test_assign_a_review_row_to_a_registration_with_no_other_time(imported):
    scene = imported
    stranger = _row(scene, name="Mystery Guest")
    row = attendance_assign(
        actor=scene.admin,
        attendance=stranger,
        registration=scene.participant_reg,
        reason="Joined as a guest name",
    )
    assert (row.identity_key, row.status, row.registration_id, row.minutes) == (
        f"registration:{scene.participant_reg.pk}",
        "matched",
        scene.participant_reg.pk,
        Decimal("20.00"),
    )
    assert not Attendance.objects.filter(
        session=scene.session, name="Mystery Guest", status="review"
    ).exists()
    assignment = AttendanceAssignment.objects.get(session=scene.session)
    assert (assignment.identity_key, assignment.aliases, assignment.reason, assignment.actor) == (
        "name:mystery guest",
        ["Mystery Guest"],
        "Joined as a guest name",
        scene.admin,
    )
    event = AuditEvent.objects.get(verb="attendance.assign")
    assert event.before == {
        "status": "review",
        "registration": None,
        "minutes": "20.00",
        "counts": True,
    }
    assert event.after == {
        "status": "matched",
        "registration": scene.participant_reg.pk,
        "minutes": "20.00",
        "counts": True,
    }
    assert (event.reason, event.actor, event.object_id) == (
        "Joined as a guest name",
        scene.admin,
        str(row.pk),
    )

    # A later export with the same person: the assignment holds and the time is the union.
    later = plain_csv([("Mystery Guest", "", "12:25", "12:40")])
    attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=later)
    again = _row(scene, registration=scene.participant_reg)
    assert (again.status, again.minutes, again.connections) == ("matched", Decimal("30.00"), 2)


def test_assign_an_email_row_merges_with_the_registrations_time(scene):
    data = plain_csv(BASIC_ROWS + [("Amara at home", "amara.home@mail.example", "12:45", "13:00")])
    attendance_import_zoom_csv(actor=scene.admin, session=scene.session, data=data)
    home = _row(scene, email="amara.home@mail.example")
    assert (home.status, home.minutes) == ("review", Decimal("15.00"))
    row = attendance_assign(
        actor=scene.admin, attendance=home, registration=scene.amara_reg, reason="Her home e-mail"
    )
    # 12:00–12:20 and 12:25–12:55 from before, with 12:45–13:00: 20 + 35 minutes.
    assert (row.identity_key, row.status, row.minutes, row.connections) == (
        f"registration:{scene.amara_reg.pk}",
        "matched",
        Decimal("55.00"),
        4,
    )
    assert not Attendance.objects.filter(
        session=scene.session, email="amara.home@mail.example", status="review"
    ).exists()
    # Re-importing the same rows (a re-saved file) keeps the assignment.
    attendance_import_zoom_csv(
        actor=scene.admin, session=scene.session, data=data.removeprefix("\ufeff".encode())
    )
    assert _row(scene, registration=scene.amara_reg).minutes == Decimal("55.00")
    assert Attendance.objects.filter(session=scene.session, status="review").count() == 2


def test_assign_a_name_only_row_to_a_registration_already_matched_by_email(imported):
    scene = imported
    stranger = _row(scene, name="Mystery Guest")  # 12:10–12:30, inside Tomás's 12:05–12:59
    attendance_assign(
        actor=scene.admin, attendance=stranger, registration=scene.tomas_reg, reason="His tablet"
    )
    assert not Attendance.objects.filter(
        session=scene.session, name="Mystery Guest", status="review"
    ).exists()
    assert _row(scene, registration=scene.tomas_reg).connections == 2


def test_assign_a_dial_in_row(imported):
    scene = imported
    phone = _row(scene, dial_in=True)
    row = attendance_assign(
        actor=scene.admin,
        attendance=phone,
        registration=scene.participant_reg,
        reason="Her clinic's phone line",
    )
    assert row is not None
    assert (row.status, row.registration_id, row.minutes) == (
        "matched",
        scene.participant_reg.pk,
        Decimal("40.00"),
    )


def test_assign_needs_a_reason_and_a_registration_of_the_cohort(imported):
    scene = imported
    stranger = _row(scene, name="Mystery Guest")
    before = _state(scene)
    with pytest.raises(ValidationError) as caught:
        attendance_assign(
            actor=scene.admin, attendance=stranger, registration=scene.participant_reg, reason="  "
        )
    assert set(caught.value.message_dict) == {"reason"}
    foreign = factories.RegistrationFactory()
    with pytest.raises(ValidationError) as caught:
        attendance_assign(actor=scene.admin, attendance=stranger, registration=foreign, reason="x")
    assert set(caught.value.message_dict) == {"registration"}
    assert _state(scene) == before
    assert AttendanceAssignment.objects.count() == 0
    assert AuditEvent.objects.filter(verb="attendance.assign").count() == 0


def test_adjust_minutes_with_a_reason(imported):
    scene = imported
    hub = scene.world.hub
    hub.attendance_min_minutes = 45
    hub.save()
    amara = _row(scene, registration=scene.amara_reg)
    row = attendance_adjust(
        actor=scene.admin,
        attendance=amara,
        minutes=Decimal("42.5"),
        reason="Lost audio 12:20–12:25",
    )
    fresh = _row(scene, pk=amara.pk)
    assert (fresh.status, fresh.minutes, fresh.counts) == ("manual", Decimal("42.50"), False)
    assert row.pk == amara.pk
    event = AuditEvent.objects.get(verb="attendance.adjust")
    assert event.before == {
        "status": "matched",
        "registration": scene.amara_reg.pk,
        "minutes": "50.00",
        "counts": True,
    }
    assert event.after == {
        "status": "manual",
        "registration": scene.amara_reg.pk,
        "minutes": "42.5",
        "counts": False,
    }
    assert (event.reason, event.actor, event.object_type, event.object_id) == (
        "Lost audio 12:20–12:25",
        scene.admin,
        "attendance.attendance",
        str(amara.pk),
    )
    assert event.hub_id == hub.pk

    # A later import keeps the coordinator's number.
    attendance_import_zoom_csv(
        actor=scene.admin,
        session=scene.session,
        data=plain_csv([("Amara Okafor", "amara.okafor@northvalley.example", "12:55", "13:00")]),
    )
    again = _row(scene, registration=scene.amara_reg)
    assert (again.status, again.minutes) == ("manual", Decimal("42.50"))
    assert (
        Attendance.objects.filter(session=scene.session, registration=scene.amara_reg).count() == 1
    )


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_adjust_without_a_reason_changes_nothing(imported, reason):
    scene = imported
    amara = _row(scene, registration=scene.amara_reg)
    with pytest.raises(ValidationError) as caught:
        attendance_adjust(actor=scene.admin, attendance=amara, minutes=Decimal("10"), reason=reason)
    assert caught.value.message_dict == {
        "reason": ["Say why you are changing attendance; it is kept in the record."]
    }
    fresh = _row(scene, pk=amara.pk)
    assert (fresh.status, fresh.minutes) == ("matched", Decimal("50.00"))
    assert AuditEvent.objects.filter(verb="attendance.adjust").count() == 0


@pytest.mark.parametrize("minutes", ["60.01", "61", "-1"])
def test_adjust_outside_the_session_is_refused(imported, minutes):
    scene = imported
    amara = _row(scene, registration=scene.amara_reg)
    with pytest.raises(ValidationError) as caught:
        attendance_adjust(
            actor=scene.admin, attendance=amara, minutes=Decimal(minutes), reason="typo"
        )
    assert caught.value.message_dict == {"minutes": ["Enter between 0 and 60 minutes."]}
    assert _row(scene, pk=amara.pk).minutes == Decimal("50.00")


def test_adjust_to_the_full_session_is_allowed(imported):
    scene = imported
    amara = _row(scene, registration=scene.amara_reg)
    assert (
        attendance_adjust(
            actor=scene.admin, attendance=amara, minutes=Decimal("60"), reason="ok"
        ).minutes
        == 60
    )


@pytest.mark.parametrize("role", ["participant", "facilitator", "other_hub_admin"])
def test_only_managers_correct(imported, role):
    scene = imported
    actor = scene.world.users[role]
    amara = _row(scene, registration=scene.amara_reg)
    stranger = _row(scene, name="Mystery Guest")
    before = _state(scene)
    with pytest.raises(PermissionDenied):
        attendance_adjust(actor=actor, attendance=amara, minutes=Decimal("1"), reason="x")
    with pytest.raises(PermissionDenied):
        attendance_dismiss(actor=actor, attendance=stranger, reason="x")
    with pytest.raises(PermissionDenied):
        attendance_assign(
            actor=actor, attendance=stranger, registration=scene.participant_reg, reason="x"
        )
    with pytest.raises(PermissionDenied):
        attendance_add_manual(
            actor=actor,
            session=scene.session,
            registration=scene.participant_reg,
            minutes=Decimal("5"),
            reason="x",
        )
    assert _state(scene) == before
    assert (
        AuditEvent.objects.filter(verb__startswith="attendance.")
        .exclude(verb="attendance.import")
        .count()
        == 0
    )


def test_dismiss_a_review_row(imported, basic_csv):
    scene = imported
    stranger = _row(scene, name="Mystery Guest")
    attendance_dismiss(actor=scene.admin, attendance=stranger, reason="The room's own test call")
    fresh = _row(scene, pk=stranger.pk)
    assert (fresh.status, fresh.counts, fresh.minutes) == ("dismissed", False, Decimal("20.00"))
    event = AuditEvent.objects.get(verb="attendance.dismiss")
    assert event.before["status"] == "review" and event.after == {
        "status": "dismissed",
        "registration": None,
        "minutes": "20.00",
        "counts": False,
    }
    assert event.reason == "The room's own test call"
    # Another import of the same people keeps it dismissed.
    attendance_import_zoom_csv(
        actor=scene.admin, session=scene.session, data=basic_csv.removeprefix("\ufeff".encode())
    )
    assert _row(scene, pk=stranger.pk).status == "dismissed"
    with pytest.raises(ValidationError):
        attendance_dismiss(
            actor=scene.admin, attendance=_row(scene, name="+1 505-555-0143"), reason=""
        )
    assert _row(scene, name="+1 505-555-0143").status == "review"


def test_add_manual_attendance(imported):
    scene = imported
    row = attendance_add_manual(
        actor=scene.admin,
        session=scene.session,
        registration=scene.participant_reg,
        minutes=Decimal("35"),
        reason="Watched with the clinic team",
    )
    fresh = _row(scene, pk=row.pk)
    assert (
        fresh.identity_key,
        fresh.status,
        fresh.registration_id,
        fresh.minutes,
        fresh.counts,
    ) == (
        f"registration:{scene.participant_reg.pk}",
        "manual",
        scene.participant_reg.pk,
        Decimal("35.00"),
        True,
    )
    assert (fresh.sources, fresh.evidence, fresh.email) == (
        ["manual"],
        "entered by coordinator",
        "participant@example.org",
    )
    event = AuditEvent.objects.get(verb="attendance.add")
    assert (event.reason, event.after["minutes"], event.after["status"]) == (
        "Watched with the clinic team",
        "35",
        "manual",
    )
    # The same person appears in a later export: the manual row stays.
    attendance_import_zoom_csv(
        actor=scene.admin,
        session=scene.session,
        data=plain_csv([("Participant", "participant@example.org", "12:00", "12:10")]),
    )
    assert _row(scene, registration=scene.participant_reg).minutes == Decimal("35.00")
    assert (
        Attendance.objects.filter(session=scene.session, registration=scene.participant_reg).count()
        == 1
    )


def test_add_manual_for_someone_with_a_row_adjusts_it(imported):
    scene = imported
    row = attendance_add_manual(
        actor=scene.admin,
        session=scene.session,
        registration=scene.tomas_reg,
        minutes=Decimal("58"),
        reason="Phone too",
    )
    assert (row.pk, row.status, row.minutes) == (
        _row(scene, registration=scene.tomas_reg).pk,
        "manual",
        Decimal("58"),
    )
    assert (
        Attendance.objects.filter(session=scene.session, registration=scene.tomas_reg).count() == 1
    )


@pytest.mark.parametrize(
    ("minutes", "reason", "field"),
    [("61", "late", "minutes"), ("10", "", "reason")],
)
def test_add_manual_refuses_bad_input(imported, minutes, reason, field):
    scene = imported
    with pytest.raises(ValidationError) as caught:
        attendance_add_manual(
            actor=scene.admin,
            session=scene.session,
            registration=scene.participant_reg,
            minutes=Decimal(minutes),
            reason=reason,
        )
    assert set(caught.value.message_dict) == {field}
    assert not Attendance.objects.filter(registration=scene.participant_reg).exists()


def test_statuses_are_the_documented_ones():
    assert set(AttendanceStatus.values) == {"matched", "review", "manual", "dismissed"}


def test_changing_the_hub_minimum_recounts_past_attendance(world):
    from decimal import Decimal

    from allteach.attendance.models import Attendance
    from allteach.attendance.services import hub_settings_change

    session = world.session
    short = Attendance.objects.create(
        session=session, identity_key="a", status="matched", minutes=Decimal("20"), counts=True
    )
    long = Attendance.objects.create(
        session=session, identity_key="b", status="matched", minutes=Decimal("50"), counts=True
    )
    hub_settings_change(actor=world.users["hub_admin"], hub=world.hub, attendance_min_minutes=45)
    short.refresh_from_db()
    long.refresh_from_db()
    assert (short.counts, long.counts) == (False, True)
    hub_settings_change(actor=world.users["hub_admin"], hub=world.hub, attendance_min_minutes=None)
    short.refresh_from_db()
    assert short.counts is True


def test_evidence_is_said_in_words_without_raw_tokens():
    from allteach.attendance.services import _evidence_words

    assert _evidence_words("join_token:AbC123, registrant_id:allteach-assigned:7") == (
        "own join link; assigned by a coordinator"
    )
    assert _evidence_words("registrant_id:Zq9, email:ana@example.org") == (
        "provider registration; e-mail ana@example.org"
    )
    assert _evidence_words("name:ana ruiz") == "name “ana ruiz”"
