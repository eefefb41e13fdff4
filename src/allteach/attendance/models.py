"""Attendance: raw connections from providers, reconciled rows per person, group viewing."""

from django.conf import settings
from django.db import models

from allteach.meetings.models import Session
from allteach.programs.models import Registration


class Source(models.TextChoices):
    ZOOM_API = "zoom_api", "Zoom report"
    ZOOM_CSV = "zoom_csv", "Zoom CSV export"
    ZOOM_WEBHOOK = "zoom_webhook", "Zoom live events"
    BBB = "bbb", "BigBlueButton analytics"
    JITSI = "jitsi", "Jitsi"
    LINK = "link", "Join link"
    MANUAL = "manual", "Entered by coordinator"


class AttendanceImport(models.Model):
    """One file or provider fetch; its digest makes importing the same data twice a no-op."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendance_imports"
    )
    source = models.CharField(max_length=16, choices=Source.choices)
    digest = models.CharField(max_length=64)
    filename = models.CharField(max_length=255, blank=True)
    layout = models.CharField(max_length=32, blank=True)
    row_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "digest"], name="unique_import_digest")
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.filename or self.digest[:8]}"


class Connection(models.Model):
    """One join–leave interval of one person as a provider reported it (evidence)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="connections")
    source_import = models.ForeignKey(
        AttendanceImport,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="connections",
    )
    source = models.CharField(max_length=16, choices=Source.choices)
    dedupe_key = models.CharField(max_length=64)
    name = models.CharField(max_length=200, blank=True)
    email = models.CharField(max_length=254, blank=True)
    registrant_id = models.CharField(max_length=120, blank=True)
    join_token = models.CharField(max_length=64, blank=True)
    participant_key = models.CharField(
        max_length=120, blank=True, help_text="The provider's id for this connection (webhooks)."
    )
    joined_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    minutes_only = models.FloatField(null=True, blank=True)
    is_guest = models.BooleanField(default=False)
    dial_in = models.BooleanField(default=False)
    line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "dedupe_key"], name="unique_connection")
        ]
        indexes = [models.Index(fields=["session", "participant_key"])]

    def __str__(self) -> str:
        return f"{self.name or self.email}: {self.joined_at}–{self.left_at}"


class AttendanceStatus(models.TextChoices):
    MATCHED = "matched", "Matched to a registration"
    REVIEW = "review", "Needs review"
    MANUAL = "manual", "Entered or adjusted by coordinator"
    DISMISSED = "dismissed", "Dismissed (not a participant)"


class Attendance(models.Model):
    """One person's reconciled attendance at one session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    identity_key = models.CharField(max_length=160)
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="attendances"
    )
    status = models.CharField(max_length=16, choices=AttendanceStatus.choices)
    name = models.CharField(max_length=200, blank=True)
    email = models.CharField(max_length=254, blank=True)
    minutes = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    first_join = models.DateTimeField(null=True, blank=True)
    last_leave = models.DateTimeField(null=True, blank=True)
    connections = models.PositiveIntegerField(default=0)
    sources = models.JSONField(default=list, blank=True)
    evidence = models.CharField(max_length=200, blank=True)
    review_reason = models.CharField(max_length=200, blank=True)
    candidates = models.JSONField(default=list, blank=True)
    counts = models.BooleanField(default=False, help_text="Meets the hub's minimum to count.")
    is_guest = models.BooleanField(default=False)
    dial_in = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "identity_key"], name="unique_attendance_identity"
            )
        ]
        indexes = [models.Index(fields=["registration", "session"])]

    def __str__(self) -> str:
        return f"{self.name or self.email} at {self.session_id}: {self.minutes} min"


class GroupViewing(models.Model):
    """People watching together at one screen, reported by the attendee who joined."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="group_viewings")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    headcount = models.PositiveSmallIntegerField(
        help_text="People watching with you, not counting you."
    )
    names = models.TextField(blank=True)
    site = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "reporter"], name="one_group_report_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reporter} +{self.headcount}"


class WebhookDelivery(models.Model):
    """A provider event already processed; a second delivery of the same event is a no-op."""

    dedupe_key = models.CharField(max_length=128, unique=True)
    source = models.CharField(max_length=16, choices=Source.choices)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.dedupe_key


class AttendanceAssignment(models.Model):
    """A coordinator's decision that an unmatched person is this registrant (kept across re-imports)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendance_assignments"
    )
    identity_key = models.CharField(max_length=160)
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    aliases = models.JSONField(default=list)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "identity_key"], name="unique_assignment")
        ]

    def __str__(self) -> str:
        return f"{self.identity_key} → {self.registration_id}"
