"""Jitsi Meet: the default provider, usable with no account on a public server.

Rooms are named from the session key plus an HMAC suffix so that nobody can guess
another session's room. On a self-hosted server with token authentication every
person gets their own HS256 JWT; Jitsi keeps no attendance, so ``fetch_attendance``
returns [] and attendance comes from join-link clicks.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time
from collections.abc import Callable
from urllib.parse import quote

import jwt

from .base import AttendanceRow, MeetingRef, MeetingSpec, Participant, ProviderError

PUBLIC_DOMAIN = "meet.jit.si"
_UNSAFE = re.compile(r"[^a-z0-9]+")


def room_name(
    key: str, secret: str | bytes, *, prefix: str = "allteach", suffix_chars: int = 20
) -> str:
    """Return a stable, unguessable room name for a session key.

    Lower-case letters, digits and hyphens only: Prosody lower-cases room names, and
    the JWT ``room`` claim must match what the server sees.
    """
    if not key:
        raise ValueError("a meeting key is required")
    if not secret:
        raise ValueError("a room secret is required, otherwise room names are guessable")
    secret_bytes = secret.encode() if isinstance(secret, str) else secret
    digest = hmac.new(secret_bytes, key.encode(), hashlib.sha256).digest()
    # 20 base32 characters carry 100 bits: far beyond guessing.
    suffix = base64.b32encode(digest).decode().lower().rstrip("=")[:suffix_chars]
    readable = _UNSAFE.sub("-", key.lower()).strip("-")[:40].strip("-")
    prefix = _UNSAFE.sub("", prefix.lower())
    if readable == prefix or readable.startswith(f"{prefix}-"):
        prefix = ""
    parts = [part for part in (prefix, readable, suffix) if part]
    return "-".join(parts)


class JitsiProvider:
    """Jitsi Meet rooms, with per-person JWTs when an app id and secret are configured."""

    kind = "jitsi"

    def __init__(
        self,
        *,
        room_secret: str | bytes,
        domain: str = PUBLIC_DOMAIN,
        app_id: str = "",
        app_secret: str = "",
        audience: str = "jitsi",
        tenant: str = "",
        token_ttl_seconds: int = 4 * 3600,
        room_prefix: str = "allteach",
        clock: Callable[[], float] = time.time,
    ):
        if (app_id and not app_secret) or (app_secret and not app_id):
            raise ProviderError("Jitsi token auth needs both an app id and an app secret")
        self.domain = domain.strip().rstrip("/").removeprefix("https://")
        self.room_secret = room_secret
        self.app_id = app_id
        self.app_secret = app_secret
        self.audience = audience
        self.tenant = tenant
        self.token_ttl_seconds = token_ttl_seconds
        self.room_prefix = room_prefix
        self.clock = clock

    @property
    def uses_tokens(self) -> bool:
        return bool(self.app_secret)

    def room_for(self, key: str) -> str:
        return room_name(key, self.room_secret, prefix=self.room_prefix)

    def ensure_meeting(self, meeting: MeetingSpec) -> MeetingRef:
        """Jitsi creates rooms on first join, so this only names the room."""
        room = self.room_for(meeting.key)
        return MeetingRef(
            kind=self.kind,
            key=meeting.key,
            external_id=room,
            join_url=f"https://{self.domain}/{self._path(room)}",
            data={"domain": self.domain},
        )

    def join_url(self, meeting: MeetingRef, person: Participant, *, moderator: bool) -> str:
        base = f"https://{self.domain}/{self._path(meeting.external_id)}"
        if not self.uses_tokens:
            # A public server has no tokens; the URL fragment pre-fills the display name.
            return f'{base}#userInfo.displayName="{quote(person.name, safe="")}"'
        token = self.token(meeting.external_id, person, moderator=moderator)
        return f"{base}?jwt={token}"

    def token(self, room: str, person: Participant, *, moderator: bool) -> str:
        """Return the HS256 JWT that admits this person to this room."""
        if not self.uses_tokens:
            raise ProviderError("this Jitsi server is configured without token auth")
        now = int(self.clock())
        claims = {
            "iss": self.app_id,
            "aud": self.audience,
            "sub": self.tenant or self.domain,
            "room": room,
            "iat": now,
            # A minute of slack for clocks that run a little behind ours.
            "nbf": now - 60,
            "exp": now + self.token_ttl_seconds,
            "context": {
                "user": {
                    "id": str(person.id),
                    "name": str(person.name),
                    "email": str(person.email or ""),
                    "affiliation": "owner" if moderator else "member",
                }
            },
        }
        return jwt.encode(claims, self.app_secret, algorithm="HS256")

    def end_meeting(self, meeting: MeetingRef) -> None:
        """Jitsi has no API to close a room; it closes when the last person leaves."""

    def fetch_attendance(self, meeting: MeetingRef) -> list[AttendanceRow]:
        """Jitsi keeps no attendance report; attendance comes from join-link clicks."""
        return []

    def _path(self, room: str) -> str:
        return f"{quote(self.tenant, safe='')}/{room}" if self.tenant else room
