"""Videoconference accounts per hub or program, meetings per session, personal join links."""

import secrets

from django.conf import settings
from django.db import models

from allteach.conferencing.crypto import decrypt_json, encrypt_json
from allteach.hubs.models import Hub
from allteach.meetings.models import Session
from allteach.programs.models import Program


class ProviderKind(models.TextChoices):
    JITSI = "jitsi", "Jitsi Meet"
    BBB = "bbb", "BigBlueButton"
    ZOOM = "zoom", "Zoom"


class ProviderAccount(models.Model):
    """A hub's videoconference service; a program may use its own instead of the hub's."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="provider_accounts")
    program = models.OneToOneField(
        Program,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="provider_account",
        help_text="Leave empty for the hub's default.",
    )
    kind = models.CharField(max_length=8, choices=ProviderKind.choices, default=ProviderKind.JITSI)
    options = models.JSONField(
        default=dict, blank=True, help_text="Non-secret settings: domain, base URL, app id…"
    )
    secrets_encrypted = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["hub"],
                condition=models.Q(program__isnull=True),
                name="one_default_provider_per_hub",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.program or self.hub}"

    @property
    def credentials(self) -> dict:
        return decrypt_json(self.secrets_encrypted)

    def set_credentials(self, values: dict) -> None:
        self.secrets_encrypted = encrypt_json(values)


class SessionMeeting(models.Model):
    """The provider's meeting for one session (what ensure_meeting returned)."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="meeting")
    kind = models.CharField(max_length=8, choices=ProviderKind.choices)
    key = models.CharField(max_length=120)
    external_id = models.CharField(max_length=256, db_index=True)
    join_url = models.URLField(max_length=1000, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} meeting {self.external_id}"


def _join_token() -> str:
    return secrets.token_urlsafe(16)


class JoinLink(models.Model):
    """One person's link into one session: `/join/<token>` records the click and redirects."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="join_links")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="join_links",
    )
    guest_name = models.CharField(max_length=200, blank=True)
    guest_key = models.CharField(max_length=64, blank=True)
    token = models.CharField(max_length=32, unique=True, default=_join_token)
    moderator = models.BooleanField(default=False)
    provider_registrant_id = models.CharField(max_length=120, blank=True)
    provider_join_url = models.URLField(max_length=1000, blank=True)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    first_clicked_at = models.DateTimeField(null=True, blank=True)
    last_clicked_at = models.DateTimeField(null=True, blank=True)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=models.Q(user__isnull=False),
                name="one_join_link_per_person",
            ),
            models.UniqueConstraint(
                fields=["session", "guest_key"],
                condition=~models.Q(guest_key=""),
                name="one_join_link_per_guest",
            ),
        ]

    def __str__(self) -> str:
        return f"Join link for {self.user or self.guest_name} to {self.session_id}"

    @property
    def display_name(self) -> str:
        return str(self.user) if self.user_id else self.guest_name
