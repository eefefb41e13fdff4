"""Plain data shared by every videoconference provider, and the interface they follow."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal, Protocol, runtime_checkable


class ProviderError(Exception):
    """A provider refused a call or answered something we cannot use."""

    def __init__(self, message: str, *, code: str | int | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status

    def __str__(self) -> str:
        parts = [self.message]
        if self.code is not None:
            parts.append(f"code={self.code}")
        if self.status is not None:
            parts.append(f"status={self.status}")
        return " ".join(parts) if len(parts) == 1 else f"{parts[0]} ({', '.join(parts[1:])})"


class ProviderRateLimited(ProviderError):
    """The provider kept answering 429 after our bounded retries."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class WebhookRejected(ProviderError):
    """An incoming callback failed authentication or could not be read; answer 401/400."""


@dataclass(frozen=True, slots=True)
class MeetingSpec:
    """What we want to exist on the provider: one session, keyed by a stable id."""

    key: str
    title: str
    start_utc: datetime
    duration_minutes: int
    timezone: str = "UTC"
    meta: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MeetingRef:
    """What the provider gave back; store it and hand it to the other calls.

    ``external_id`` is the room name (Jitsi), meetingID (BigBlueButton) or meeting
    id (Zoom); ``data`` holds provider details such as BBB's ``create_time``.
    """

    kind: str
    key: str
    external_id: str
    join_url: str = ""
    data: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Participant:
    """One person joining: our user id, display name and e-mail."""

    id: str
    name: str
    email: str = ""


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    """One continuous presence of one person; reconnections are separate rows.

    ``user_id`` is our ``Participant.id`` where the provider echoes it back (BBB's
    ``ext_user_id``); ``provider_user_id`` is the provider's own id for the person.
    """

    name: str
    email: str
    registrant_id: str
    user_id: str
    join: datetime
    leave: datetime | None
    source: str
    duration_seconds: int | None = None
    provider_user_id: str = ""


@dataclass(frozen=True, slots=True)
class AttendanceEvent:
    """A live join or leave reported by a webhook."""

    kind: Literal["joined", "left"]
    meeting_id: str
    meeting_uuid: str
    participant_uuid: str
    name: str
    email: str
    registrant_id: str
    provider_user_id: str
    at: datetime
    event_ts: int
    dedupe_key: str
    source: str


@runtime_checkable
class ConferenceProvider(Protocol):
    """What the conferencing app needs from any videoconference service."""

    kind: str

    def ensure_meeting(self, meeting: MeetingSpec) -> MeetingRef:
        """Create the meeting, or return the existing one for the same key."""
        ...

    def join_url(self, meeting: MeetingRef, person: Participant, *, moderator: bool) -> str:
        """Return the personal link that lets this person in."""
        ...

    def end_meeting(self, meeting: MeetingRef) -> None:
        """End the meeting for everyone where the provider allows it."""
        ...

    def fetch_attendance(self, meeting: MeetingRef) -> list[AttendanceRow]:
        """Return the provider's attendance rows, or [] where it keeps none."""
        ...


def parse_timestamp(value: object) -> datetime:
    """Read an ISO 8601 string, or epoch seconds/milliseconds, as an aware UTC datetime."""
    if isinstance(value, bool):
        raise ValueError(f"not a timestamp: {value!r}")
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 10**11 else value
        return datetime.fromtimestamp(seconds, tz=UTC)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"not a timestamp: {value!r}")
    text = value.strip()
    if text.isdigit():
        return parse_timestamp(int(text))
    # Ruby's Time#to_s writes "2026-01-13 15:10:39 UTC"; fromisoformat wants an offset.
    if text.endswith(" UTC"):
        text = text[:-4] + "+00:00"
    elif re.search(r" [+-]\d{4}$", text):
        text = f"{text[:-6]}{text[-5:-2]}:{text[-2:]}"
    elif text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        raise ValueError(f"timestamp without a timezone: {value!r}")
    return parsed.astimezone(UTC)
