"""API: hubs the caller works on, and their teams."""

from ninja import Router, Schema, Status

from allteach.core.access import access
from allteach.hubs import selectors, services

router = Router(tags=["hubs"])


class HubOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    timezone: str
    guest_visit_limit: int
    attendance_min_minutes: int | None
    attendance_min_percent: int | None


class MemberOut(Schema):
    id: int
    email: str
    name: str
    role: str


class MemberIn(Schema):
    email: str
    role: str


@router.get("", response=list[HubOut])
@access("authenticated")
def hub_list(request):
    return selectors.hubs_on_team_of(request.user).order_by("name")


@router.get("/{slug}", response=HubOut)
@access("team")
def hub_detail(request, slug: str):
    return selectors.hub_get_for_team(user=request.user, slug=slug)


@router.get("/{slug}/team", response=list[MemberOut])
@access("manager")
def hub_team(request, slug: str):
    hub = selectors.hub_get_managed(user=request.user, slug=slug)
    return [
        MemberOut(id=m.pk, email=m.user.email, name=m.user.name, role=m.role)
        for m in selectors.hub_team(hub=hub)
    ]


@router.post("/{slug}/team", response={201: MemberOut})
@access("hub_admin")
def hub_team_add(request, slug: str, payload: MemberIn):
    hub = selectors.hub_get_managed(user=request.user, slug=slug)
    membership = services.hub_member_add(
        actor=request.user, hub=hub, email=payload.email, role=payload.role
    )
    return Status(
        201,
        MemberOut(
            id=membership.pk,
            email=membership.user.email,
            name=membership.user.name,
            role=membership.role,
        ),
    )
