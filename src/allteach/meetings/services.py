"""Writes about schedules and sessions: a cohort's schedule becomes its Session rows."""

import hashlib
import zoneinfo
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from allteach import recurrence
from allteach.core.audit import audit
from allteach.meetings.models import AgendaItem, AgendaKind, GuestVisit, Session, SessionStatus
from allteach.programs.models import Cohort, Enrolment, ProgramStatus, Schedule, ScheduleOverride

DIDACTIC_MINUTES = 15
WELCOME_MINUTES = 5


def schedule_from_model(schedule: Schedule) -> recurrence.Schedule:
    """The engine's plain view of a stored schedule, overrides included."""
    return recurrence.Schedule(
        frequency=schedule.frequency,
        interval=schedule.interval,
        start_date=schedule.start_date,
        time_of_day=schedule.time_of_day,
        duration_minutes=schedule.duration_minutes,
        timezone=schedule.timezone,
        weekdays=tuple(schedule.weekdays or ()),
        month_day=schedule.month_day,
        month_week=schedule.month_week,
        month_weekday=schedule.month_weekday,
        end_date=schedule.end_date,
        count=schedule.count,
        skipped_dates=frozenset(date.fromisoformat(d) for d in schedule.skipped_dates or ()),
        overrides={
            o.original_date: recurrence.Override(
                cancelled=o.cancelled,
                new_start_local=o.new_start_local,
                new_duration_minutes=o.new_duration_minutes,
            )
            for o in schedule.overrides.all()
        },
    )


def describe_schedule(*, schedule: Schedule) -> str:
    """A sentence saying when a cohort meets ("Every week on Tuesday at 12:00 …")."""
    return recurrence.describe(schedule_from_model(schedule))


def schedule_rule_from_data(data: dict) -> recurrence.Schedule:
    """Build an engine schedule from cleaned form or API data; raise ValidationError on bad input."""
    try:
        rule = recurrence.Schedule(
            frequency=data["frequency"],
            interval=int(data.get("interval") or 1),
            start_date=data["start_date"],
            time_of_day=data["time_of_day"],
            duration_minutes=int(data.get("duration_minutes") or 60),
            timezone=data["timezone"],
            weekdays=tuple(sorted(int(d) for d in data.get("weekdays") or ())),
            month_day=data.get("month_day") or None,
            month_week=data.get("month_week") or None,
            month_weekday=data.get("month_weekday")
            if data.get("month_weekday") not in ("", None)
            else None,
            end_date=data.get("end_date") or None,
            count=data.get("count") or None,
            skipped_dates=frozenset(data.get("skipped_dates") or ()),
        )
    except (KeyError, TypeError) as error:
        raise ValidationError(f"Incomplete schedule: {error}")
    errors = recurrence.validate(rule)
    if errors:
        raise ValidationError(
            {
                ("__all__" if key == recurrence.NON_FIELD else key): [message]
                for key, message in errors.items()
            }
        )
    return rule


def schedule_preview(*, data: dict, n: int = 10) -> tuple[str, list[recurrence.Occurrence], int]:
    """Describe a schedule and list its first occurrences without saving anything."""
    rule = schedule_rule_from_data(data)
    every = recurrence.occurrences(rule)
    return recurrence.describe(rule), every[:n], len(every)


