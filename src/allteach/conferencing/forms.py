"""The hub's videoconference settings form; secrets are write-only."""

from django import forms

from allteach.conferencing.models import ProviderKind


class ProviderAccountForm(forms.Form):
    kind = forms.ChoiceField(choices=ProviderKind.choices, label="Videoconference service")
    domain = forms.CharField(
        required=False, label="Jitsi server", help_text="Empty for meet.jit.si (no account needed)."
    )
    app_id = forms.CharField(required=False, label="Jitsi app id (token auth)")
    app_secret = forms.CharField(
        required=False,
        widget=forms.PasswordInput,
        label="Jitsi app secret",
        help_text="Leave empty to keep the stored secret.",
    )
    base_url = forms.URLField(
        required=False,
        assume_scheme="https",
        label="BigBlueButton API URL",
        help_text="e.g. https://bbb.example.org/bigbluebutton",
    )
    secret = forms.CharField(
        required=False,
        widget=forms.PasswordInput,
        label="BigBlueButton shared secret",
        help_text="Leave empty to keep the stored secret.",
    )
    account_id = forms.CharField(required=False, label="Zoom account id")
    client_id = forms.CharField(required=False, label="Zoom client id")
    client_secret = forms.CharField(
        required=False,
        widget=forms.PasswordInput,
        label="Zoom client secret",
        help_text="Leave empty to keep the stored secret.",
    )
    webhook_secret = forms.CharField(
        required=False,
        widget=forms.PasswordInput,
        label="Zoom webhook secret token",
        help_text="Leave empty to keep the stored secret.",
    )

    OPTION_FIELDS = ("domain", "app_id", "base_url", "account_id", "client_id")
    SECRET_FIELDS = ("app_secret", "secret", "client_secret", "webhook_secret")

    def options(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.OPTION_FIELDS}

    def credentials(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SECRET_FIELDS}
