"""Declared access levels for views and API operations.

Every page and endpoint says who may reach it; the permission-matrix test reads the
declaration, so a new route without one fails the suite instead of escaping review.
"""

from collections.abc import Callable

#: Who may reach a route, from most to least open:
#: public          — anyone, signed in or not
#: authenticated   — any signed-in person
#: team            — the team (any role) of the object's hub, its superhub staff, superusers
#: manager         — hub admins and coordinators of the object's hub, superhub staff, superusers
#: hub_admin       — hub admins of the object's hub, superhub staff, superusers
#: superuser       — Django superusers only
#: signed          — provider webhooks: no person signs in; the request's signature decides
LEVELS = ("public", "authenticated", "team", "manager", "hub_admin", "superuser", "signed")


def access(level: str) -> Callable:
    """Mark a view or API operation with the access level the matrix test expects."""
    if level not in LEVELS:
        raise ValueError(f"Unknown access level {level!r}; use one of {LEVELS}")

    def mark(view):
        view.access_level = level
        return view

    return mark
