"""Show times in the user's own time zone (profile, else the browser's, else UTC)."""

import zoneinfo

from django.utils import timezone


def _zone(name: str | None):
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class TimezoneMiddleware:
    """Activate the visitor's zone for rendering; data is always stored in UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        zone = None
        if user is not None and user.is_authenticated:
            zone = _zone(user.timezone)
        zone = zone or _zone(request.GET.get("tz")) or _zone(request.COOKIES.get("tz"))
        request.timezone = zone or zoneinfo.ZoneInfo("UTC")
        timezone.activate(request.timezone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
