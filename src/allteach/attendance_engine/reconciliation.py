"""Merge, match and apply the attendance policy in one call, giving rows for the database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from .matching import match
from .merging import merge, summarise
from .policy import counts
from .records import AttendanceRow, PersonAttendance, ProviderRecord, Registrant


def reconcile(
    records: Iterable[ProviderRecord],
    registrants: Iterable[Registrant],
    *,
    session_start: datetime,
    session_end: datetime,
    min_minutes: int | None = None,
    min_percent: int | None = None,
) -> list[AttendanceRow]:
    """Return one row per registration attended and one per person needing review.

    People matched to the same registration (a phone line and a laptop linked
    only through the registration) become one row whose minutes are the union
    of all their intervals. Matched rows are keyed by registration, the rest by
    the person's strongest identity, so importing the same data again yields
    the same keys.
    """
    if session_start is None or session_end is None:
        raise ValueError("reconcile needs the session window")
    people = merge(records, session_start=session_start, session_end=session_end)
    result = match(people, registrants)
    session_minutes = (session_end - session_start).total_seconds() / 60

    def row(person: PersonAttendance, **fields) -> AttendanceRow:
        return AttendanceRow(
            name=person.name,
            email=person.email,
            attended_seconds=person.attended_seconds,
            minutes=round(person.minutes, 2),
            first_join=person.first_join,
            last_leave=person.last_leave,
            connections=person.connections,
            sources=person.sources,
            is_guest=person.is_guest,
            dial_in=person.dial_in,
            counts=counts(
                person.minutes, session_minutes, min_minutes=min_minutes, min_percent=min_percent
            ),
            **fields,
        )

    by_registrant: dict = defaultdict(list)
    for person, registrant_id, evidence in result.matched:
        by_registrant[registrant_id].append((person, evidence))
    rows = []
    for registrant_id, items in by_registrant.items():
        person = items[0][0]
        if len(items) > 1:
            person = summarise(
                [record for other, _ in items for record in other.evidence],
                session_start,
                session_end,
                key=f"registration:{registrant_id}",
            )
        rows.append(
            row(
                person,
                identity_key=f"registration:{registrant_id}",
                status="matched",
                registrant_id=registrant_id,
                match_evidence="; ".join(sorted({evidence for _, evidence in items})),
                review_reason="",
                candidates=(),
            )
        )
    for person, reason, candidates in result.review:
        rows.append(
            row(
                person,
                identity_key=person.identity_key,
                status="review",
                registrant_id=None,
                match_evidence="",
                review_reason=reason,
                candidates=tuple(candidates),
            )
        )
    rows.sort(key=lambda item: item.identity_key)
    return rows
