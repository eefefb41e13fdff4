"""Input validation for hub console pages; services do the writing."""

import re
import zoneinfo
from datetime import UTC, date, datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import formset_factory

from allteach.accounts.models import Profession
from allteach.accounts.validators import validate_timezone
from allteach.hubs.models import HubRole
from allteach.programs.models import (
    LANGUAGES,
    CreditType,
    Enrolment,
    Frequency,
    ProgramStatus,
    RegistrationStatus,
)

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]
MONTH_WEEKS = [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (-1, "Last")]


class ConsoleForm(forms.Form):
    """Ties every input to its error container (and help text) for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            bound = self[name]
            ids = [f"{bound.auto_id}_errors"]
            if field.help_text:
                ids.insert(0, f"{bound.auto_id}_helptext")
            field.widget.attrs.setdefault("aria-describedby", " ".join(ids))

    def add_service_error(self, error: ValidationError) -> None:
        """Attach a service's ValidationError to the matching fields, the rest to the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            field = key if key in self.fields else None
            if key not in self.fields and key != NON_FIELD_ERRORS:
                messages = [f"{key.replace('_', ' ').capitalize()}: {m}" for m in messages]
            self.add_error(field, messages)


def timezone_field(**kwargs) -> forms.CharField:
    return forms.CharField(
        max_length=64,
        validators=[validate_timezone],
        help_text="An IANA time zone name, for example America/Denver.",
        **kwargs,
    )


class HubSettingsForm(ConsoleForm):
    timezone = timezone_field(label="Time zone")
    guest_visit_limit = forms.IntegerField(
        min_value=0,
        max_value=100,
        label="Guest visit limit",
        help_text="How many public sessions someone without an account may join.",
    )
    attendance_min_minutes = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=1440,
        label="Minimum minutes attended",
        help_text="Leave empty for no minimum.",
    )
    attendance_min_percent = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=100,
        label="Minimum share of the session attended (%)",
        help_text="Leave empty for no minimum.",
    )


class ProgramForm(ConsoleForm):
    title = forms.CharField(max_length=200)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    audience = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Who it is for"
    )
    professions = forms.MultipleChoiceField(
        required=False, choices=Profession.choices, widget=forms.CheckboxSelectMultiple
    )
    topics = forms.CharField(
        required=False,
        max_length=1000,
        help_text="Comma-separated, for example: hepatitis C, liver disease.",
    )
    language = forms.ChoiceField(choices=LANGUAGES)
    enrolment = forms.ChoiceField(choices=Enrolment.choices, widget=forms.RadioSelect)
    status = forms.ChoiceField(choices=ProgramStatus.choices)
    credit_types = forms.MultipleChoiceField(
        required=False,
        choices=CreditType.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Credit offered",
    )
    credit_hours_per_session = forms.DecimalField(
        max_digits=4,
        decimal_places=2,
        min_value=0,
        initial=0,
        label="Credit hours per session",
    )

    def clean_topics(self) -> list[str]:
        names = [name.strip() for name in self.cleaned_data["topics"].split(",")]
        names = [name for name in names if name]
        too_long = next((name for name in names if len(name) > 100), None)
        if too_long:
            raise ValidationError(f"“{too_long[:40]}…” is too long for a topic (100 characters).")
        return list(dict.fromkeys(names))

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("topics")
        return data


class CurriculumTopicForm(ConsoleForm):
    title = forms.CharField(max_length=200)
    presenter = forms.ModelChoiceField(
        queryset=None, required=False, label="Presenter from the hub team"
    )
    presenter_name = forms.CharField(max_length=200, required=False, label="Or a guest presenter")

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = team

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("presenter") and (cleaned.get("presenter_name") or "").strip():
            raise ValidationError("Choose a team member or type a guest's name, not both.")
        return cleaned


CurriculumFormSet = formset_factory(
    CurriculumTopicForm, extra=3, can_order=True, can_delete=True, max_num=200
)


class CohortForm(ConsoleForm):
    name = forms.CharField(max_length=120)
    language = forms.ChoiceField(choices=LANGUAGES)
    timezone = timezone_field(label="Time zone")
    capacity = forms.IntegerField(
        required=False, min_value=1, help_text="Leave empty for no limit."
    )
    waitlist_enabled = forms.BooleanField(
        required=False, initial=True, label="Keep a waitlist when the cohort is full"
    )


def parse_dates(text: str) -> list[date]:
    """ISO dates separated by commas, spaces or new lines; the first bad entry is named."""
    dates = []
    for entry in re.split(r"[\s,;]+", text.strip()):
        if not entry:
            continue
        try:
            dates.append(date.fromisoformat(entry))
        except ValueError:
            raise ValidationError(f"“{entry}” is not a date; write dates as YYYY-MM-DD.")
    return dates


