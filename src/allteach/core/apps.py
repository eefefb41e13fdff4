from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "allteach.core"
    label = "core"
    verbose_name = "Core"
