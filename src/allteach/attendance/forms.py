"""Forms for the coordinator's attendance page and group-viewing reports."""

from django import forms


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Zoom participants export (CSV)", help_text="Any of Zoom's three layouts."
    )
    timezone = forms.CharField(
        required=False,
        label="Time zone of the Zoom account",
        help_text="Leave empty for the cohort's zone.",
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=500, label="Reason", help_text="Kept in the change history."
    )


class AssignForm(ReasonForm):
    registration = forms.TypedChoiceField(coerce=int, label="Registered person")

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].choices = [
            (r.pk, f"{r.user.name or r.user.email} <{r.user.email}>") for r in registrations
        ]


class AdjustForm(ReasonForm):
    minutes = forms.DecimalField(
        min_value=0, max_digits=7, decimal_places=2, label="Minutes attended"
    )


class AddForm(AdjustForm):
    registration = forms.TypedChoiceField(coerce=int, label="Registered person")

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].choices = [
            (r.pk, f"{r.user.name or r.user.email} <{r.user.email}>") for r in registrations
        ]


class GroupViewingForm(forms.Form):
    headcount = forms.IntegerField(
        min_value=1, max_value=500, label="People watching with you (not counting you)"
    )
    site = forms.CharField(required=False, max_length=200, label="Clinic or site")
    names = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Their names (optional)"
    )
