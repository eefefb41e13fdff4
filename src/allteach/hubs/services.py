"""Writes about hubs and their teams."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from allteach.core.audit import audit
from allteach.hubs.models import Hub, HubMembership, HubRole
from allteach.hubs.selectors import clear_cached_hub_ids

User = get_user_model()


def hub_member_add(*, actor, hub: Hub, email: str, role: str) -> HubMembership:
    """Give an existing account a role on the hub's team."""
    if not actor.has_perm("hubs.change_team", hub):
        raise PermissionDenied
    if role not in HubRole.values:
        raise ValidationError({"role": f"Unknown role “{role}”."})
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(
            {"email": "No account uses this e-mail address; ask them to sign up first."}
        )
    with transaction.atomic():
        membership, created = HubMembership.objects.get_or_create(hub=hub, user=user, role=role)
        if not created:
            raise ValidationError({"role": f"{user} already has this role."})
        audit(
            actor=actor,
            verb="team.add",
            obj=membership,
            hub_id=hub.pk,
            after={"role": role, "user": user.email},
        )
    clear_cached_hub_ids(user)
    return membership


def hub_member_remove(*, actor, membership: HubMembership) -> None:
    """Take a role away; the last hub admin cannot be removed."""
    hub = membership.hub
    if not actor.has_perm("hubs.change_team", hub):
        raise PermissionDenied
    if membership.role == HubRole.ADMIN and hub.memberships.filter(role=HubRole.ADMIN).count() == 1:
        raise ValidationError("A hub needs at least one hub admin.")
    with transaction.atomic():
        audit(
            actor=actor,
            verb="team.remove",
            obj=membership,
            hub_id=hub.pk,
            before={"role": membership.role, "user": membership.user.email},
        )
        membership.delete()


def hub_settings_update(*, actor, hub: Hub, **fields) -> Hub:
    """Change a hub's settings (time zone, guest visits, attendance thresholds)."""
    if not actor.has_perm("hubs.manage_hub", hub):
        raise PermissionDenied
    allowed = {
        "name",
        "description",
        "timezone",
        "contact_email",
        "guest_visit_limit",
        "attendance_min_minutes",
        "attendance_min_percent",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    before = {k: getattr(hub, k) for k in fields}
    for key, value in fields.items():
        setattr(hub, key, value)
    hub.full_clean()
    with transaction.atomic():
        hub.save(update_fields=list(fields))
        audit(actor=actor, verb="hub.update", obj=hub, hub_id=hub.pk, before=before, after=fields)
    return hub
