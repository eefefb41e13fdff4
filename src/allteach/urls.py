"""Top-level URL configuration."""

from django.contrib import admin
from django.urls import include, path

from allteach.api import api
from allteach.attendance.urls import hook_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/", api.urls),
    path("console/", include("allteach.console.urls")),
    path("attendance/", include("allteach.attendance.urls")),
    path("screening/", include("allteach.screening.urls")),
    path("hooks/", include((hook_urlpatterns, "hooks"))),
    path("", include("allteach.conferencing.urls")),
    path("", include("allteach.portal.urls")),
]
