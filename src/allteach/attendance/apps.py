from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "allteach.attendance"
    label = "attendance"
    verbose_name = "Attendance"
