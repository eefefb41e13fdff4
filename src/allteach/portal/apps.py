from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Public and participant pages: catalogue, program and session pages, home."""

    name = "allteach.portal"
    label = "portal"
