"""Write audit events from services, inside their transaction."""

from typing import Any

from django.db import models

from allteach.core.models import AuditEvent


def audit(
    *,
    actor,
    verb: str,
    obj: models.Model,
    hub_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Record that `actor` did `verb` to `obj`."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        hub_id=hub_id,
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        before=before or {},
        after=after or {},
        reason=reason,
    )
