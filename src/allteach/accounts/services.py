"""Writes about accounts: profile changes and API tokens."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from allteach.accounts.models import ApiToken, User
from allteach.core.audit import audit

PROFILE_FIELDS = (
    "name",
    "profession",
    "specialty",
    "organisation",
    "practice_zip",
    "state",
    "country",
    "preferred_language",
    "timezone",
    "npi",
    "licence_state",
    "board",
    "board_id",
    "birth_mmdd",
    "nabp_eprofile_id",
)


def profile_update(*, actor, user: User, **fields) -> User:
    """Change a person's own profile; validated by the model's field validators."""
    if actor.pk != user.pk:
        raise PermissionDenied
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    for key, value in fields.items():
        setattr(user, key, value)
    user.full_clean(exclude=["password"])
    with transaction.atomic():
        user.save(update_fields=list(fields))
        audit(actor=actor, verb="profile.update", obj=user, after={"fields": sorted(fields)})
    return user


def api_token_issue(*, actor, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token; the secret is returned once and never stored."""
    if not actor.is_authenticated:
        raise PermissionDenied
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Give the token a name so you can recognise it later."})
    with transaction.atomic():
        token, raw = ApiToken.issue(user=actor, name=name[:100])
        audit(actor=actor, verb="api_token.issue", obj=token, after={"name": token.name})
    return token, raw


def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit(actor=actor, verb="api_token.revoke", obj=token)
    return token