def schedule_set(*, actor, cohort: Cohort, data: dict) -> Schedule:
    """Save a cohort's schedule and bring its sessions in line, keeping one-off changes."""
    if not actor.has_perm("programs.change_program", cohort.program):
        raise PermissionDenied
    rule = schedule_rule_from_data(data)
    with transaction.atomic():
        schedule = Schedule.objects.select_for_update().filter(cohort=cohort).first()
        before = {}
        if schedule is None:
            schedule = Schedule(cohort=cohort)
        else:
            before = {"rule": recurrence.describe(schedule_from_model(schedule))}
            schedule.sequence += 1
        schedule.frequency = rule.frequency
        schedule.interval = rule.interval
        schedule.weekdays = list(rule.weekdays)
        schedule.month_day = rule.month_day
        schedule.month_week = rule.month_week
        schedule.month_weekday = rule.month_weekday
        schedule.start_date = rule.start_date
        schedule.time_of_day = rule.time_of_day
        schedule.duration_minutes = rule.duration_minutes
        schedule.timezone = rule.timezone
        schedule.end_date = rule.end_date
        schedule.count = rule.count
        schedule.skipped_dates = sorted(d.isoformat() for d in rule.skipped_dates)
        schedule.save()
        sessions_sync(schedule=schedule)
        audit(
            actor=actor,
            verb="schedule.set",
            obj=schedule,
            hub_id=cohort.program.hub_id,
            before=before,
            after={"rule": recurrence.describe(rule)},
        )
    return schedule


def sessions_sync(*, schedule: Schedule) -> dict[str, int]:
    """Create, update or drop Session rows so they match the schedule's occurrences.

    Sessions are keyed by their original date, so editing the rule keeps the ones that
    still occur (and anything attached to them). Past sessions are never deleted.
    """
    rule = schedule_from_model(schedule)
    wanted = {o.original_date: o for o in recurrence.occurrences(rule)}
    cohort = schedule.cohort
    existing = {s.original_date: s for s in Session.objects.filter(cohort=cohort)}
    topics = list(cohort.program.curriculum.order_by("position"))
    now = timezone.now()
    created = updated = removed = 0
    to_create = []
    for index, (original_date, occurrence) in enumerate(sorted(wanted.items())):
        status = {
            "scheduled": SessionStatus.SCHEDULED,
            "moved": SessionStatus.MOVED,
            "cancelled": SessionStatus.CANCELLED,
        }[occurrence.status]
        session = existing.pop(original_date, None)
        topic = topics[index % len(topics)] if topics else None
        if session is None:
            to_create.append(
                Session(
                    cohort=cohort,
                    original_date=original_date,
                    starts_at=occurrence.start_utc,
                    ends_at=occurrence.end_utc,
                    status=status,
                    didactic=topic,
                    title=topic.title if topic else "",
                )
            )
            created += 1
        elif (session.starts_at, session.ends_at, session.status) != (
            occurrence.start_utc,
            occurrence.end_utc,
            status,
        ):
            session.starts_at, session.ends_at, session.status = (
                occurrence.start_utc,
                occurrence.end_utc,
                status,
            )
            session.save(update_fields=["starts_at", "ends_at", "status", "updated_at"])
            updated += 1
    Session.objects.bulk_create(to_create, batch_size=500)
    new_sessions = Session.objects.filter(
        cohort=cohort, original_date__in=[s.original_date for s in to_create]
    ).select_related("didactic", "didactic__presenter")
    AgendaItem.objects.bulk_create(
        [item for session in new_sessions for item in default_agenda(session)], batch_size=1000
    )
    for leftover in existing.values():
        if leftover.starts_at > now:
            leftover.delete()
            removed += 1
        elif leftover.status != SessionStatus.CANCELLED:
            leftover.status = SessionStatus.CANCELLED
            leftover.save(update_fields=["status", "updated_at"])
            updated += 1
    return {"created": created, "updated": updated, "removed": removed}


def default_agenda(session: Session) -> list[AgendaItem]:
    """An ECHO agenda: welcome, a short didactic, then case discussion for the rest."""
    total = session.duration_minutes
    items = [
        AgendaItem(
            session=session,
            position=1,
            kind=AgendaKind.WELCOME,
            title="Welcome and introductions",
            minutes=min(WELCOME_MINUTES, total),
        )
    ]
    remaining = total - items[0].minutes
    if session.didactic_id and remaining > 0:
        didactic_minutes = min(DIDACTIC_MINUTES, remaining)
        items.append(
            AgendaItem(
                session=session,
                position=2,
                kind=AgendaKind.DIDACTIC,
                title=session.didactic.title,
                minutes=didactic_minutes,
                presenter=session.didactic.presenter,
                presenter_name=session.didactic.presenter_name,
            )
        )
        remaining -= didactic_minutes
    if remaining > 0:
        items.append(
            AgendaItem(
                session=session,
                position=len(items) + 1,
                kind=AgendaKind.CASE,
                title="Case presentations and discussion",
                minutes=remaining,
            )
        )
    return items


