"""Forms for public and participant pages."""

from django import forms

from allteach.accounts.models import Profession
from allteach.programs.models import LANGUAGES


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        label="Search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Topic, title or hub"}),
    )
    topic = forms.ChoiceField(required=False, label="Topic")
    language = forms.ChoiceField(required=False, choices=[("", "Any language"), *LANGUAGES])
    profession = forms.ChoiceField(
        required=False, choices=[("", "Any profession"), *Profession.choices]
    )
    upcoming = forms.BooleanField(required=False, label="Only with upcoming sessions")

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "Any topic"), *[(t.slug, t.name) for t in topics]]


class RegisterForm(forms.Form):
    cohort = forms.TypedChoiceField(coerce=int, label="Cohort")

    def __init__(self, *args, cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [
            (c.pk, f"{c.name} ({c.get_language_display()}, {c.timezone})") for c in cohorts
        ]


class GuestForm(forms.Form):
    name = forms.CharField(max_length=200, label="Your name")
    email = forms.EmailField(
        label="E-mail address", help_text="Used only to count your guest visits."
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, label="Token name", help_text="For example “REDCap export script”."
    )
