"""Builders shared by the attendance engine tests."""

from datetime import UTC, datetime, timedelta

from allteach.attendance_engine import ProviderRecord

START = datetime(2026, 11, 19, 19, 0, tzinfo=UTC)
END = START + timedelta(hours=1)


def at(minutes: float) -> datetime:
    """The session start plus some minutes."""
    return START + timedelta(minutes=minutes)


def record(
    name="Ana Lima",
    email="ana@example.org",
    join=0,
    leave=60,
    *,
    source="zoom_api",
    registrant_id=None,
    join_token=None,
    line=None,
    is_guest=False,
    dial_in=False,
    minutes_only=None,
) -> ProviderRecord:
    return ProviderRecord(
        source=source,
        name=name,
        email=email,
        registrant_id=registrant_id,
        join_token=join_token,
        join=at(join) if join is not None else None,
        leave=at(leave) if leave is not None else None,
        line=line,
        is_guest=is_guest,
        dial_in=dial_in,
        minutes_only=minutes_only,
    )
