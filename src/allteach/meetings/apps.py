from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "allteach.meetings"
    label = "meetings"
    verbose_name = "Meetings"
