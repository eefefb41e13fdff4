"""iCalendar (RFC 5545 / RFC 5546) text for recurring session series: feeds and invitations.

A pure engine like ``allteach.recurrence``: no Django, plain data in, text out. One
VEVENT per series carries the rule (RRULE, EXDATE for skipped dates); each moved or
cancelled occurrence is a further VEVENT with the same UID and a RECURRENCE-ID.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from allteach.recurrence import (
    Schedule,
    ScheduleError,
    check,
    occurrences,
    series_dates,
    three_year_limit,
)

Method = Literal["PUBLISH", "REQUEST", "CANCEL"]

PRODID = "-//allteach//allteach//EN"
MAX_LINE_OCTETS = 75
ICAL_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

__all__ = [
    "CalendarSeries",
    "ScheduleError",
    "calendar",
    "escape_text",
    "fold_line",
    "rrule",
    "series_to_vevents",
    "vtimezone",
]


@dataclass(frozen=True)
class CalendarSeries:
    """A program's recurring series as calendar clients should see it.

    ``uid`` must stay the same for the life of the series (e.g. "series-42@hub.example.org");
    ``sequence`` must rise on every real change. ``organizer`` and ``attendees`` are
    e-mail addresses; invitations (REQUEST, CANCEL) need an organizer.
    """

    uid: str
    schedule: Schedule
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    sequence: int = 0
    organizer: str | None = None
    attendees: tuple[str, ...] = ()


# --- text --------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets (CRLF + space), never inside a UTF-8 character."""
    if len(line.encode()) <= MAX_LINE_OCTETS:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    room = MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > room:
            parts.append("".join(current))
            current, size = [], 0
            room = MAX_LINE_OCTETS - 1  # the leading space of a continuation line counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _offset(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _mailto(address: str) -> str:
    return address if address.lower().startswith("mailto:") else f"mailto:{address}"


# --- rule --------------------------------------------------------------------------


def rrule(schedule: Schedule) -> str:
    """Return the RRULE value; UNTIL is in UTC (end of the end date, local time)."""
    check(schedule)
    parts = [f"FREQ={schedule.frequency.upper()}", f"INTERVAL={schedule.interval}"]
    if schedule.frequency == "weekly":
        parts.append("BYDAY=" + ",".join(ICAL_WEEKDAYS[day] for day in schedule.weekdays))
        # Our weeks start on Monday; WKST decides which days share a week when INTERVAL > 1.
        parts.append("WKST=MO")
    elif schedule.month_day is not None:
        if schedule.month_day <= 28:
            parts.append(f"BYMONTHDAY={schedule.month_day}")
        else:
            # "The 31st, or the last day of a shorter month": the latest of 28..31 that exists.
            days = ",".join(str(day) for day in range(28, schedule.month_day + 1))
            parts.append(f"BYMONTHDAY={days};BYSETPOS=-1")
    else:
        parts.append(f"BYDAY={schedule.month_week}{ICAL_WEEKDAYS[schedule.month_weekday]}")
    if schedule.count is not None:
        parts.append(f"COUNT={schedule.count}")
    else:
        zone = ZoneInfo(schedule.timezone)
        until = min(schedule.end_date, three_year_limit(schedule.start_date))
        parts.append(f"UNTIL={_utc(datetime.combine(until, time(23, 59, 59), tzinfo=zone))}")
    return ";".join(parts)


# --- time zones --------------------------------------------------------------------


def _state(zone: ZoneInfo, instant: datetime) -> tuple[timedelta, timedelta, str]:
    local = instant.astimezone(zone)
    return local.utcoffset(), local.dst() or timedelta(0), local.tzname() or ""


def _transitions(zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """UTC instants in [start, end) where the zone's offset, DST flag or name changes."""
    found = []
    step = timedelta(days=1)
    here = start
    while here < end:
        there = min(here + step, end)
        if _state(zone, here) != _state(zone, there):
            low, high = here, there
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _state(zone, middle) == _state(zone, low):
                    low = middle
                else:
                    high = middle
            found.append(high.replace(microsecond=0))
        here = there
    return found


def vtimezone(tzid: str, first_year: int, last_year: int) -> list[str]:
    """Return VTIMEZONE lines for ``tzid`` covering 1 January first_year to end of last_year.

    Built from zoneinfo: an observance at the start of the range, then one per transition.
    """
    zone = ZoneInfo(tzid)
    start = datetime(first_year, 1, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=zone).astimezone(UTC)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]

    def observance(instant: datetime, before: timedelta) -> None:
        offset, dst, name = _state(zone, instant)
        kind = "DAYLIGHT" if dst else "STANDARD"
        lines.extend(
            [
                f"BEGIN:{kind}",
                f"DTSTART:{_local(instant.replace(tzinfo=None) + before)}",
                f"TZOFFSETFROM:{_offset(before)}",
                f"TZOFFSETTO:{_offset(offset)}",
                f"TZNAME:{escape_text(name)}",
                f"END:{kind}",
            ]
        )

    observance(start, _state(zone, start)[0])
    for instant in _transitions(zone, start, end):
        observance(instant, _state(zone, instant - timedelta(seconds=1))[0])
    lines.append("END:VTIMEZONE")
    return lines


