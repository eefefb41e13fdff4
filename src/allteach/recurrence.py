"""Recurring session schedules: expand a program's rule into dated occurrences.

A pure engine (standard library and zoneinfo only): plain data in, plain data out.

Rules that a reader might not guess:

- Weeks run Monday to Sunday and are counted from the week holding ``start_date``;
  months are counted from the month holding ``start_date``. Dates before
  ``start_date`` are never produced.
- ``month_day`` past the end of a short month falls on that month's last day
  (the 31st becomes 30 April, 28 or 29 February).
- ``count`` counts the dates the rule produces, skipped ones included, as
  iCalendar's ``COUNT`` with ``EXDATE`` does: 52 dates with 2 skipped give 50
  sessions.
- A schedule may run at most three years: its last date must fall on or before
  the same day three years after ``start_date`` (29 February goes to 28 February).
- The local wall-clock time is kept across daylight-saving changes. A time that
  does not exist on a date (the clocks jump over it) is rejected by ``validate``
  naming the date; an ambiguous time (the clocks fall back) takes the first one.
- ``original_date`` is the stable key of an occurrence: skipped dates and
  overrides are keyed by it, and it stays the same when the occurrence is moved.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Frequency = Literal["weekly", "monthly"]
Status = Literal["scheduled", "cancelled", "moved"]

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_INTERVAL = {"weekly": 3, "monthly": 6}
MAX_YEARS = 3
MAX_DURATION_MINUTES = 24 * 60
MONTH_WEEKS = (1, 2, 3, 4, -1)
ZOOM_MAX_END_TIMES = 50
NON_FIELD = "__all__"


class ScheduleError(ValueError):
    """A schedule that cannot be expanded; ``errors`` maps field name to message."""

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{key}: {message}" for key, message in self.errors.items()))


@dataclass(frozen=True)
class Override:
    """A one-off change to a single occurrence: cancel it, or move it / change its length.

    ``new_start_local`` is a wall-clock time in the schedule's time zone (naive), or an
    aware datetime, which is converted to that zone.
    """

    cancelled: bool = False
    new_start_local: datetime | None = None
    new_duration_minutes: int | None = None


@dataclass(frozen=True)
class Schedule:
    """A repeating rule for a cohort's sessions; see the module docstring for its semantics.

    Weekly schedules use ``weekdays`` (0 = Monday .. 6 = Sunday) and ignore the month
    fields; monthly ones use ``month_day`` or ``month_week`` (1..4, -1 = last) with
    ``month_weekday`` and ignore ``weekdays``.
    """

    frequency: Frequency
    interval: int
    start_date: date
    time_of_day: time
    duration_minutes: int
    timezone: str
    weekdays: tuple[int, ...] = ()
    month_day: int | None = None
    month_week: int | None = None
    month_weekday: int | None = None
    end_date: date | None = None
    count: int | None = None
    skipped_dates: frozenset[date] = frozenset()
    overrides: Mapping[date, Override] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        # Normalise collections so equal schedules compare equal and stay immutable.
        object.__setattr__(self, "weekdays", tuple(sorted(set(self.weekdays or ()))))
        object.__setattr__(self, "skipped_dates", frozenset(self.skipped_dates or ()))
        object.__setattr__(self, "overrides", MappingProxyType(dict(self.overrides or {})))


@dataclass(frozen=True)
class Occurrence:
    """One session of a schedule; times are aware (UTC, and local in the schedule's zone).

    ``status`` is "moved" when an override changed its start or its length.
    """

    original_date: date
    start_utc: datetime
    end_utc: datetime
    local_start: datetime
    status: Status


# --- dates -------------------------------------------------------------------------


def three_year_limit(start: date) -> date:
    """Return the last date a schedule starting on ``start`` may reach."""
    try:
        return start.replace(year=start.year + MAX_YEARS)
    except ValueError:  # 29 February
        return start.replace(year=start.year + MAX_YEARS, day=28)


def _month_date(schedule: Schedule, year: int, month: int) -> date:
    last_day = calendar.monthrange(year, month)[1]
    if schedule.month_day is not None:
        return date(year, month, min(schedule.month_day, last_day))
    weekday = schedule.month_weekday
    if schedule.month_week == -1:
        last = date(year, month, last_day)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (schedule.month_week - 1))


def _rule_dates(schedule: Schedule) -> Iterator[date]:
    """Yield the rule's dates from ``start_date`` on, without end; callers bound it."""
    start = schedule.start_date
    if schedule.frequency == "weekly":
        week = start - timedelta(days=start.weekday())
        while True:
            for weekday in schedule.weekdays:
                day = week + timedelta(days=weekday)
                if day >= start:
                    yield day
            week += timedelta(weeks=schedule.interval)
    else:
        index = start.year * 12 + start.month - 1
        while True:
            day = _month_date(schedule, index // 12, index % 12 + 1)
            if day >= start:
                yield day
            index += schedule.interval


def _bounded_dates(schedule: Schedule) -> list[date]:
    """Rule dates up to the end date, the count, or the three-year limit, whichever is first."""
    stop = three_year_limit(schedule.start_date)
    if schedule.end_date is not None:
        stop = min(stop, schedule.end_date)
    dates: list[date] = []
    for day in _rule_dates(schedule):
        if day > stop or (schedule.count is not None and len(dates) >= schedule.count):
            break
        dates.append(day)
    return dates


def _local(day: date, time_of_day: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time_of_day.replace(tzinfo=None, fold=0), tzinfo=zone)


def _exists(local: datetime) -> bool:
    """Whether an aware local time is on the clock (not skipped by a forward jump)."""
    back = local.astimezone(UTC).astimezone(local.tzinfo)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None, fold=0)


def _override_local(value: datetime, zone: ZoneInfo) -> datetime:
    if value.tzinfo is not None:
        return value.astimezone(zone)
    return value.replace(tzinfo=zone, fold=0)


def _zone(name: Any) -> ZoneInfo | None:
    if not isinstance(name, str) or not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


# --- validation ------------------------------------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _validate_rule(schedule: Schedule, errors: dict[str, str]) -> None:
    if schedule.frequency not in MAX_INTERVAL:
        errors["frequency"] = 'Choose "weekly" or "monthly".'
        return
    weekly = schedule.frequency == "weekly"
    top = MAX_INTERVAL[schedule.frequency]
    if not _is_int(schedule.interval) or not 1 <= schedule.interval <= top:
        unit = "weeks" if weekly else "months"
        errors["interval"] = f"Repeat every 1 to {top} {unit}."
    if weekly:
        if not schedule.weekdays:
            errors["weekdays"] = "Choose at least one weekday."
        elif not all(_is_int(day) and 0 <= day <= 6 for day in schedule.weekdays):
            errors["weekdays"] = "Weekdays run from 0 (Monday) to 6 (Sunday)."
        return
    by_day = schedule.month_day is not None
    by_weekday = schedule.month_week is not None or schedule.month_weekday is not None
    if by_day and by_weekday:
        errors["month_day"] = "Choose a day of the month or a weekday of the month, not both."
    elif not by_day and not by_weekday:
        errors["month_day"] = "Choose a day of the month or a weekday of the month."
    elif by_day:
        if not _is_int(schedule.month_day) or not 1 <= schedule.month_day <= 31:
            errors["month_day"] = "The day of the month must be 1 to 31."
    else:
        if schedule.month_week not in MONTH_WEEKS or isinstance(schedule.month_week, bool):
            errors["month_week"] = "Choose the 1st, 2nd, 3rd, 4th or last week of the month."
        if not _is_int(schedule.month_weekday) or not 0 <= schedule.month_weekday <= 6:
            errors["month_weekday"] = "Choose a weekday from 0 (Monday) to 6 (Sunday)."


def _validate_fields(schedule: Schedule, errors: dict[str, str]) -> None:
    if not isinstance(schedule.start_date, date) or isinstance(schedule.start_date, datetime):
        errors["start_date"] = "Give a start date."
    if not isinstance(schedule.time_of_day, time):
        errors["time_of_day"] = "Give a time of day."
    elif schedule.time_of_day.tzinfo is not None:
        errors["time_of_day"] = "Give the time of day without a zone; the schedule's zone applies."
    if _zone(schedule.timezone) is None:
        errors["timezone"] = (
            f"Unknown time zone {schedule.timezone!r}; use an IANA name such as America/Denver."
        )
    if not _is_int(schedule.duration_minutes) or not (
        1 <= schedule.duration_minutes <= MAX_DURATION_MINUTES
    ):
        errors["duration_minutes"] = "The duration must be 1 to 1440 minutes (24 hours)."
    if schedule.end_date is None and schedule.count is None:
        errors["end_date"] = "Give an end date or a number of sessions."
    elif schedule.end_date is not None and schedule.count is not None:
        errors["end_date"] = "Give an end date or a number of sessions, not both."
    elif schedule.count is not None:
        if not _is_int(schedule.count) or schedule.count < 1:
            errors["count"] = "The number of sessions must be at least 1."
    elif "start_date" not in errors:
        limit = three_year_limit(schedule.start_date)
        if schedule.end_date < schedule.start_date:
            errors["end_date"] = "The end date is before the start date."
        elif schedule.end_date > limit:
            errors["end_date"] = (
                f"A schedule may run at most three years: end on or before {limit.isoformat()}."
            )


def _validate_dates(schedule: Schedule, errors: dict[str, str]) -> None:
    zone = ZoneInfo(schedule.timezone)
    dates = _bounded_dates(schedule)
    if schedule.count is not None and len(dates) < schedule.count:
        limit = three_year_limit(schedule.start_date)
        errors["count"] = (
            f"{schedule.count} sessions run past the three-year limit ({limit.isoformat()}); "
            f"at most {len(dates)} fit."
        )
        return
    on_rule = set(dates)
    stray = sorted(day for day in schedule.skipped_dates if day not in on_rule)
    if stray:
        errors["skipped_dates"] = f"{stray[0].isoformat()} is not a date of this schedule."
    for day in sorted(schedule.overrides):
        override = schedule.overrides[day]
        message = None
        if day not in on_rule:
            message = f"{day.isoformat()} is not a date of this schedule."
        elif day in schedule.skipped_dates:
            message = f"{day.isoformat()} is skipped; it cannot also be changed."
        elif override.cancelled and (
            override.new_start_local is not None or override.new_duration_minutes is not None
        ):
            message = f"The session of {day.isoformat()} cannot be both cancelled and moved."
        elif override.new_duration_minutes is not None and (
            not _is_int(override.new_duration_minutes)
            or not 1 <= override.new_duration_minutes <= MAX_DURATION_MINUTES
        ):
            message = f"The session of {day.isoformat()} must last 1 to 1440 minutes."
        elif override.new_start_local is not None and not _exists(
            _override_local(override.new_start_local, zone)
        ):
            message = (
                f"The session of {day.isoformat()} is moved to a time that does not exist "
                f"in {schedule.timezone} (the clocks go forward)."
            )
        if message:
            errors["overrides"] = message
            break
    for day in dates:
        if day in schedule.skipped_dates:
            continue
        override = schedule.overrides.get(day)
        if override is not None and override.new_start_local is not None:
            continue
        if not _exists(_local(day, schedule.time_of_day, zone)):
            errors["time_of_day"] = (
                f"{schedule.time_of_day:%H:%M} does not exist on {day.isoformat()} in "
                f"{schedule.timezone} (the clocks go forward); choose another time "
                "or skip that date."
            )
            break
    if not on_rule - schedule.skipped_dates:
        errors[NON_FIELD] = "This schedule has no sessions."


def validate(schedule: Schedule) -> dict[str, str]:
    """Return field name -> message for every problem found; empty when the schedule is valid.

    Messages about the whole schedule use the key ``"__all__"``.
    """
    errors: dict[str, str] = {}
    _validate_rule(schedule, errors)
    _validate_fields(schedule, errors)
    if not errors:
        _validate_dates(schedule, errors)
    return errors


def check(schedule: Schedule) -> None:
    """Raise ScheduleError unless the schedule is valid."""
    errors = validate(schedule)
    if errors:
        raise ScheduleError(errors)


# --- expansion -------------------------------------------------------------------


def series_dates(schedule: Schedule) -> list[date]:
    """Return the rule's dates in order, skipped ones included (what COUNT counts)."""
    check(schedule)
    return _bounded_dates(schedule)


def occurrences(
    schedule: Schedule, *, limit: int | None = None, after: datetime | None = None
) -> list[Occurrence]:
    """Expand a schedule into its occurrences, sorted by start (UTC), then original date.

    Skipped dates yield nothing; cancelled occurrences are kept with status "cancelled".
    ``after`` (aware) keeps occurrences starting at or after it; ``limit`` caps the count.
    """
    if after is not None and after.tzinfo is None:
        raise ValueError("after must be an aware datetime")
    if limit is not None and limit < 0:
        raise ValueError("limit must not be negative")
    check(schedule)
    zone = ZoneInfo(schedule.timezone)
    result = []
    for day in _bounded_dates(schedule):
        if day in schedule.skipped_dates:
            continue
        local = _local(day, schedule.time_of_day, zone)
        minutes = schedule.duration_minutes
        status: Status = "scheduled"
        override = schedule.overrides.get(day)
        if override is not None:
            if override.cancelled:
                status = "cancelled"
            elif override.new_start_local is not None or override.new_duration_minutes:
                status = "moved"
                if override.new_start_local is not None:
                    local = _override_local(override.new_start_local, zone)
                minutes = override.new_duration_minutes or minutes
        start = local.astimezone(UTC)
        result.append(Occurrence(day, start, start + timedelta(minutes=minutes), local, status))
    result.sort(key=lambda occurrence: (occurrence.start_utc, occurrence.original_date))
    if after is not None:
        result = [occurrence for occurrence in result if occurrence.start_utc >= after]
    if limit is not None:
        result = result[:limit]
    return result


def preview(schedule: Schedule, n: int = 10) -> list[Occurrence]:
    """Return the first ``n`` occurrences, for showing a coordinator what a rule means."""
    return occurrences(schedule, limit=n)


# --- words -----------------------------------------------------------------------


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _ordinal(number: int) -> str:
    if number == -1:
        return "last"
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


def describe(schedule: Schedule) -> str:
    """Say the schedule in one English sentence, e.g. for a program page or a form preview.

    "Every 2 weeks on Tuesday and Thursday at 12:00 (America/Denver), 52 sessions"
    """
    weekly = schedule.frequency == "weekly"
    unit = "week" if weekly else "month"
    every = f"Every {unit}" if schedule.interval == 1 else f"Every {schedule.interval} {unit}s"
    if weekly:
        on = _join([WEEKDAY_NAMES[day] for day in schedule.weekdays])
    elif schedule.month_day is not None:
        on = f"day {schedule.month_day}"
        if schedule.month_day > 28:
            on += " (or the month's last day)"
    else:
        on = f"the {_ordinal(schedule.month_week)} {WEEKDAY_NAMES[schedule.month_weekday]}"
    text = f"{every} on {on} at {schedule.time_of_day:%H:%M} ({schedule.timezone})"
    if schedule.count is not None:
        text += f", {schedule.count} session" + ("s" if schedule.count != 1 else "")
    elif schedule.end_date is not None:
        text += f", until {schedule.end_date.isoformat()}"
    skipped = len(schedule.skipped_dates)
    if skipped and schedule.count is not None:
        text += f", {skipped} of them skipped"
    elif skipped:
        text += f", {skipped} date{'s' if skipped != 1 else ''} skipped"
    return text


# --- Zoom ------------------------------------------------------------------------


def _zoom_weekday(weekday: int) -> int:
    """Zoom numbers weekdays 1 = Sunday .. 7 = Saturday."""
    return (weekday + 1) % 7 + 1


def _zoom_runs(schedule: Schedule, dates: list[date]) -> list[tuple[list[date], dict[str, Any]]]:
    """Split the dates into runs that one Zoom recurrence reproduces exactly."""
    if schedule.frequency == "weekly":
        base = {"type": 2, "repeat_interval": schedule.interval}
        # Zoom's weeks start on Sunday, ours on Monday; with gaps between weeks a Sunday
        # would be grouped with the wrong week, so each weekday gets its own series.
        if schedule.interval > 1 and 6 in schedule.weekdays and len(schedule.weekdays) > 1:
            return [
                (
                    [day for day in dates if day.weekday() == weekday],
                    base | {"weekly_days": str(_zoom_weekday(weekday))},
                )
                for weekday in schedule.weekdays
            ]
        days = ",".join(
            str(_zoom_weekday(day)) for day in sorted(schedule.weekdays, key=_zoom_weekday)
        )
        return [(dates, base | {"weekly_days": days})]
    base = {"type": 3, "repeat_interval": schedule.interval}
    if schedule.month_day is None:
        return [
            (
                dates,
                base
                | {
                    "monthly_week": schedule.month_week,
                    "monthly_week_day": _zoom_weekday(schedule.month_weekday),
                },
            )
        ]
    # Zoom's handling of the 31st in a 30-day month is not documented: months where the
    # day is clipped become one-session series of their own.
    runs: list[tuple[list[date], dict[str, Any]]] = []
    for day in dates:
        exact = day.day == schedule.month_day
        if runs and exact and runs[-1][1]["monthly_day"] == schedule.month_day:
            runs[-1][0].append(day)
        else:
            runs.append(([day], base | {"monthly_day": day.day}))
    return runs


def to_zoom_recurrence(schedule: Schedule) -> list[dict[str, Any]]:
    """Return Zoom recurring-meeting settings, one dict per series of at most 50 occurrences.

    Each dict holds ``start_time`` (UTC, ISO 8601), ``timezone``, ``duration`` and
    ``recurrence``, ready for ``POST /v2/users/me/meetings`` with ``type`` 8. Skipped dates
    and overrides are not expressed: delete or update those occurrences afterwards.
    """
    check(schedule)
    zone = ZoneInfo(schedule.timezone)
    series = []
    for dates, recurrence in _zoom_runs(schedule, _bounded_dates(schedule)):
        for index in range(0, len(dates), ZOOM_MAX_END_TIMES):
            chunk = dates[index : index + ZOOM_MAX_END_TIMES]
            start = _local(chunk[0], schedule.time_of_day, zone).astimezone(UTC)
            series.append(
                {
                    "start_time": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "timezone": schedule.timezone,
                    "duration": schedule.duration_minutes,
                    "recurrence": recurrence | {"end_times": len(chunk)},
                }
            )
    series.sort(key=lambda item: item["start_time"])
    return series
