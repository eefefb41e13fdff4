from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    """The hub console: programs, cohorts, schedules, registrants and team."""

    name = "allteach.console"
    label = "console"
