from django.apps import AppConfig


class HubsConfig(AppConfig):
    name = "allteach.hubs"
    label = "hubs"
    verbose_name = "Hubs"
