from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "allteach.accounts"
    label = "accounts"
    verbose_name = "Accounts"
