"""Reads about sessions, filtered by what the user may see."""

from datetime import datetime

from django.db.models import Min, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from allteach.hubs.selectors import hub_ids_on_team_of
from allteach.meetings.models import AgendaItem, Session, SessionStatus
from allteach.programs.models import Program, RegistrationStatus
from allteach.programs.selectors import programs_visible_to

LIVE_STATUSES = (SessionStatus.SCHEDULED, SessionStatus.MOVED)


def sessions_visible_to(user) -> QuerySet[Session]:
    """Sessions of programs the user may see."""
    return Session.objects.filter(cohort__program__in=programs_visible_to(user))


def session_get_for_user(*, user, session_id: int) -> Session:
    """The session if the user may see it; 404 otherwise (also for other hubs' drafts)."""
    return get_object_or_404(
        sessions_visible_to(user).select_related(
            "cohort", "cohort__program", "cohort__program__hub", "didactic", "didactic__presenter"
        ),
        pk=session_id,
    )


def session_get_for_team(*, user, session_id: int) -> Session:
    """The session if the user is on its hub's team; 404 otherwise."""
    return get_object_or_404(
        Session.objects.select_related("cohort", "cohort__program", "cohort__program__hub").filter(
            cohort__program__hub_id__in=hub_ids_on_team_of(user)
        ),
        pk=session_id,
    )


def session_agenda(*, session: Session) -> QuerySet[AgendaItem]:
    return session.agenda.select_related("presenter").order_by("position")


def upcoming_sessions_of_program(*, program: Program, limit: int = 12) -> list[Session]:
    return list(
        Session.objects.filter(
            cohort__program=program, starts_at__gte=timezone.now(), status__in=LIVE_STATUSES
        )
        .select_related("cohort", "didactic", "didactic__presenter")
        .order_by("starts_at")[:limit]
    )


def upcoming_sessions_of_cohort(*, cohort_id: int, limit: int = 12) -> list[Session]:
    return list(
        Session.objects.filter(cohort_id=cohort_id, starts_at__gte=timezone.now())
        .select_related("didactic", "didactic__presenter")
        .order_by("starts_at")[:limit]
    )


def sessions_of_cohort(*, cohort_id: int) -> QuerySet[Session]:
    return (
        Session.objects.filter(cohort_id=cohort_id).select_related("didactic").order_by("starts_at")
    )


def next_sessions_for_participant(*, user, limit: int = 10) -> list[Session]:
    """The participant's next sessions across the cohorts they are registered in."""
    if not user.is_authenticated:
        return []
    return list(
        Session.objects.filter(
            cohort__registrations__user=user,
            cohort__registrations__status=RegistrationStatus.APPROVED,
            starts_at__gte=timezone.now() - timezone.timedelta(hours=2),
            status__in=LIVE_STATUSES,
        )
        .select_related("cohort", "cohort__program", "didactic", "didactic__presenter")
        .order_by("starts_at")[:limit]
    )


def with_next_start(
    programs: QuerySet[Program], *, now: datetime | None = None
) -> QuerySet[Program]:
    """Annotate programs with the start of their next live session (None when none)."""
    now = now or timezone.now()
    return programs.annotate(
        next_start=Min(
            "cohorts__sessions__starts_at",
            filter=Q(cohorts__sessions__starts_at__gte=now)
            & Q(cohorts__sessions__status__in=LIVE_STATUSES),
        )
    )


def upcoming_only(programs: QuerySet[Program], *, now: datetime | None = None) -> QuerySet[Program]:
    now = now or timezone.now()
    live = Session.objects.filter(starts_at__gte=now, status__in=LIVE_STATUSES)
    return programs.filter(cohorts__sessions__in=live).distinct()


def sessions_in_window(*, user, start: datetime, end: datetime) -> QuerySet[Session]:
    return (
        sessions_visible_to(user)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("cohort", "cohort__program")
        .prefetch_related(Prefetch("agenda", queryset=AgendaItem.objects.order_by("position")))
    )
