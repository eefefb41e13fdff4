from django.urls import path

from allteach.screening import views

app_name = "screening"

urlpatterns = [
    path("", views.check, name="check"),
    path("file/", views.check_file, name="check_file"),
]
