"""Videoconference provider clients (Jitsi Meet, BigBlueButton, Zoom); no Django here.

The ``conferencing`` app wraps these, stores credentials encrypted and keeps the
MeetingRef each ``ensure_meeting`` returns.
"""

from .base import (
    AttendanceEvent,
    AttendanceRow,
    ConferenceProvider,
    MeetingRef,
    MeetingSpec,
    Participant,
    ProviderError,
    ProviderRateLimited,
    WebhookRejected,
)
from .http import HttpClient, HttpResponse

__all__ = [
    "AttendanceEvent",
    "AttendanceRow",
    "ConferenceProvider",
    "HttpClient",
    "HttpResponse",
    "MeetingRef",
    "MeetingSpec",
    "Participant",
    "ProviderError",
    "ProviderRateLimited",
    "WebhookRejected",
]
