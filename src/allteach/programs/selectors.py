"""Reads about programs, cohorts and registrations, filtered by what the user may see."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from allteach.hubs.selectors import hub_ids_managed_by, hub_ids_on_team_of
from allteach.programs.models import (
    ACTIVE_REGISTRATION_STATUSES,
    PUBLISHED_STATUSES,
    Cohort,
    CurriculumTopic,
    Invitation,
    Program,
    ProgramStatus,
    Registration,
    RegistrationStatus,
    Topic,
)


def programs_visible_to(user) -> QuerySet[Program]:
    """Published programs, plus drafts of the hubs the user works on."""
    visible = Q(status__in=PUBLISHED_STATUSES)
    if user.is_authenticated:
        visible |= Q(hub_id__in=hub_ids_on_team_of(user))
    return Program.objects.filter(visible)


def programs_managed_by(user) -> QuerySet[Program]:
    if not user.is_authenticated:
        return Program.objects.none()
    return Program.objects.filter(hub_id__in=hub_ids_managed_by(user))


def program_get_for_user(*, user, slug: str) -> Program:
    """The program if the user may see it; 404 otherwise."""
    return get_object_or_404(programs_visible_to(user).select_related("hub"), slug=slug)


def program_get_managed(*, user, slug: str) -> Program:
    """The program if the user may change it; 404 otherwise (also for other hubs)."""
    return get_object_or_404(programs_managed_by(user).select_related("hub"), slug=slug)


def catalogue(
    *,
    query: str = "",
    topic: str = "",
    language: str = "",
    profession: str = "",
) -> QuerySet[Program]:
    """The public catalogue: open and closed programs, searchable and filterable."""
    programs = Program.objects.filter(status__in=(ProgramStatus.OPEN, ProgramStatus.CLOSED))
    if query:
        programs = programs.filter(
            Q(title__icontains=query)
            | Q(summary__icontains=query)
            | Q(audience__icontains=query)
            | Q(topics__name__icontains=query)
            | Q(hub__name__icontains=query)
        )
    if topic:
        programs = programs.filter(topics__slug=topic)
    if language:
        programs = programs.filter(language=language)
    if profession:
        # JSON containment is not portable to SQLite; the list is short, match its text.
        programs = programs.filter(professions__icontains=f'"{profession}"')
    return programs.distinct().select_related("hub").prefetch_related("topics").order_by("title")


def topics_in_use() -> QuerySet[Topic]:
    return Topic.objects.filter(
        programs__status__in=(ProgramStatus.OPEN, ProgramStatus.CLOSED)
    ).distinct()


def program_curriculum(*, program: Program) -> QuerySet[CurriculumTopic]:
    return program.curriculum.select_related("presenter").order_by("position")


def program_cohorts(*, program: Program) -> QuerySet[Cohort]:
    return (
        program.cohorts.select_related("schedule")
        .annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.APPROVED)
            ),
            waitlist_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
            ),
            pending_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.PENDING)
            ),
        )
        .order_by("name")
    )


def cohort_get_managed(*, user, cohort_id: int) -> Cohort:
    return get_object_or_404(
        Cohort.objects.select_related("program", "program__hub").filter(
            program__hub_id__in=hub_ids_managed_by(user)
        ),
        pk=cohort_id,
    )


def cohort_get_visible(*, user, cohort_id: int) -> Cohort:
    return get_object_or_404(
        Cohort.objects.select_related("program", "program__hub").filter(
            program__in=programs_visible_to(user)
        ),
        pk=cohort_id,
    )


def cohorts_visible_to(user) -> QuerySet[Cohort]:
    return Cohort.objects.filter(program__in=programs_visible_to(user))


def cohort_active_count(*, cohort: Cohort) -> int:
    return cohort.registrations.filter(status=RegistrationStatus.APPROVED).count()


def registrations_of_user(*, user) -> QuerySet[Registration]:
    """The user's own registrations, newest program first."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return (
        Registration.objects.filter(user=user, status__in=ACTIVE_REGISTRATION_STATUSES)
        .select_related("cohort", "cohort__program", "cohort__program__hub")
        .order_by("cohort__program__title")
    )


def registration_of_user_in_program(*, user, program: Program) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(
            user=user, cohort__program=program, status__in=ACTIVE_REGISTRATION_STATUSES
        )
        .select_related("cohort")
        .first()
    )


def registrations_visible_to(user) -> QuerySet[Registration]:
    """Registrations the user may see: their own and those of hubs they manage."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return Registration.objects.filter(
        Q(user=user) | Q(cohort__program__hub_id__in=hub_ids_managed_by(user))
    )


def registration_get_visible(*, user, registration_id: int) -> Registration:
    return get_object_or_404(
        registrations_visible_to(user).select_related("cohort", "cohort__program", "user"),
        pk=registration_id,
    )


def registrants_of_program(*, program: Program, status: str = "") -> QuerySet[Registration]:
    registrations = Registration.objects.filter(cohort__program=program).select_related(
        "user", "cohort"
    )
    if status:
        registrations = registrations.filter(status=status)
    return registrations.order_by("cohort__name", "status", "user__name", "user__email")


def invitations_of_program(*, program: Program) -> QuerySet[Invitation]:
    return Invitation.objects.filter(cohort__program=program).select_related("cohort")


def invitation_get_usable(*, token: str) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("cohort", "cohort__program"),
        token=token,
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
