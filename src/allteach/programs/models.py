"""Programs (teleECHO series), their curriculum, cohorts, schedules and registrations."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from allteach.accounts.validators import validate_timezone
from allteach.hubs.models import Hub

LANGUAGES = [
    ("en", "English"),
    ("es", "Spanish"),
    ("fr", "French"),
    ("pt", "Portuguese"),
    ("hi", "Hindi"),
    ("vi", "Vietnamese"),
    ("nv", "Navajo"),
    ("zh", "Chinese"),
    ("ko", "Korean"),
    ("sw", "Swahili"),
]


class Topic(models.Model):
    """A specialty topic used to find programs (hepatitis C, epilepsy, ...)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProgramStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    ARCHIVED = "archived", "Archived"


PUBLISHED_STATUSES = (ProgramStatus.OPEN, ProgramStatus.CLOSED, ProgramStatus.ARCHIVED)


class Enrolment(models.TextChoices):
    PUBLIC = "public", "Public: anyone may register"
    PRIVATE = "private", "Private: by invitation or approval"


class CreditType(models.TextChoices):
    AMA_PRA_1 = "ama_pra_1", "AMA PRA Category 1 Credit™"
    ANCC = "ancc", "ANCC nursing contact hours"
    ACPE = "acpe", "ACPE pharmacy CE"
    MOC = "moc", "MOC points"
    CEU = "ceu", "Continuing education units"
    CERTIFICATE = "certificate", "Certificate of participation"


class Program(models.Model):
    """A teleECHO series run by one hub."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="programs")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.TextField()
    audience = models.TextField(blank=True)
    professions = models.JSONField(
        default=list, blank=True, help_text="Professions the program is meant for."
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="programs")
    language = models.CharField(max_length=16, choices=LANGUAGES, default="en")
    enrolment = models.CharField(max_length=16, choices=Enrolment.choices, default=Enrolment.PUBLIC)
    status = models.CharField(
        max_length=16, choices=ProgramStatus.choices, default=ProgramStatus.DRAFT, db_index=True
    )
    credit_types = models.JSONField(default=list, blank=True)
    credit_hours_per_session = models.DecimalField(max_digits=4, decimal_places=2, default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.enrolment == Enrolment.PUBLIC

    @property
    def needs_credit_details(self) -> bool:
        return bool(set(self.credit_types) & {CreditType.ACPE, CreditType.MOC})


class CurriculumTopic(models.Model):
    """One didactic talk in the program's curriculum, in order."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="curriculum")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="curriculum_topics",
    )
    presenter_name = models.CharField(
        max_length=200, blank=True, help_text="For a guest presenter without an account."
    )

    class Meta:
        ordering = ["program", "position"]
        constraints = [
            models.UniqueConstraint(fields=["program", "position"], name="unique_topic_position")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def presenter_display(self) -> str:
        return str(self.presenter) if self.presenter_id else self.presenter_name


class Cohort(models.Model):
    """A participant group of a program, with its own language, time zone and schedule."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=120)
    language = models.CharField(max_length=16, choices=LANGUAGES, default="en")
    timezone = models.CharField(
        max_length=64, default="America/Denver", validators=[validate_timezone]
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for no limit."
    )
    waitlist_enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "name"]

    def __str__(self) -> str:
        return f"{self.program} — {self.name}"

    @property
    def hub_id(self) -> int:
        return self.program.hub_id


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"


class Schedule(models.Model):
    """A cohort's recurrence rule; its occurrences become sessions."""

    cohort = models.OneToOneField(Cohort, on_delete=models.CASCADE, related_name="schedule")
    frequency = models.CharField(max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY)
    interval = models.PositiveSmallIntegerField(default=1)
    weekdays = models.JSONField(default=list, blank=True, help_text="0 = Monday … 6 = Sunday")
    month_day = models.PositiveSmallIntegerField(null=True, blank=True)
    month_week = models.SmallIntegerField(null=True, blank=True, help_text="1–4, or -1 for last")
    month_weekday = models.PositiveSmallIntegerField(null=True, blank=True)
    start_date = models.DateField()
    time_of_day = models.TimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    timezone = models.CharField(max_length=64)
    end_date = models.DateField(null=True, blank=True)
    count = models.PositiveSmallIntegerField(null=True, blank=True)
    skipped_dates = models.JSONField(default=list, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Schedule of {self.cohort}"


class ScheduleOverride(models.Model):
    """One occurrence moved or cancelled without touching the rest of the series."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="overrides")
    original_date = models.DateField()
    cancelled = models.BooleanField(default=False)
    new_start_local = models.DateTimeField(
        null=True, blank=True, help_text="Naive local wall-clock time in the schedule's zone."
    )
    new_duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "original_date"], name="unique_override_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.original_date}: {'cancelled' if self.cancelled else 'moved'}"


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", "Awaiting approval"
    APPROVED = "approved", "Registered"
    WAITLISTED = "waitlisted", "On the waitlist"
    DECLINED = "declined", "Declined"
    LEFT = "left", "Left"


ACTIVE_REGISTRATION_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.APPROVED,
    RegistrationStatus.WAITLISTED,
)


class Registration(models.Model):
    """A person's place in a cohort."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(max_length=16, choices=RegistrationStatus.choices, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invitation = models.ForeignKey(
        "Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["cohort", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="unique_registration")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.cohort} ({self.status})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(24)


def _invitation_expiry():
    return timezone.now() + timedelta(days=30)


class Invitation(models.Model):
    """A link that lets one person join a private cohort without approval."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True, default=_invitation_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.cohort}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