def occurrence_change(
    *,
    actor,
    session: Session,
    cancelled: bool = False,
    new_start_local: datetime | None = None,
    new_duration_minutes: int | None = None,
) -> Session:
    """Move or cancel one session of a series without touching the others."""
    cohort = session.cohort
    if not actor.has_perm("programs.change_program", cohort.program):
        raise PermissionDenied
    schedule = Schedule.objects.filter(cohort=cohort).first()
    if schedule is None:
        raise ValidationError("This cohort has no schedule.")
    if not cancelled and new_start_local is None and not new_duration_minutes:
        raise ValidationError("Choose a new time, a new length, or cancel the session.")
    if new_start_local is not None and new_start_local.tzinfo is None:
        # A naive time is wall-clock time in the schedule's zone; store the instant.
        new_start_local = new_start_local.replace(tzinfo=zoneinfo.ZoneInfo(schedule.timezone))
    with transaction.atomic():
        before = {"starts_at": session.starts_at.isoformat(), "status": session.status}
        ScheduleOverride.objects.update_or_create(
            schedule=schedule,
            original_date=session.original_date,
            defaults={
                "cancelled": cancelled,
                "new_start_local": new_start_local,
                "new_duration_minutes": new_duration_minutes,
            },
        )
        try:
            recurrence.check(schedule_from_model(schedule))
        except recurrence.ScheduleError as error:
            raise ValidationError(list(error.errors.values()))
        schedule.sequence += 1
        schedule.save(update_fields=["sequence", "updated_at"])
        sessions_sync(schedule=schedule)
        session.refresh_from_db()
        audit(
            actor=actor,
            verb="session.cancel" if cancelled else "session.move",
            obj=session,
            hub_id=cohort.program.hub_id,
            before=before,
            after={"starts_at": session.starts_at.isoformat(), "status": session.status},
        )
    return session


def occurrence_restore(*, actor, session: Session) -> Session:
    """Undo a one-off change: the session goes back to the rule's time."""
    cohort = session.cohort
    if not actor.has_perm("programs.change_program", cohort.program):
        raise PermissionDenied
    with transaction.atomic():
        ScheduleOverride.objects.filter(
            schedule__cohort=cohort, original_date=session.original_date
        ).delete()
        schedule = cohort.schedule
        schedule.sequence += 1
        schedule.save(update_fields=["sequence", "updated_at"])
        sessions_sync(schedule=schedule)
        session.refresh_from_db()
        audit(actor=actor, verb="session.restore", obj=session, hub_id=cohort.program.hub_id)
    return session


def guest_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def guest_visit_record(*, session: Session, name: str, email: str) -> GuestVisit:
    """Let someone without an account into a public session, up to the hub's visit limit."""
    program = session.cohort.program
    hub = program.hub
    if program.enrolment != Enrolment.PUBLIC or program.status != ProgramStatus.OPEN:
        raise ValidationError("Guests may join only public, open programs; please register.")
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError("This session was cancelled.")
    if not name.strip() or not email.strip():
        raise ValidationError({"name": "Enter your name and e-mail address."})
    key = guest_key(email)
    with transaction.atomic():
        visit = GuestVisit.objects.filter(session=session, guest_key=key).first()
        if visit:
            return visit
        visits = GuestVisit.objects.filter(hub=hub, guest_key=key).count()
        if visits >= hub.guest_visit_limit:
            raise ValidationError(
                f"You have joined {visits} sessions of {hub.name} as a guest, the most the hub allows. "
                "Please create a free account to keep joining."
            )
        return GuestVisit.objects.create(
            hub=hub, session=session, guest_key=key, name=name.strip()[:200]
        )
