"""Reads about hubs, always filtered by what the user may see."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from allteach.hubs.models import MANAGER_ROLES, Hub, HubMembership, HubRole


def hubs_managed_by(user) -> QuerySet[Hub]:
    """Hubs whose programs, cohorts and registrants the user may change."""
    if not user.is_authenticated:
        return Hub.objects.none()
    if user.is_superuser:
        return Hub.objects.all()
    return Hub.objects.filter(
        Q(memberships__user=user, memberships__role__in=MANAGER_ROLES)
        | Q(superhub__staff_links__user=user)
    ).distinct()


def hubs_on_team_of(user) -> QuerySet[Hub]:
    """Hubs where the user has any team role (or oversees them)."""
    if not user.is_authenticated:
        return Hub.objects.none()
    if user.is_superuser:
        return Hub.objects.all()
    return Hub.objects.filter(
        Q(memberships__user=user) | Q(superhub__staff_links__user=user)
    ).distinct()


def hub_ids_managed_by(user) -> set[int]:
    cache = getattr(user, "_allteach_managed_hub_ids", None)
    if cache is None:
        cache = set(hubs_managed_by(user).values_list("pk", flat=True))
        if user.is_authenticated:
            user._allteach_managed_hub_ids = cache
    return cache


def hub_ids_on_team_of(user) -> set[int]:
    cache = getattr(user, "_allteach_team_hub_ids", None)
    if cache is None:
        cache = set(hubs_on_team_of(user).values_list("pk", flat=True))
        if user.is_authenticated:
            user._allteach_team_hub_ids = cache
    return cache


def hub_ids_administered_by(user) -> set[int]:
    """Hubs whose team the user may change: hub admins and superhub staff."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(Hub.objects.values_list("pk", flat=True))
    return set(
        Hub.objects.filter(
            Q(memberships__user=user, memberships__role=HubRole.ADMIN)
            | Q(superhub__staff_links__user=user)
        ).values_list("pk", flat=True)
    )


def hub_get_managed(*, user, slug: str) -> Hub:
    """The hub if the user may manage it; 404 otherwise (also for other hubs)."""
    return get_object_or_404(hubs_managed_by(user), slug=slug)


def hub_get_for_team(*, user, slug: str) -> Hub:
    return get_object_or_404(hubs_on_team_of(user), slug=slug)


def hub_team(*, hub: Hub) -> QuerySet[HubMembership]:
    return hub.memberships.select_related("user").order_by("role", "user__name", "user__email")


def clear_cached_hub_ids(user) -> None:
    for attr in ("_allteach_managed_hub_ids", "_allteach_team_hub_ids"):
        if hasattr(user, attr):
            delattr(user, attr)


def hub_faculty(*, hub: Hub) -> list:
    """The people who teach in a hub's programs: experts and facilitators, once each."""
    seen, people = set(), []
    for membership in (
        hub.memberships.filter(role__in=(HubRole.EXPERT, HubRole.FACILITATOR))
        .select_related("user")
        .order_by("role", "user__name")
    ):
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            people.append(
                (membership.user, membership.get_role_display(), membership.user.specialty)
            )
    return people
