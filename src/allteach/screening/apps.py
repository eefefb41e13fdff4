from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    """Screen text and files for the 18 Safe Harbor identifiers; nothing is ever stored."""

    name = "allteach.screening"
    label = "screening"
    verbose_name = "PHI screening"
