"""API: cohort schedules and their sessions."""

from datetime import date, datetime, time

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from allteach.accounts.api_auth import OPTIONAL_AUTH
from allteach.core.access import access
from allteach.meetings import selectors, services
from allteach.programs.models import Schedule
from allteach.programs.selectors import cohort_get_managed, cohort_get_visible

router = Router(tags=["schedules and sessions"])


class ScheduleIn(Schema):
    frequency: str
    interval: int = 1
    weekdays: list[int] = []
    month_day: int | None = None
    month_week: int | None = None
    month_weekday: int | None = None
    start_date: date
    time_of_day: time
    duration_minutes: int = 60
    timezone: str
    end_date: date | None = None
    count: int | None = None
    skipped_dates: list[date] = []


class ScheduleOut(ScheduleIn):
    description: str
    sequence: int


class OccurrenceOut(Schema):
    original_date: date
    start_utc: datetime
    end_utc: datetime
    local_start: datetime
    status: str


class PreviewOut(Schema):
    description: str
    total: int
    occurrences: list[OccurrenceOut]


class AgendaItemOut(Schema):
    position: int
    kind: str
    title: str
    minutes: int
    presenter: str

    @staticmethod
    def resolve_presenter(obj):
        return obj.presenter_display


class SessionOut(Schema):
    id: int
    cohort: int
    program: str
    title: str
    original_date: date
    starts_at: datetime
    ends_at: datetime
    status: str

    @staticmethod
    def resolve_cohort(obj):
        return obj.cohort_id

    @staticmethod
    def resolve_program(obj):
        return obj.cohort.program.slug


class SessionDetailOut(SessionOut):
    agenda: list[AgendaItemOut]

    @staticmethod
    def resolve_agenda(obj):
        return list(selectors.session_agenda(session=obj))


class SessionChangeIn(Schema):
    cancelled: bool = False
    new_start_local: datetime | None = None
    new_duration_minutes: int | None = None


def _schedule_out(schedule) -> ScheduleOut:
    rule = services.schedule_from_model(schedule)
    return ScheduleOut(
        frequency=schedule.frequency,
        interval=schedule.interval,
        weekdays=schedule.weekdays,
        month_day=schedule.month_day,
        month_week=schedule.month_week,
        month_weekday=schedule.month_weekday,
        start_date=schedule.start_date,
        time_of_day=schedule.time_of_day,
        duration_minutes=schedule.duration_minutes,
        timezone=schedule.timezone,
        end_date=schedule.end_date,
        count=schedule.count,
        skipped_dates=[date.fromisoformat(d) for d in schedule.skipped_dates],
        description=services.recurrence.describe(rule),
        sequence=schedule.sequence,
    )


@router.post("/schedules/preview", response=PreviewOut)
@access("authenticated")
def schedule_preview(request, payload: ScheduleIn, n: int = 10):
    """What a schedule means, without saving it."""
    description, first, total = services.schedule_preview(data=payload.dict(), n=min(n, 100))
    return PreviewOut(
        description=description,
        total=total,
        occurrences=[OccurrenceOut(**o.__dict__) for o in first],
    )


@router.get("/cohorts/{cohort_id}/schedule", response=ScheduleOut)
@access("manager")
def schedule_get(request, cohort_id: int):
    cohort = cohort_get_managed(user=request.user, cohort_id=cohort_id)
    return _schedule_out(get_object_or_404(Schedule, cohort=cohort))


@router.put("/cohorts/{cohort_id}/schedule", response=ScheduleOut)
@access("manager")
def schedule_set(request, cohort_id: int, payload: ScheduleIn):
    cohort = cohort_get_managed(user=request.user, cohort_id=cohort_id)
    return _schedule_out(
        services.schedule_set(actor=request.user, cohort=cohort, data=payload.dict())
    )


@router.get("/cohorts/{cohort_id}/sessions", response=list[SessionOut], auth=OPTIONAL_AUTH)
@access("public")
def session_list(request, cohort_id: int):
    cohort = cohort_get_visible(user=request.user, cohort_id=cohort_id)
    return selectors.sessions_of_cohort(cohort_id=cohort.pk).select_related("cohort__program")


@router.get("/sessions/{session_id}", response=SessionDetailOut, auth=OPTIONAL_AUTH)
@access("public")
def session_detail(request, session_id: int):
    return selectors.session_get_for_user(user=request.user, session_id=session_id)


@router.post("/sessions/{session_id}/change", response=SessionDetailOut)
@access("manager")
def session_change(request, session_id: int, payload: SessionChangeIn):
    """Move or cancel one session without touching the rest of the series."""
    session = selectors.session_get_for_team(user=request.user, session_id=session_id)
    return services.occurrence_change(actor=request.user, session=session, **payload.dict())


@router.post("/sessions/{session_id}/restore", response=SessionDetailOut)
@access("manager")
def session_restore(request, session_id: int):
    session = selectors.session_get_for_team(user=request.user, session_id=session_id)
    return services.occurrence_restore(actor=request.user, session=session)
