"""Values every page template needs."""

from django.conf import settings


def site(request):
    return {
        "site_name": "allteach",
        "visitor_timezone": getattr(request, "timezone", None),
        "site_url": settings.SITE_URL,
    }
