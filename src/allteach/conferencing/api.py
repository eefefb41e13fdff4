"""API: a hub's videoconference settings, Zoom series, and personal join links."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from allteach.conferencing import services
from allteach.conferencing.models import ProviderAccount
from allteach.core.access import access
from allteach.hubs.selectors import hub_get_managed
from allteach.meetings.selectors import session_get_for_user
from allteach.programs.selectors import cohort_get_managed

router = Router(tags=["conferencing"])


class ProviderIn(Schema):
    kind: str
    options: dict[str, str] = {}
    credentials: dict[str, str] = {}
    program: str | None = None


class ProviderOut(Schema):
    kind: str
    program: str | None
    options: dict
    stored_secrets: list[str]


class SeriesOut(Schema):
    sessions_attached: int


class JoinLinkOut(Schema):
    url: str
    expires_at: str


def _out(account: ProviderAccount) -> ProviderOut:
    return ProviderOut(
        kind=account.kind,
        program=account.program.slug if account.program_id else None,
        options=account.options,
        stored_secrets=sorted(account.credentials) if account.secrets_encrypted else [],
    )


@router.get("/hubs/{slug}/conferencing", response=list[ProviderOut])
@access("manager")
def provider_list(request, slug: str):
    """The hub's default service and any program that uses its own (secrets never returned)."""
    hub = hub_get_managed(user=request.user, slug=slug)
    return [_out(a) for a in ProviderAccount.objects.filter(hub=hub).select_related("program")]


@router.put("/hubs/{slug}/conferencing", response=ProviderOut)
@access("manager")
def provider_set(request, slug: str, payload: ProviderIn):
    hub = hub_get_managed(user=request.user, slug=slug)
    program = None
    if payload.program:
        program = get_object_or_404(hub.programs.all(), slug=payload.program)
    account = services.provider_account_set(
        actor=request.user,
        hub=hub,
        program=program,
        kind=payload.kind,
        options=payload.options,
        credentials=payload.credentials,
    )
    return _out(account)


@router.post("/cohorts/{cohort_id}/zoom-series", response=SeriesOut)
@access("manager")
def zoom_series(request, cohort_id: int):
    """Create the cohort's Zoom recurring meetings (split at 50 occurrences)."""
    cohort = cohort_get_managed(user=request.user, cohort_id=cohort_id)
    return SeriesOut(
        sessions_attached=services.zoom_series_ensure(actor=request.user, cohort=cohort)
    )


@router.post("/sessions/{session_id}/join-link", response=JoinLinkOut)
@access("authenticated")
def join_link(request, session_id: int):
    """Your personal `/join/<token>` link for a session (registered participants and the hub team)."""
    session = session_get_for_user(user=request.user, session_id=session_id)
    link = services.join_link_for_participant(user=request.user, session=session)
    return JoinLinkOut(
        url=request.build_absolute_uri(f"/join/{link.token}"),
        expires_at=link.expires_at.isoformat(),
    )