# --- events ------------------------------------------------------------------------


def _describe_lines(series: CalendarSeries, method: Method) -> list[str]:
    lines = [f"SUMMARY:{escape_text(series.summary)}"]
    if series.description:
        lines.append(f"DESCRIPTION:{escape_text(series.description)}")
    if series.location:
        lines.append(f"LOCATION:{escape_text(series.location)}")
    if series.url:
        lines.append(f"URL:{series.url}")
    if series.organizer:
        lines.append(f"ORGANIZER:{_mailto(series.organizer)}")
    rsvp = ";RSVP=TRUE" if method == "REQUEST" else ""
    lines.extend(f"ATTENDEE{rsvp}:{_mailto(address)}" for address in series.attendees)
    return lines


def series_to_vevents(
    series: CalendarSeries, *, method: Method = "PUBLISH", dtstamp: datetime | None = None
) -> list[str]:
    """Return the unfolded content lines of the series' VEVENTs.

    PUBLISH and REQUEST give the rule plus one VEVENT per moved or cancelled occurrence;
    CANCEL gives the whole series, marked cancelled.
    """
    if method not in ("PUBLISH", "REQUEST", "CANCEL"):
        raise ValueError(f"Unknown iTIP method {method!r}.")
    if method != "PUBLISH" and not series.organizer:
        raise ValueError(f"A {method} needs an organizer.")
    if not series.uid:
        raise ValueError("A series needs a UID.")
    schedule = series.schedule
    dates = series_dates(schedule)
    tzid = schedule.timezone
    stamp = _utc(dtstamp or datetime.now(UTC))

    def at(day: date) -> str:
        return _local(datetime.combine(day, schedule.time_of_day))

    head = [
        f"UID:{escape_text(series.uid)}",
        f"DTSTAMP:{stamp}",
        f"SEQUENCE:{series.sequence}",
    ]
    # DTSTART is always the first instance in RFC 5545, so it must be a date of the rule.
    lines = [
        "BEGIN:VEVENT",
        *head,
        f"DTSTART;TZID={tzid}:{at(dates[0])}",
        f"DURATION:PT{schedule.duration_minutes}M",
        f"RRULE:{rrule(schedule)}",
    ]
    if schedule.skipped_dates:
        skipped = ",".join(at(day) for day in sorted(schedule.skipped_dates))
        lines.append(f"EXDATE;TZID={tzid}:{skipped}")
    lines.extend(_describe_lines(series, method))
    lines.append("STATUS:CANCELLED" if method == "CANCEL" else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    if method == "CANCEL":
        return lines
    for occurrence in occurrences(schedule):
        if occurrence.status == "scheduled":
            continue
        minutes = int((occurrence.end_utc - occurrence.start_utc).total_seconds() // 60)
        lines.extend(
            [
                "BEGIN:VEVENT",
                *head,
                f"RECURRENCE-ID;TZID={tzid}:{at(occurrence.original_date)}",
                f"DTSTART;TZID={tzid}:{_local(occurrence.local_start)}",
                f"DURATION:PT{minutes}M",
                *_describe_lines(series, method),
                "STATUS:CANCELLED" if occurrence.status == "cancelled" else "STATUS:CONFIRMED",
                "END:VEVENT",
            ]
        )
    return lines


def _years(schedule: Schedule) -> tuple[int, int]:
    dates = series_dates(schedule)
    moved = [occurrence.local_start.year for occurrence in occurrences(schedule)]
    return min([dates[0].year, *moved]), max([dates[-1].year, *moved])


def calendar(
    series: Iterable[CalendarSeries],
    *,
    method: Method = "PUBLISH",
    dtstamp: datetime | None = None,
    name: str | None = None,
) -> str:
    """Return a whole VCALENDAR: CRLF line ends, folded lines, one VTIMEZONE per TZID.

    Use PUBLISH for subscription feeds and REQUEST or CANCEL for e-mailed invitations
    (the MIME ``method=`` parameter must match).
    """
    series = list(series)
    stamp = dtstamp or datetime.now(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    spans: dict[str, tuple[int, int]] = {}
    for item in series:
        first, last = _years(item.schedule)
        tzid = item.schedule.timezone
        known = spans.get(tzid, (first, last))
        spans[tzid] = (min(known[0], first), max(known[1], last))
    for tzid in sorted(spans):
        lines.extend(vtimezone(tzid, *spans[tzid]))
    for item in series:
        lines.extend(series_to_vevents(item, method=method, dtstamp=stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
