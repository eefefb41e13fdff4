"""Sessions (one meeting of a cohort), their agendas, and guest visits."""

from django.conf import settings
from django.db import models

from allteach.hubs.models import Hub
from allteach.programs.models import Cohort, CurriculumTopic


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    MOVED = "moved", "Moved"
    CANCELLED = "cancelled", "Cancelled"


class Session(models.Model):
    """One occurrence of a cohort's schedule, stored in UTC."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    original_date = models.DateField(
        help_text="The schedule date this session came from; its stable key in the series."
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    status = models.CharField(
        max_length=16, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    title = models.CharField(max_length=200, blank=True)
    didactic = models.ForeignKey(
        CurriculumTopic, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "original_date"], name="unique_session_per_date"
            )
        ]
        indexes = [models.Index(fields=["cohort", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.cohort.program} — {self.starts_at:%Y-%m-%d}"

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED


class AgendaKind(models.TextChoices):
    WELCOME = "welcome", "Welcome and introductions"
    DIDACTIC = "didactic", "Didactic"
    CASE = "case", "Case presentation"
    DISCUSSION = "discussion", "Discussion"


class AgendaItem(models.Model):
    """A slot on a session's agenda: about 15 min didactic, about 45 min cases."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=AgendaKind.choices)
    title = models.CharField(max_length=200)
    minutes = models.PositiveSmallIntegerField()
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    presenter_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="unique_agenda_position")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def presenter_display(self) -> str:
        return str(self.presenter) if self.presenter_id else self.presenter_name


class GuestVisit(models.Model):
    """A visit by someone without an account to a public session; the hub limits how many."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="guest_visits")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="guest_visits")
    guest_key = models.CharField(max_length=64, db_index=True, help_text="Hash of the e-mail.")
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "guest_key"], name="unique_guest_visit")
        ]

    def __str__(self) -> str:
        return f"{self.name} (guest) at {self.session_id}"
