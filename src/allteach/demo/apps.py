from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Loads a realistic demo world; sits on the top floor and may use every service."""

    name = "allteach.demo"
    label = "demo"
    verbose_name = "Demo data"
