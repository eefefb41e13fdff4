from django.urls import path

from allteach.attendance import views

app_name = "attendance"

urlpatterns = [
    path("sessions/<int:session_id>/", views.session_attendance, name="session"),
    path("sessions/<int:session_id>/import/", views.attendance_import, name="import"),
    path("sessions/<int:session_id>/fetch/", views.attendance_fetch, name="fetch"),
    path("sessions/<int:session_id>/add/", views.attendance_add, name="add"),
    path("sessions/<int:session_id>/group/", views.group_viewing, name="group_viewing"),
    path("rows/<int:attendance_id>/<str:action>/", views.attendance_change, name="change"),
]

hook_urlpatterns = [
    path("zoom/<slug:hub_slug>", views.zoom_webhook, name="zoom_webhook"),
    path("bbb/<str:key>/analytics", views.bbb_analytics, name="bbb_analytics"),
]
