from django.urls import path

from allteach.conferencing import views

app_name = "conferencing"

urlpatterns = [
    path("join/<str:token>", views.join, name="join"),
    path("conferencing/<slug:hub_slug>/", views.provider_settings, name="settings"),
    path(
        "conferencing/<slug:hub_slug>/cohorts/<int:cohort_id>/zoom-series/",
        views.zoom_series,
        name="zoom_series",
    ),
]
