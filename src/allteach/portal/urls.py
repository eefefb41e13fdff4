from django.urls import path

from allteach.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("programs/<slug:slug>/", views.program_detail, name="program"),
    path("programs/<slug:slug>/register/", views.program_register, name="register"),
    path("cohorts/<int:cohort_id>/calendar.ics", views.cohort_calendar, name="cohort_calendar"),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path("sessions/<int:session_id>/join/", views.session_join, name="session_join"),
    path("sessions/<int:session_id>/guest/", views.session_guest, name="session_guest"),
    path("home/", views.home, name="home"),
    path("registrations/<int:registration_id>/leave/", views.registration_leave, name="leave"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("me/profile/", views.profile, name="profile"),
    path("me/tokens/", views.api_tokens, name="api_tokens"),
    path("me/tokens/<int:token_id>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("healthz", views.healthz, name="healthz"),
]
