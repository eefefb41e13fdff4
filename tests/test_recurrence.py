"""Tests for the recurrence engine: rules, validation, DST, overrides, Zoom series."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from allteach.recurrence import (
    Override,
    Schedule,
    ScheduleError,
    describe,
    occurrences,
    preview,
    series_dates,
    three_year_limit,
    to_zoom_recurrence,
    validate,
)

DENVER = "America/Denver"
NEW_YORK = "America/New_York"
LONDON = "Europe/London"
SYDNEY = "Australia/Sydney"


def weekly(**changes):
    values = {
        "frequency": "weekly",
        "interval": 1,
        "start_date": date(2025, 1, 6),  # a Monday
        "time_of_day": time(12, 0),
        "duration_minutes": 60,
        "timezone": DENVER,
        "weekdays": (1,),
        "count": 10,
    }
    values.update(changes)
    return Schedule(**values)


def monthly(**changes):
    values = {
        "frequency": "monthly",
        "interval": 1,
        "start_date": date(2025, 1, 1),
        "time_of_day": time(12, 0),
        "duration_minutes": 60,
        "timezone": DENVER,
        "month_day": 15,
        "count": 6,
    }
    values.update(changes)
    return Schedule(**values)


def local_dates(schedule):
    return [o.original_date for o in occurrences(schedule)]


# --- rules -------------------------------------------------------------------------


def test_weekly_every_two_weeks_on_two_days():
    schedule = weekly(interval=2, weekdays=(3, 1), count=6)
    assert local_dates(schedule) == [
        date(2025, 1, 7),
        date(2025, 1, 9),
        date(2025, 1, 21),
        date(2025, 1, 23),
        date(2025, 2, 4),
        date(2025, 2, 6),
    ]


def test_weekly_start_midweek_skips_earlier_days_of_first_week():
    schedule = weekly(start_date=date(2025, 1, 8), weekdays=(0, 4), count=3)
    assert local_dates(schedule) == [date(2025, 1, 10), date(2025, 1, 13), date(2025, 1, 17)]


def test_weekly_end_date_is_inclusive():
    schedule = weekly(count=None, end_date=date(2025, 1, 21))
    assert local_dates(schedule) == [date(2025, 1, 7), date(2025, 1, 14), date(2025, 1, 21)]


def test_weekly_utc_times_and_duration():
    (first,) = occurrences(weekly(count=1, duration_minutes=90))
    assert first.start_utc == datetime(2025, 1, 7, 19, 0, tzinfo=UTC)
    assert first.end_utc == datetime(2025, 1, 7, 20, 30, tzinfo=UTC)
    assert first.local_start == datetime(2025, 1, 7, 12, 0, tzinfo=ZoneInfo(DENVER))
    assert first.status == "scheduled"


def test_monthly_day_31_falls_on_last_day_of_short_months():
    schedule = monthly(month_day=31, count=4, start_date=date(2024, 1, 1))
    assert local_dates(schedule) == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
        date(2024, 4, 30),
    ]


def test_monthly_every_three_months_counts_from_start_month():
    schedule = monthly(interval=3, month_day=10, start_date=date(2025, 1, 20), count=3)
    # January's 10th is before the start, so the first session is in April.
    assert local_dates(schedule) == [date(2025, 4, 10), date(2025, 7, 10), date(2025, 10, 10)]


def test_monthly_second_tuesday():
    schedule = monthly(month_day=None, month_week=2, month_weekday=1, count=3)
    assert local_dates(schedule) == [date(2025, 1, 14), date(2025, 2, 11), date(2025, 3, 11)]


def test_monthly_last_friday():
    schedule = monthly(month_day=None, month_week=-1, month_weekday=4, count=4)
    assert local_dates(schedule) == [
        date(2025, 1, 31),
        date(2025, 2, 28),
        date(2025, 3, 28),
        date(2025, 4, 25),
    ]


def test_monthly_fourth_weekday_when_month_starts_on_it():
    # 1 February 2025 is a Saturday: the 4th Saturday is the 22nd.
    schedule = monthly(
        month_day=None, month_week=4, month_weekday=5, start_date=date(2025, 2, 1), count=1
    )
    assert local_dates(schedule) == [date(2025, 2, 22)]


# --- skipped dates and overrides ---------------------------------------------------


def test_skipped_dates_produce_nothing_and_still_count():
    schedule = weekly(count=4, skipped_dates=frozenset({date(2025, 1, 14)}))
    assert local_dates(schedule) == [date(2025, 1, 7), date(2025, 1, 21), date(2025, 1, 28)]
    assert len(series_dates(schedule)) == 4


def test_override_moves_one_occurrence_and_keeps_its_key():
    moved_to = datetime(2025, 1, 15, 9, 30)
    schedule = weekly(
        count=3,
        overrides={date(2025, 1, 14): Override(new_start_local=moved_to, new_duration_minutes=30)},
    )
    result = occurrences(schedule)
    assert [(o.original_date, o.status) for o in result] == [
        (date(2025, 1, 7), "scheduled"),
        (date(2025, 1, 14), "moved"),
        (date(2025, 1, 21), "scheduled"),
    ]
    assert result[1].local_start == moved_to.replace(tzinfo=ZoneInfo(DENVER))
    assert result[1].start_utc == datetime(2025, 1, 15, 16, 30, tzinfo=UTC)
    assert result[1].end_utc == datetime(2025, 1, 15, 17, 0, tzinfo=UTC)


def test_override_moved_past_next_occurrence_is_sorted_by_start():
    schedule = weekly(
        count=3,
        overrides={date(2025, 1, 7): Override(new_start_local=datetime(2025, 1, 16, 12))},
    )
    assert local_dates(schedule) == [date(2025, 1, 14), date(2025, 1, 7), date(2025, 1, 21)]


def test_override_with_aware_datetime_is_converted_to_schedule_zone():
    schedule = weekly(
        count=1,
        overrides={
            date(2025, 1, 7): Override(new_start_local=datetime(2025, 1, 7, 18, tzinfo=UTC))
        },
    )
    (only,) = occurrences(schedule)
    assert only.local_start == datetime(2025, 1, 7, 11, tzinfo=ZoneInfo(DENVER))
    assert only.start_utc == datetime(2025, 1, 7, 18, tzinfo=UTC)


def test_cancelled_occurrence_is_kept_with_its_original_time():
    schedule = weekly(count=2, overrides={date(2025, 1, 14): Override(cancelled=True)})
    result = occurrences(schedule)
    assert [o.status for o in result] == ["scheduled", "cancelled"]
    assert result[1].start_utc == datetime(2025, 1, 14, 19, tzinfo=UTC)


def test_limit_and_after():
    schedule = weekly(count=10)
    after = datetime(2025, 1, 21, 19, tzinfo=UTC)
    assert [o.original_date for o in occurrences(schedule, after=after, limit=2)] == [
        date(2025, 1, 21),
        date(2025, 1, 28),
    ]
    assert len(preview(schedule, 3)) == 3
    with pytest.raises(ValueError):
        occurrences(schedule, after=datetime(2025, 1, 1))


# --- daylight saving ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "start", "before", "after"),
    [
        (NEW_YORK, date(2025, 3, 3), -5, -4),  # spring forward 9 March
        (NEW_YORK, date(2025, 10, 27), -4, -5),  # fall back 2 November
        (LONDON, date(2025, 3, 24), 0, 1),  # 30 March
        (LONDON, date(2025, 10, 20), 1, 0),  # 26 October
        (SYDNEY, date(2025, 3, 31), 11, 10),  # 6 April
        (SYDNEY, date(2025, 9, 29), 10, 11),  # 5 October
    ],
)
def test_dst_change_keeps_local_wall_time(zone, start, before, after):
    schedule = weekly(start_date=start, weekdays=(0,), count=2, timezone=zone)
    first, second = occurrences(schedule)
    assert first.local_start.time() == second.local_start.time() == time(12)
    assert first.local_start.utcoffset() == timedelta(hours=before)
    assert second.local_start.utcoffset() == timedelta(hours=after)
    assert second.start_utc - first.start_utc == timedelta(days=7, hours=before - after)


def test_time_in_spring_forward_gap_is_rejected_naming_the_date():
    schedule = weekly(
        start_date=date(2025, 3, 2),
        weekdays=(6,),
        count=3,
        time_of_day=time(2, 30),
        timezone=NEW_YORK,
    )
    errors = validate(schedule)
    assert errors == {
        "time_of_day": "02:30 does not exist on 2025-03-09 in America/New_York "
        "(the clocks go forward); choose another time or skip that date."
    }


def test_time_in_gap_is_fine_when_that_date_is_skipped():
    schedule = weekly(
        start_date=date(2025, 3, 2),
        weekdays=(6,),
        count=3,
        time_of_day=time(2, 30),
        timezone=NEW_YORK,
        skipped_dates=frozenset({date(2025, 3, 9)}),
    )
    assert validate(schedule) == {}
    assert local_dates(schedule) == [date(2025, 3, 2), date(2025, 3, 16)]


def test_ambiguous_fall_back_time_takes_the_first():
    schedule = weekly(
        start_date=date(2025, 11, 2),
        weekdays=(6,),
        count=1,
        time_of_day=time(1, 30),
        timezone=NEW_YORK,
    )
    (only,) = occurrences(schedule)
    assert only.start_utc == datetime(2025, 11, 2, 5, 30, tzinfo=UTC)  # EDT, -4


def test_override_moved_into_gap_is_rejected():
    schedule = weekly(
        start_date=date(2025, 3, 3),
        weekdays=(0,),
        count=2,
        timezone=NEW_YORK,
        overrides={date(2025, 3, 3): Override(new_start_local=datetime(2025, 3, 9, 2, 15))},
    )
    assert validate(schedule) == {
        "overrides": "The session of 2025-03-03 is moved to a time that does not exist "
        "in America/New_York (the clocks go forward)."
    }


# --- validation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "field", "message"),
    [
        (weekly(frequency="daily"), "frequency", 'Choose "weekly" or "monthly".'),
        (weekly(interval=4), "interval", "Repeat every 1 to 3 weeks."),
        (weekly(interval=0), "interval", "Repeat every 1 to 3 weeks."),
        (monthly(interval=7), "interval", "Repeat every 1 to 6 months."),
        (weekly(weekdays=()), "weekdays", "Choose at least one weekday."),
        (weekly(weekdays=(7,)), "weekdays", "Weekdays run from 0 (Monday) to 6 (Sunday)."),
        (
            monthly(month_week=1, month_weekday=0),
            "month_day",
            "Choose a day of the month or a weekday of the month, not both.",
        ),
        (
            monthly(month_day=None),
            "month_day",
            "Choose a day of the month or a weekday of the month.",
        ),
        (monthly(month_day=32), "month_day", "The day of the month must be 1 to 31."),
        (
            monthly(month_day=None, month_week=5, month_weekday=0),
            "month_week",
            "Choose the 1st, 2nd, 3rd, 4th or last week of the month.",
        ),
        (
            monthly(month_day=None, month_week=1),
            "month_weekday",
            "Choose a weekday from 0 (Monday) to 6 (Sunday).",
        ),
        (
            weekly(timezone="Mars/Olympus"),
            "timezone",
            "Unknown time zone 'Mars/Olympus'; use an IANA name such as America/Denver.",
        ),
        (
            weekly(time_of_day=time(12, tzinfo=UTC)),
            "time_of_day",
            "Give the time of day without a zone; the schedule's zone applies.",
        ),
        (
            weekly(duration_minutes=0),
            "duration_minutes",
            "The duration must be 1 to 1440 minutes (24 hours).",
        ),
        (
            weekly(duration_minutes=24 * 60 + 1),
            "duration_minutes",
            "The duration must be 1 to 1440 minutes (24 hours).",
        ),
        (weekly(count=None), "end_date", "Give an end date or a number of sessions."),
        (
            weekly(end_date=date(2025, 3, 1)),
            "end_date",
            "Give an end date or a number of sessions, not both.",
        ),
        (
            weekly(count=None, end_date=date(2025, 1, 5)),
            "end_date",
            "The end date is before the start date.",
        ),
        (
            weekly(count=None, end_date=date(2028, 1, 7)),
            "end_date",
            "A schedule may run at most three years: end on or before 2028-01-06.",
        ),
        (weekly(count=0), "count", "The number of sessions must be at least 1."),
        (
            weekly(count=158),
            "count",
            "158 sessions run past the three-year limit (2028-01-06); at most 157 fit.",
        ),
        (
            weekly(skipped_dates=frozenset({date(2025, 1, 8)})),
            "skipped_dates",
            "2025-01-08 is not a date of this schedule.",
        ),
        (
            weekly(overrides={date(2025, 1, 8): Override(cancelled=True)}),
            "overrides",
            "2025-01-08 is not a date of this schedule.",
        ),
        (
            weekly(
                skipped_dates=frozenset({date(2025, 1, 7)}),
                overrides={date(2025, 1, 7): Override(cancelled=True)},
            ),
            "overrides",
            "2025-01-07 is skipped; it cannot also be changed.",
        ),
        (
            weekly(
                overrides={
                    date(2025, 1, 7): Override(cancelled=True, new_start_local=datetime(2025, 1, 8))
                }
            ),
            "overrides",
            "The session of 2025-01-07 cannot be both cancelled and moved.",
        ),
        (
            weekly(overrides={date(2025, 1, 7): Override(new_duration_minutes=0)}),
            "overrides",
            "The session of 2025-01-07 must last 1 to 1440 minutes.",
        ),
        (
            weekly(count=1, skipped_dates=frozenset({date(2025, 1, 7)})),
            "__all__",
            "This schedule has no sessions.",
        ),
        (
            # Monday start, Friday sessions, ends Wednesday: nothing to hold.
            weekly(weekdays=(4,), count=None, end_date=date(2025, 1, 8)),
            "__all__",
            "This schedule has no sessions.",
        ),
    ],
)
def test_validate_names_the_field(schedule, field, message):
    errors = validate(schedule)
    assert errors[field] == message
    with pytest.raises(ScheduleError) as raised:
        occurrences(schedule)
    assert raised.value.errors == errors


def test_validate_reports_several_fields_at_once():
    errors = validate(weekly(interval=9, weekdays=(), duration_minutes=-5))
    assert set(errors) == {"interval", "weekdays", "duration_minutes"}


def test_three_years_is_allowed_exactly():
    schedule = weekly(count=None, end_date=date(2028, 1, 6), weekdays=(3,))
    assert validate(schedule) == {}
    assert local_dates(schedule)[-1] == date(2028, 1, 6)
    assert weekly(count=157).count == len(occurrences(weekly(count=157)))


def test_three_year_limit_from_leap_day():
    assert three_year_limit(date(2024, 2, 29)) == date(2027, 2, 28)


def test_schedule_is_hashable_and_immutable():
    schedule = weekly(weekdays=(3, 1, 3), overrides={date(2025, 1, 7): Override(cancelled=True)})
    assert schedule.weekdays == (1, 3)
    assert hash(schedule) == hash(weekly(weekdays=(1, 3)))
    with pytest.raises(TypeError):
        schedule.overrides[date(2025, 1, 14)] = Override()


# --- words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "text"),
    [
        (
            weekly(interval=2, weekdays=(1, 3), count=52),
            "Every 2 weeks on Tuesday and Thursday at 12:00 (America/Denver), 52 sessions",
        ),
        (
            weekly(weekdays=(0, 2, 4), count=None, end_date=date(2025, 6, 30)),
            "Every week on Monday, Wednesday and Friday at 12:00 (America/Denver), "
            "until 2025-06-30",
        ),
        (
            monthly(month_day=None, month_week=-1, month_weekday=4, interval=3, count=1),
            "Every 3 months on the last Friday at 12:00 (America/Denver), 1 session",
        ),
        (
            monthly(month_day=None, month_week=2, month_weekday=1),
            "Every month on the 2nd Tuesday at 12:00 (America/Denver), 6 sessions",
        ),
        (
            monthly(month_day=31, skipped_dates=frozenset({date(2025, 2, 28)})),
            "Every month on day 31 (or the month's last day) at 12:00 (America/Denver), "
            "6 sessions, 1 of them skipped",
        ),
    ],
)
def test_describe(schedule, text):
    assert describe(schedule) == text


# --- Zoom --------------------------------------------------------------------------


def test_zoom_weekly_series_split_at_fifty():
    schedule = weekly(interval=2, weekdays=(1, 3), count=104)
    series = to_zoom_recurrence(schedule)
    assert [item["recurrence"]["end_times"] for item in series] == [50, 50, 4]
    assert series[0] == {
        "start_time": "2025-01-07T19:00:00Z",
        "timezone": DENVER,
        "duration": 60,
        "recurrence": {"type": 2, "repeat_interval": 2, "weekly_days": "3,5", "end_times": 50},
    }
    # Each series starts on its own first date: the 51st, the 101st.
    dates = series_dates(schedule)
    assert (dates[50], dates[100]) == (date(2025, 12, 23), date(2026, 12, 8))
    assert [item["start_time"] for item in series[1:]] == [
        "2025-12-23T19:00:00Z",
        "2026-12-08T19:00:00Z",
    ]


def test_zoom_weekly_sunday_with_interval_gets_one_series_per_weekday():
    schedule = weekly(interval=2, weekdays=(5, 6), count=6)
    series = to_zoom_recurrence(schedule)
    assert [(s["recurrence"]["weekly_days"], s["recurrence"]["end_times"]) for s in series] == [
        ("7", 3),
        ("1", 3),
    ]


def test_zoom_monthly_nth_weekday():
    schedule = monthly(month_day=None, month_week=-1, month_weekday=6, interval=2)
    (series,) = to_zoom_recurrence(schedule)
    assert series["recurrence"] == {
        "type": 3,
        "repeat_interval": 2,
        "monthly_week": -1,
        "monthly_week_day": 1,
        "end_times": 6,
    }


def test_zoom_monthly_day_31_splits_clipped_months():
    schedule = monthly(month_day=31, count=4, start_date=date(2025, 1, 1))
    series = to_zoom_recurrence(schedule)
    assert [(s["start_time"][:10], s["recurrence"]["monthly_day"]) for s in series] == [
        ("2025-01-31", 31),
        ("2025-02-28", 28),
        ("2025-03-31", 31),
        ("2025-04-30", 30),
    ]
    assert sum(s["recurrence"]["end_times"] for s in series) == 4


# --- properties --------------------------------------------------------------------

ZONES = [NEW_YORK, LONDON, SYDNEY, DENVER, "Asia/Kolkata", "UTC"]


@st.composite
def schedules(draw):
    frequency = draw(st.sampled_from(["weekly", "monthly"]))
    start = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)))
    fields = {
        "frequency": frequency,
        "start_date": start,
        "time_of_day": time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 15, 30, 45]))),
        "duration_minutes": draw(st.integers(1, 24 * 60)),
        "timezone": draw(st.sampled_from(ZONES)),
    }
    if frequency == "weekly":
        fields["interval"] = draw(st.integers(1, 3))
        fields["weekdays"] = tuple(draw(st.sets(st.integers(0, 6), min_size=1)))
    else:
        fields["interval"] = draw(st.integers(1, 6))
        if draw(st.booleans()):
            fields["month_day"] = draw(st.integers(1, 31))
        else:
            fields["month_week"] = draw(st.sampled_from([1, 2, 3, 4, -1]))
            fields["month_weekday"] = draw(st.integers(0, 6))
    if draw(st.booleans()):
        fields["count"] = draw(st.integers(1, 60))
    else:
        fields["end_date"] = start + timedelta(days=draw(st.integers(0, 3 * 365)))
    schedule = Schedule(**fields)
    assume(set(validate(schedule)) <= {"time_of_day", "count", "__all__"})
    dates = series_dates_unchecked(schedule)
    skipped = draw(st.sets(st.sampled_from(dates), max_size=3)) if dates else set()
    schedule = Schedule(**fields, skipped_dates=frozenset(skipped))
    assume(validate(schedule) == {})
    return schedule


def series_dates_unchecked(schedule):
    from allteach.recurrence import _bounded_dates

    return _bounded_dates(schedule)


PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)


@PROPERTY_SETTINGS
@given(schedules())
def test_property_occurrences_follow_the_rule(schedule):
    result = occurrences(schedule)
    zone = ZoneInfo(schedule.timezone)
    dates = series_dates(schedule)
    keys = [o.original_date for o in result]
    # Sorted, unique, none skipped, within start and end.
    assert [o.start_utc for o in result] == sorted(o.start_utc for o in result)
    assert len(set(keys)) == len(keys)
    assert set(keys) == set(dates) - schedule.skipped_dates
    assert all(schedule.start_date <= day <= three_year_limit(schedule.start_date) for day in keys)
    if schedule.count is not None:
        assert len(dates) == schedule.count
    else:
        assert all(day <= schedule.end_date for day in dates)
    for occurrence in result:
        local = occurrence.start_utc.astimezone(zone)
        assert local.date() == occurrence.original_date
        assert local.time() == schedule.time_of_day  # wall clock kept across DST
        assert occurrence.end_utc - occurrence.start_utc == timedelta(
            minutes=schedule.duration_minutes
        )
        assert occurrence.start_utc.tzinfo == UTC


def on_rule(schedule, day):
    """Whether the rule holds ``day``, computed independently of the engine."""
    start = schedule.start_date
    if day < start:
        return False
    if schedule.frequency == "weekly":
        weeks = (day - start).days // 7 + (day.weekday() < start.weekday())
        return day.weekday() in schedule.weekdays and weeks % schedule.interval == 0
    months = (day.year - start.year) * 12 + day.month - start.month
    if months % schedule.interval:
        return False
    month = [date(day.year, day.month, 1) + timedelta(days=n) for n in range(31)]
    month = [d for d in month if d.month == day.month]
    if schedule.month_day is not None:
        return day == month[min(schedule.month_day, len(month)) - 1]
    same = [d for d in month if d.weekday() == schedule.month_weekday]
    index = -1 if schedule.month_week == -1 else schedule.month_week - 1
    return day == same[index]


@PROPERTY_SETTINGS
@given(schedules())
def test_property_dates_are_exactly_the_rule(schedule):
    dates = series_dates(schedule)
    days = (dates[-1] - schedule.start_date).days + 1
    expected = [
        day
        for day in (schedule.start_date + timedelta(days=n) for n in range(days))
        if on_rule(schedule, day)
    ]
    assert dates == expected
    # The series stops only because of its count, its end date or the three-year limit.
    following = dates[-1] + timedelta(days=1)
    while not on_rule(schedule, following):
        following += timedelta(days=1)
    stops = [
        schedule.count is not None and len(dates) == schedule.count,
        schedule.end_date is not None and following > schedule.end_date,
        following > three_year_limit(schedule.start_date),
    ]
    assert any(stops)


@given(schedules())
def test_property_zoom_series_cover_every_date_once(schedule):
    series = to_zoom_recurrence(schedule)
    assert all(1 <= item["recurrence"]["end_times"] <= 50 for item in series)
    assert sum(item["recurrence"]["end_times"] for item in series) == len(series_dates(schedule))
    assert [item["start_time"] for item in series] == sorted(item["start_time"] for item in series)


@settings(max_examples=100, deadline=None)
@given(
    zone=st.sampled_from([NEW_YORK, LONDON, SYDNEY]),
    year=st.integers(2024, 2030),
    hour=st.integers(0, 23),
)
def test_property_gap_rejected_or_wall_time_kept_all_year(zone, year, hour):
    schedule = weekly(
        start_date=date(year, 1, 1),
        weekdays=(6,),
        count=52,
        timezone=zone,
        time_of_day=time(hour, 30),
    )
    errors = validate(schedule)
    if errors:
        assert set(errors) == {"time_of_day"}
        bad_day = date.fromisoformat(errors["time_of_day"].split(" on ")[1][:10])
        naive = datetime.combine(bad_day, time(hour, 30))
        round_trip = naive.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC).astimezone(ZoneInfo(zone))
        assert round_trip.replace(tzinfo=None) != naive
        return
    assert {o.local_start.time() for o in occurrences(schedule)} == {time(hour, 30)}
    offsets = {o.local_start.utcoffset() for o in occurrences(schedule)}
    assert len(offsets) == 2  # the year spans both standard and summer time
