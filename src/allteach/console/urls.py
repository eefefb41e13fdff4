from django.urls import path

from allteach.console import views

app_name = "console"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:hub_slug>/", views.hub_home, name="hub"),
    path("<slug:hub_slug>/programs/<slug:program_slug>/", views.program, name="program"),
]
