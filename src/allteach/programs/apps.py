from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "allteach.programs"
    label = "programs"
    verbose_name = "Programs"
