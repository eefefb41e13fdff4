"""Optionally require hub staff to use two-factor authentication before they manage anything."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect

from allteach.hubs.selectors import hub_ids_on_team_of

#: Pages that act on a hub's data; participants' own pages stay reachable.
STAFF_PREFIXES = ("/console/", "/attendance/sessions/", "/attendance/rows/", "/conferencing/")


class StaffMfaMiddleware:
    """With REQUIRE_STAFF_MFA on, hub team members without an authenticator are sent to set one up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.REQUIRE_STAFF_MFA
            and request.path.startswith(STAFF_PREFIXES)
            and request.user.is_authenticated
            and (request.user.is_superuser or hub_ids_on_team_of(request.user))
            and not Authenticator.objects.filter(user=request.user).exists()
        ):
            messages.warning(
                request,
                "Your hub requires two-factor authentication for its team. Set up an "
                "authenticator app to continue.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
