from django.urls import path

from allteach.console import views

app_name = "console"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:hub_slug>/", views.hub_home, name="hub"),
    path("<slug:hub_slug>/settings/", views.hub_settings, name="hub_settings"),
    path("<slug:hub_slug>/team/", views.team, name="team"),
    path("<slug:hub_slug>/team/add/", views.team_add, name="team_add"),
    path(
        "<slug:hub_slug>/team/<int:membership_id>/remove/",
        views.team_remove,
        name="team_remove",
    ),
    path("<slug:hub_slug>/programs/new/", views.program_create, name="program_create"),
    path("<slug:hub_slug>/programs/<slug:program_slug>/", views.program, name="program"),
    path(
        "<slug:hub_slug>/programs/<slug:program_slug>/edit/",
        views.program_edit,
        name="program_edit",
    ),
    path(
        "<slug:hub_slug>/programs/<slug:program_slug>/curriculum/",
        views.curriculum,
        name="curriculum",
    ),
    path(
        "<slug:hub_slug>/programs/<slug:program_slug>/cohorts/new/",
        views.cohort_create,
        name="cohort_create",
    ),
    path(
        "<slug:hub_slug>/programs/<slug:program_slug>/registrants/",
        views.registrants,
        name="registrants",
    ),
    path(
        "<slug:hub_slug>/programs/<slug:program_slug>/registrants.csv",
        views.registrants_csv,
        name="registrants_csv",
    ),
    path(
        "<slug:hub_slug>/programs/<slug:program_slug>/registrants/<int:registration_id>/decide/",
        views.registration_decide,
        name="registration_decide",
    ),
    path(
        "<slug:hub_slug>/programs/<slug:program_slug>/invitations/",
        views.invitation_create,
        name="invitation_create",
    ),
    path("<slug:hub_slug>/cohorts/<int:cohort_id>/edit/", views.cohort_edit, name="cohort_edit"),
    path(
        "<slug:hub_slug>/cohorts/<int:cohort_id>/schedule/",
        views.schedule_edit,
        name="schedule",
    ),
    path(
        "<slug:hub_slug>/cohorts/<int:cohort_id>/schedule/preview/",
        views.schedule_preview,
        name="schedule_preview",
    ),
    path(
        "<slug:hub_slug>/cohorts/<int:cohort_id>/sessions/",
        views.sessions,
        name="sessions",
    ),
    path(
        "<slug:hub_slug>/sessions/<int:session_id>/move/",
        views.session_move,
        name="session_move",
    ),
    path(
        "<slug:hub_slug>/sessions/<int:session_id>/cancel/",
        views.session_cancel,
        name="session_cancel",
    ),
    path(
        "<slug:hub_slug>/sessions/<int:session_id>/restore/",
        views.session_restore,
        name="session_restore",
    ),
]
