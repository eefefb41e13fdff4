from django.apps import AppConfig


class ConferencingConfig(AppConfig):
    name = "allteach.conferencing"
    label = "conferencing"
    verbose_name = "Conferencing"
