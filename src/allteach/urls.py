"""Top-level URL configuration."""

from django.contrib import admin
from django.urls import include, path

from allteach.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/", api.urls),
    path("console/", include("allteach.console.urls")),
    path("", include("allteach.portal.urls")),
]
