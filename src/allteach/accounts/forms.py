"""Sign-up and profile forms."""

import zoneinfo

from django import forms
from django.contrib.auth import get_user_model

from allteach.accounts.models import Profession
from allteach.accounts.validators import validate_timezone, validate_us_zip

User = get_user_model()

COMMON_ZONES = sorted(zoneinfo.available_timezones())


class SignupExtraForm(forms.Form):
    """Fields asked at sign-up beyond e-mail and password."""

    name = forms.CharField(max_length=200, label="Full name")
    profession = forms.ChoiceField(choices=[("", "Choose…"), *Profession.choices])
    practice_zip = forms.CharField(
        max_length=10, required=False, label="Practice ZIP", validators=[validate_us_zip]
    )
    timezone = forms.CharField(
        max_length=64,
        required=False,
        label="Time zone",
        help_text="Filled in from your device; sessions are shown in this zone.",
        validators=[validate_timezone],
        widget=forms.TextInput(attrs={"data-detect-timezone": "1", "autocomplete": "off"}),
    )
    field_order = [
        "name",
        "email",
        "profession",
        "practice_zip",
        "timezone",
        "password1",
        "password2",
    ]

    def signup(self, request, user):
        """allauth calls this after creating the user; the adapter already copied the fields."""


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "name",
            "profession",
            "specialty",
            "organisation",
            "practice_zip",
            "state",
            "country",
            "preferred_language",
            "timezone",
            "npi",
            "licence_state",
            "board",
            "board_id",
            "birth_mmdd",
            "nabp_eprofile_id",
        ]
        help_texts = {
            "npi": "10 digits; needed for physician credit reporting.",
            "birth_mmdd": "Month and day only (MMDD); needed for pharmacy CE and MOC reporting.",
        }

    CREDIT_FIELDS = ("npi", "licence_state", "board", "board_id", "birth_mmdd", "nabp_eprofile_id")

    def __init__(self, *args, needs_credit_details: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_credit_details = needs_credit_details
        self.fields["practice_zip"].validators.append(validate_us_zip)

    def clean_state(self):
        return (self.cleaned_data.get("state") or "").upper()

    def clean_licence_state(self):
        return (self.cleaned_data.get("licence_state") or "").upper()

    def clean_country(self):
        return (self.cleaned_data.get("country") or "").upper()

    def credit_fields(self):
        return [self[name] for name in self.CREDIT_FIELDS]

    def basic_fields(self):
        return [self[name] for name in self.fields if name not in self.CREDIT_FIELDS]
