"""Schedules become sessions: idempotent, edit-preserving, DST-correct; guest visits."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from allteach.core.models import AuditEvent
from allteach.meetings import selectors, services
from allteach.meetings.models import GuestVisit, Session
from tests import factories

DENVER = zoneinfo.ZoneInfo("America/Denver")


def weekly(start: dt.date, *, weekdays=(1,), count=None, end_date=None, **extra) -> dict:
    return {
        "frequency": "weekly",
        "weekdays": list(weekdays),
        "start_date": start,
        "time_of_day": dt.time(12, 0),
        "duration_minutes": 60,
        "timezone": "America/Denver",
        "count": count,
        "end_date": end_date,
        **extra,
    }


@pytest.fixture
def cohort(world):
    return factories.CohortFactory(program=world.program)


def sessions_of(cohort):
    return list(Session.objects.filter(cohort=cohort).order_by("starts_at"))


def test_schedule_set_creates_sessions_with_agenda_and_audit(world, cohort):
    services.schedule_set(
        actor=world.users["hub_admin"], cohort=cohort, data=weekly(dt.date(2030, 1, 1), count=3)
    )

    sessions = sessions_of(cohort)
    assert [s.starts_at for s in sessions] == [
        dt.datetime(2030, 1, d, 19, 0, tzinfo=dt.UTC) for d in (1, 8, 15)
    ]
    assert [i.kind for i in selectors.session_agenda(session=sessions[0])] == ["welcome", "case"]
    assert AuditEvent.objects.filter(verb="schedule.set", hub_id=world.hub.pk).count() == 1


def test_schedule_set_twice_keeps_the_same_sessions(world, cohort):
    data = weekly(dt.date(2030, 1, 1), count=4)
    services.schedule_set(actor=world.users["hub_admin"], cohort=cohort, data=data)
    first = [(s.pk, s.starts_at) for s in sessions_of(cohort)]

    schedule = services.schedule_set(actor=world.users["hub_admin"], cohort=cohort, data=data)

    assert [(s.pk, s.starts_at) for s in sessions_of(cohort)] == first
    assert schedule.sequence == 1


def test_editing_the_rule_keeps_dates_that_still_occur(world, cohort):
    admin = world.users["hub_admin"]
    services.schedule_set(
        actor=admin, cohort=cohort, data=weekly(dt.date(2030, 1, 1), weekdays=(1, 3), count=6)
    )
    before = {s.original_date: s.pk for s in sessions_of(cohort)}
    assert sorted(before) == [dt.date(2030, 1, d) for d in (1, 3, 8, 10, 15, 17)]

    services.schedule_set(
        actor=admin,
        cohort=cohort,
        data=weekly(dt.date(2030, 1, 1), weekdays=(1,), end_date=dt.date(2030, 1, 15)),
    )

    after = {s.original_date: s.pk for s in sessions_of(cohort)}
    assert after == {
        d: before[d] for d in (dt.date(2030, 1, 1), dt.date(2030, 1, 8), dt.date(2030, 1, 15))
    }


def test_past_sessions_that_no_longer_occur_are_cancelled_not_deleted(world, cohort):
    admin = world.users["hub_admin"]
    services.schedule_set(actor=admin, cohort=cohort, data=weekly(dt.date(2030, 1, 1), count=2))
    past = sessions_of(cohort)[0]
    Session.objects.filter(pk=past.pk).update(starts_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))

    services.schedule_set(actor=admin, cohort=cohort, data=weekly(dt.date(2030, 1, 8), count=1))

    past.refresh_from_db()
    assert past.status == "cancelled"
    assert len(sessions_of(cohort)) == 2


def test_weekly_noon_in_denver_keeps_local_time_across_dst(world, cohort):
    services.schedule_set(
        actor=world.users["hub_admin"], cohort=cohort, data=weekly(dt.date(2030, 3, 5), count=2)
    )

    first, second = sessions_of(cohort)

    assert first.starts_at == dt.datetime(2030, 3, 5, 19, 0, tzinfo=dt.UTC)
    assert second.starts_at == dt.datetime(2030, 3, 12, 18, 0, tzinfo=dt.UTC)
    assert {s.starts_at.astimezone(DENVER).time() for s in (first, second)} == {dt.time(12, 0)}


def test_move_cancel_restore_leave_the_rest_untouched(world, cohort):
    admin = world.users["hub_admin"]
    services.schedule_set(actor=admin, cohort=cohort, data=weekly(dt.date(2030, 1, 1), count=4))
    one, two, *rest = sessions_of(cohort)
    untouched = [(s.pk, s.starts_at, s.ends_at, s.status) for s in rest]

    moved = services.occurrence_change(
        actor=admin,
        session=one,
        new_start_local=dt.datetime(2030, 1, 2, 8, 0),
        new_duration_minutes=90,
    )
    cancelled = services.occurrence_change(actor=admin, session=two, cancelled=True)

    assert (moved.starts_at, moved.ends_at, moved.status) == (
        dt.datetime(2030, 1, 2, 15, 0, tzinfo=dt.UTC),
        dt.datetime(2030, 1, 2, 16, 30, tzinfo=dt.UTC),
        "moved",
    )
    assert cancelled.status == "cancelled"
    assert [(s.pk, s.starts_at, s.ends_at, s.status) for s in sessions_of(cohort)[2:]] == untouched

    restored = services.occurrence_restore(actor=admin, session=one)
    assert (restored.pk, restored.starts_at, restored.status) == (
        one.pk,
        dt.datetime(2030, 1, 1, 19, 0, tzinfo=dt.UTC),
        "scheduled",
    )
    assert [(s.pk, s.starts_at, s.ends_at, s.status) for s in sessions_of(cohort)[2:]] == untouched
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="session.").values_list("verb", flat=True)
    )
    assert sorted(verbs) == ["session.cancel", "session.move", "session.restore"]


def test_facilitator_cannot_change_sessions(world, cohort):
    services.schedule_set(
        actor=world.users["hub_admin"], cohort=cohort, data=weekly(dt.date(2030, 1, 1), count=2)
    )
    session = sessions_of(cohort)[0]

    with pytest.raises(PermissionDenied):
        services.occurrence_change(
            actor=world.users["facilitator"], session=session, cancelled=True
        )
    session.refresh_from_db()
    assert session.status == "scheduled"


def test_schedule_errors_name_fields(world, cohort):
    with pytest.raises(ValidationError) as error:
        services.schedule_set(
            actor=world.users["hub_admin"],
            cohort=cohort,
            data=weekly(dt.date(2030, 1, 1), timezone="Mars/Olympus", count=2),
        )
    assert "timezone" in error.value.message_dict
    assert sessions_of(cohort) == []


def test_guest_visits_limited_by_hub(world):
    world.hub.guest_visit_limit = 2
    world.hub.save()
    sessions = [factories.SessionFactory(cohort=world.cohort) for _ in range(3)]

    first = services.guest_visit_record(
        session=sessions[0], name="Guest", email="guest@example.org"
    )
    again = services.guest_visit_record(
        session=sessions[0], name="Guest", email="GUEST@example.org "
    )
    services.guest_visit_record(session=sessions[1], name="Guest", email="guest@example.org")
    with pytest.raises(ValidationError, match="joined 2 sessions of New Mexico Hub as a guest"):
        services.guest_visit_record(session=sessions[2], name="Guest", email="guest@example.org")

    assert again.pk == first.pk
    assert GuestVisit.objects.count() == 2


def test_guests_refused_for_private_programs(world):
    session = factories.SessionFactory(
        cohort=factories.CohortFactory(program=world.private_program)
    )

    with pytest.raises(ValidationError, match="public, open programs"):
        services.guest_visit_record(session=session, name="Guest", email="g@example.org")


def test_next_sessions_for_participant_are_approved_only_and_upcoming(world):
    waiting_cohort = factories.CohortFactory(program=world.private_program)
    factories.RegistrationFactory(
        cohort=waiting_cohort, user=world.users["participant"], status="pending"
    )
    factories.SessionFactory(cohort=waiting_cohort)

    sessions = selectors.next_sessions_for_participant(user=world.users["participant"])

    assert sessions == [world.session]
