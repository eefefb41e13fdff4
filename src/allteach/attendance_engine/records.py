"""Plain data passed in and out of the attendance engine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

SOURCES = frozenset({"zoom_api", "zoom_csv", "zoom_webhook", "bbb", "jitsi", "link", "manual"})


class ProviderRecord(NamedTuple):
    """One connection of one participant as a provider reported it.

    ``join``/``leave`` are aware UTC datetimes. A record from a report that
    gives only a total (Zoom's "unique users" export) carries ``minutes_only``;
    its ``join``/``leave`` are then an anchor at the meeting start when known,
    otherwise ``None``. A NamedTuple because a 10,000-person session builds
    tens of thousands of these and they must stay cheap and hashable.
    """

    source: str
    name: str
    email: str | None
    registrant_id: str | None
    join_token: str | None
    join: datetime | None
    leave: datetime | None
    line: int | None = None
    is_guest: bool = False
    dial_in: bool = False
    minutes_only: float | None = None


@dataclass(frozen=True, slots=True)
class ParsedReport:
    """A provider report: its layout, meeting header (if any) and attendance records."""

    layout: str
    meeting: dict | None
    records: list[ProviderRecord]


class PersonAttendance(NamedTuple):
    """All connections of one person in one session, merged.

    ``emails`` are canonical (lower case; gmail without dots and +tags), as
    matching compares them; ``email`` and ``name`` are for display.
    """

    identity_key: str
    name: str
    email: str | None
    emails: tuple[str, ...]
    registrant_ids: tuple[str, ...]
    join_tokens: tuple[str, ...]
    attended_seconds: float
    first_join: datetime | None
    last_leave: datetime | None
    connections: int
    sources: tuple[str, ...]
    is_guest: bool
    dial_in: bool
    evidence: tuple[ProviderRecord, ...]

    @property
    def minutes(self) -> float:
        """Minutes attended: the length of the union of this person's intervals."""
        return self.attended_seconds / 60


@dataclass(frozen=True, slots=True)
class Registrant:
    """A registration to match attendance against.

    ``aliases`` holds other e-mail addresses (anything with an ``@``) and other
    names the person is known by; ``registrant_ids`` are provider registrant
    ids and ``join_tokens`` the tokens of our own join links.
    """

    id: str | int
    name: str
    email: str | None
    aliases: tuple[str, ...] = ()
    registrant_ids: tuple[str, ...] = ()
    join_tokens: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MatchResult:
    """People matched to a registration, and people a coordinator must review."""

    matched: list[tuple[PersonAttendance, str | int, str]]
    review: list[tuple[PersonAttendance, str, tuple[str | int, ...]]]


class AttendanceRow(NamedTuple):
    """One row ready for the attendance table; ``identity_key`` is stable across re-imports."""

    identity_key: str
    status: str  # "matched" or "review"
    registrant_id: str | int | None
    match_evidence: str
    review_reason: str
    candidates: tuple[str | int, ...]
    name: str
    email: str | None
    attended_seconds: float
    minutes: float
    first_join: datetime | None
    last_leave: datetime | None
    connections: int
    sources: tuple[str, ...]
    is_guest: bool
    dial_in: bool
    counts: bool