class ScheduleForm(ConsoleForm):
    frequency = forms.ChoiceField(
        choices=Frequency.choices, widget=forms.RadioSelect, label="Repeats"
    )
    interval = forms.IntegerField(
        min_value=1,
        max_value=6,
        initial=1,
        label="Every how many weeks or months",
        help_text="Weekly: 1 to 3 weeks. Monthly: 1 to 6 months.",
    )
    weekdays = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        label="On these weekdays (weekly)",
    )
    monthly_mode = forms.ChoiceField(
        required=False,
        choices=[("day", "On a day of the month"), ("weekday", "On a weekday of the month")],
        widget=forms.RadioSelect,
        initial="day",
        label="Monthly on",
    )
    month_day = forms.IntegerField(
        required=False, min_value=1, max_value=31, label="Day of the month"
    )
    month_week = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "—"), *MONTH_WEEKS],
        label="Week of the month",
    )
    month_weekday = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "—"), *WEEKDAYS],
        label="Weekday",
    )
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    time_of_day = forms.TimeField(
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"), label="Time of day"
    )
    duration_minutes = forms.IntegerField(
        min_value=1, max_value=1440, initial=60, label="Duration (minutes)"
    )
    timezone = forms.CharField(
        max_length=64,
        label="Time zone",
        help_text="The zone the time of day is in, for example America/Denver.",
    )
    end_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="End date",
        help_text="Give an end date or a number of sessions.",
    )
    count = forms.IntegerField(required=False, min_value=1, label="Number of sessions")
    skipped_dates = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Skipped dates",
        help_text="Dates without a session (holidays), as YYYY-MM-DD, one per line or comma-separated.",
    )

    def clean_skipped_dates(self) -> list[date]:
        return parse_dates(self.cleaned_data["skipped_dates"])

    def schedule_data(self) -> dict:
        """The cleaned input in the shape meetings.services expects."""
        data = dict(self.cleaned_data)
        mode = data.pop("monthly_mode") or "day"
        if data["frequency"] == Frequency.WEEKLY or mode == "day":
            data["month_week"] = data["month_weekday"] = None
        if data["frequency"] == Frequency.WEEKLY or mode == "weekday":
            data["month_day"] = None
        if data["frequency"] == Frequency.MONTHLY:
            data["weekdays"] = []
        return data

    @classmethod
    def initial_for(cls, *, schedule, cohort) -> dict:
        if schedule is None:
            return {"frequency": Frequency.WEEKLY, "timezone": cohort.timezone}
        return {
            "frequency": schedule.frequency,
            "interval": schedule.interval,
            "weekdays": schedule.weekdays,
            "monthly_mode": "weekday" if schedule.month_week is not None else "day",
            "month_day": schedule.month_day,
            "month_week": schedule.month_week,
            "month_weekday": schedule.month_weekday,
            "start_date": schedule.start_date,
            "time_of_day": schedule.time_of_day,
            "duration_minutes": schedule.duration_minutes,
            "timezone": schedule.timezone,
            "end_date": schedule.end_date,
            "count": schedule.count,
            "skipped_dates": "\n".join(schedule.skipped_dates or ()),
        }


class SessionMoveForm(ConsoleForm):
    # A plain text field: Django would read a datetime in the visitor's zone, but the
    # wall clock that matters is the schedule's.
    new_start_local = forms.CharField(
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        label="New start",
    )
    new_duration_minutes = forms.IntegerField(
        required=False, min_value=1, max_value=1440, label="New duration (minutes)"
    )

    def __init__(self, *args, zone_name: str, **kwargs):
        self.zone_name = zone_name
        super().__init__(*args, **kwargs)
        self.fields["new_start_local"].help_text = f"Local time in {zone_name}."

    def clean_new_start_local(self) -> datetime | None:
        text = self.cleaned_data["new_start_local"].strip()
        if not text:
            return None
        naive = None
        for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"):
            try:
                naive = datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
        if naive is None:
            raise ValidationError(f"“{text}” is not a date and time; use YYYY-MM-DD HH:MM.")
        zone = zoneinfo.ZoneInfo(self.zone_name)
        back = naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        if back != naive:
            raise ValidationError(
                f"{naive:%Y-%m-%d %H:%M} does not exist in {self.zone_name} "
                "(the clocks go forward); choose another time."
            )
        return naive

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and cleaned.get("new_start_local") is None
            and not cleaned.get("new_duration_minutes")
        ):
            raise ValidationError("Give a new start, a new duration, or both.")
        return cleaned


class RegistrantFilterForm(forms.Form):
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *RegistrationStatus.choices]
    )
    cohort = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args, cohorts=(), **kwargs):
        # Its own ids: the invitation form on the same page also has a "cohort" field.
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [("", "All cohorts"), *[(c.pk, c.name) for c in cohorts]]


class InvitationForm(ConsoleForm):
    email = forms.EmailField(label="E-mail address")
    cohort = forms.TypedChoiceField(coerce=int)

    def __init__(self, *args, cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [(c.pk, c.name) for c in cohorts]


class MemberAddForm(ConsoleForm):
    email = forms.EmailField(
        label="E-mail address", help_text="The person must already have an account."
    )
    role = forms.ChoiceField(choices=HubRole.choices)
