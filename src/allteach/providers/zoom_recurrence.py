"""Split a list of session start times into runs that Zoom can schedule as one meeting each.

Zoom recurring meetings (type 8) repeat daily, weekly on some weekdays, or monthly
(by day or by nth weekday), keep the local wall-clock time across DST, and allow at
most 50 occurrences. Anything irregular becomes several meetings; a lone date becomes
a plain scheduled meeting (type 2).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

MAX_OCCURRENCES = 50
MAX_DAILY_INTERVAL = 99
MAX_WEEKLY_INTERVAL = 50
MAX_MONTHLY_INTERVAL = 10


@dataclass(frozen=True, slots=True)
class RecurrenceRun:
    """Occurrences (UTC) served by one Zoom meeting; ``recurrence`` is None for type 2."""

    occurrences: tuple[datetime, ...]
    recurrence: dict[str, Any] | None

    @property
    def start_utc(self) -> datetime:
        return self.occurrences[0]

    @property
    def meeting_type(self) -> int:
        return 2 if self.recurrence is None else 8


def zoom_weekday(day: date) -> int:
    """Zoom numbers weekdays 1 (Sunday) to 7 (Saturday)."""
    return (day.weekday() + 1) % 7 + 1


def plan_series(
    occurrences: Sequence[datetime], timezone: str, *, max_per_meeting: int = MAX_OCCURRENCES
) -> list[RecurrenceRun]:
    """Return the fewest greedy runs, each expressible as one Zoom meeting, covering every start."""
    if not 1 <= max_per_meeting <= MAX_OCCURRENCES:
        raise ValueError(f"max_per_meeting must be 1-{MAX_OCCURRENCES}")
    for value in occurrences:
        if value.tzinfo is None:
            raise ValueError(f"occurrence {value.isoformat()} has no timezone")
    zone = ZoneInfo(timezone)
    starts = sorted({value.astimezone(UTC) for value in occurrences})
    local = [value.astimezone(zone) for value in starts]
    runs: list[RecurrenceRun] = []
    index = 0
    while index < len(local):
        best_count, best_rule = 1, None
        for rule in _candidates(local, index):
            count = _matching(local, index, rule, max_per_meeting)
            if count > best_count:
                best_count, best_rule = count, rule
        chunk = tuple(starts[index : index + best_count])
        recurrence = None if best_rule is None else {**best_rule, "end_times": best_count}
        runs.append(RecurrenceRun(occurrences=chunk, recurrence=recurrence))
        index += best_count
    return runs


def expand(recurrence: dict[str, Any], start: datetime, timezone: str) -> Iterator[datetime]:
    """Yield the UTC starts of a Zoom recurrence (``end_times`` bounds it)."""
    zone = ZoneInfo(timezone)
    local = start.astimezone(zone)
    limit = int(recurrence.get("end_times") or MAX_OCCURRENCES)
    for count, day in enumerate(_dates(recurrence, local.date())):
        if count >= limit or day is None:
            return
        yield datetime.combine(day, local.time(), zone).astimezone(UTC)


def _candidates(local: list[datetime], index: int) -> Iterator[dict[str, Any]]:
    if index + 1 >= len(local):
        return
    first, second = local[index], local[index + 1]
    gap = (second.date() - first.date()).days
    week_start = first.date() - timedelta(days=zoom_weekday(first.date()) - 1)
    same_week = [
        value.date()
        for value in local[index:]
        if (value.date() - week_start).days < 7 and value.time() == first.time()
    ]
    later = next((v.date() for v in local[index:] if (v.date() - week_start).days >= 7), None)
    weeks = 1 if later is None else ((later - week_start).days // 7)
    if 1 <= weeks <= MAX_WEEKLY_INTERVAL:
        days = sorted({zoom_weekday(day) for day in same_week})
        yield {"type": 2, "repeat_interval": weeks, "weekly_days": ",".join(map(str, days))}
    if 1 <= gap <= MAX_DAILY_INTERVAL:
        yield {"type": 1, "repeat_interval": gap}
    months = (second.year - first.year) * 12 + second.month - first.month
    if 1 <= months <= MAX_MONTHLY_INTERVAL:
        yield {"type": 3, "repeat_interval": months, "monthly_day": first.day}
        weekday = zoom_weekday(first.date())
        nth = (first.day - 1) // 7 + 1
        if nth <= 4:
            yield {
                "type": 3,
                "repeat_interval": months,
                "monthly_week": nth,
                "monthly_week_day": weekday,
            }
        if first.day + 7 > calendar.monthrange(first.year, first.month)[1]:
            yield {
                "type": 3,
                "repeat_interval": months,
                "monthly_week": -1,
                "monthly_week_day": weekday,
            }


def _matching(local: list[datetime], index: int, rule: dict[str, Any], limit: int) -> int:
    first = local[index]
    count = 0
    for day, actual in zip(_dates(rule, first.date()), local[index:], strict=False):
        if count >= limit or day is None:
            break
        if actual.date() != day or actual.time() != first.time():
            break
        count += 1
    return count


def _dates(rule: dict[str, Any], start: date) -> Iterator[date | None]:
    interval = int(rule.get("repeat_interval") or 1)
    kind = int(rule["type"])
    if kind == 1:
        day = start
        while True:
            yield day
            day += timedelta(days=interval)
    elif kind == 2:
        days = sorted(int(part) for part in str(rule["weekly_days"]).split(","))
        week_start = start - timedelta(days=zoom_weekday(start) - 1)
        while True:
            for weekday in days:
                day = week_start + timedelta(days=weekday - 1)
                if day >= start:
                    yield day
            week_start += timedelta(weeks=interval)
    elif kind == 3:
        year, month = start.year, start.month
        while True:
            day = _month_day(rule, year, month)
            if day is None:
                # A 31st in a short month: we do not guess what Zoom does, so stop the run.
                yield None
                return
            if day >= start:
                yield day
            month += interval
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    else:
        raise ValueError(f"unknown Zoom recurrence type {kind}")


def _month_day(rule: dict[str, Any], year: int, month: int) -> date | None:
    last = calendar.monthrange(year, month)[1]
    if rule.get("monthly_day"):
        day = int(rule["monthly_day"])
        return date(year, month, day) if day <= last else None
    week, weekday = int(rule["monthly_week"]), int(rule["monthly_week_day"])
    matching = [
        date(year, month, d)
        for d in range(1, last + 1)
        if zoom_weekday(date(year, month, d)) == weekday
    ]
    return matching[-1] if week == -1 else matching[week - 1]
