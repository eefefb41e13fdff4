"""Tests for iCalendar output: folding, escaping, rules, time zones, changed occurrences."""

import re
from datetime import UTC, date, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.icalendar import (
    CalendarSeries,
    calendar,
    escape_text,
    fold_line,
    rrule,
    series_to_vevents,
    vtimezone,
)
from allteach.recurrence import Override, Schedule, ScheduleError

STAMP = datetime(2025, 1, 1, 8, 30, tzinfo=UTC)


def schedule(**changes):
    values = {
        "frequency": "weekly",
        "interval": 2,
        "start_date": date(2025, 1, 6),
        "time_of_day": time(12, 0),
        "duration_minutes": 90,
        "timezone": "America/New_York",
        "weekdays": (1, 3),
        "end_date": date(2025, 12, 31),
    }
    values.update(changes)
    return Schedule(**values)


def series(**changes):
    values = {"uid": "series-7@hub.example.org", "schedule": schedule(), "summary": "Pain ECHO"}
    values.update(changes)
    return CalendarSeries(**values)


def unfold(text):
    return text.replace("\r\n ", "").split("\r\n")


def components(text, name):
    lines = unfold(text)
    found, current = [], None
    for line in lines:
        if line == f"BEGIN:{name}":
            current = []
        elif line == f"END:{name}":
            found.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return found


# --- text --------------------------------------------------------------------------


def test_escape_text():
    assert escape_text("a,b;c\\d\r\ne\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_fold_short_line_unchanged():
    assert fold_line("SUMMARY:short") == "SUMMARY:short"


def test_fold_long_ascii_line_at_75_octets():
    line = "DESCRIPTION:" + "x" * 200
    folded = fold_line(line)
    pieces = folded.split("\r\n")
    assert [len(piece.encode()) for piece in pieces] == [
        75,
        75,
        64,
    ]  # 212 octets: 75 + 74 + 63, each continuation after a space
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert folded.replace("\r\n ", "") == line


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_fold_is_utf8_safe_and_reversible(value):
    line = "DESCRIPTION:" + escape_text(value)
    folded = fold_line(line)
    assert folded.replace("\r\n ", "") == line
    for piece in folded.split("\r\n"):
        assert len(piece.encode()) <= 75
        piece.encode().decode()  # each physical line is whole UTF-8 characters


# --- rule --------------------------------------------------------------------------


def test_rrule_weekly_until_is_utc_end_of_end_date():
    assert rrule(schedule()) == (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=MO;UNTIL=20260101T045959Z"
    )


def test_rrule_count():
    assert rrule(schedule(end_date=None, count=12)).endswith(";COUNT=12")


def test_rrule_monthly_forms():
    base = {"frequency": "monthly", "interval": 3, "weekdays": ()}
    assert rrule(schedule(**base, month_day=15)) == (
        "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15;UNTIL=20260101T045959Z"
    )
    # The 30th, or the last day of February.
    assert "BYMONTHDAY=28,29,30;BYSETPOS=-1" in rrule(schedule(**base, month_day=30))
    assert "BYDAY=-1FR" in rrule(schedule(**base, month_week=-1, month_weekday=4))
    assert "BYDAY=2TU" in rrule(schedule(**base, month_week=2, month_weekday=1))


def test_invalid_schedule_raises():
    with pytest.raises(ScheduleError):
        rrule(schedule(interval=9))


# --- time zones --------------------------------------------------------------------


def test_vtimezone_new_york_2025_transitions():
    assert vtimezone("America/New_York", 2025, 2025) == [
        "BEGIN:VTIMEZONE",
        "TZID:America/New_York",
        "BEGIN:STANDARD",
        "DTSTART:20250101T000000",
        "TZOFFSETFROM:-0500",
        "TZOFFSETTO:-0500",
        "TZNAME:EST",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:20250309T020000",
        "TZOFFSETFROM:-0500",
        "TZOFFSETTO:-0400",
        "TZNAME:EDT",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:20251102T020000",
        "TZOFFSETFROM:-0400",
        "TZOFFSETTO:-0500",
        "TZNAME:EST",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


def test_vtimezone_sydney_southern_summer():
    lines = vtimezone("Australia/Sydney", 2025, 2025)
    assert "DTSTART:20250406T030000" in lines  # back to +1000 at 03:00 summer time
    assert "DTSTART:20251005T020000" in lines
    assert lines[2] == "BEGIN:DAYLIGHT"  # January is summer


def test_vtimezone_without_dst_has_one_observance():
    lines = vtimezone("Asia/Kolkata", 2025, 2027)
    assert lines.count("BEGIN:STANDARD") == 1
    assert "TZOFFSETTO:+0530" in lines


# --- events ------------------------------------------------------------------------


def test_calendar_publish_structure_and_crlf():
    text = calendar([series()], dtstamp=STAMP, name="Hub, sessions")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = unfold(text)
    assert lines[:6] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//allteach//allteach//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Hub\\, sessions",
    ]
    (event,) = components(text, "VEVENT")
    assert event == [
        "UID:series-7@hub.example.org",
        "DTSTAMP:20250101T083000Z",
        "SEQUENCE:0",
        "DTSTART;TZID=America/New_York:20250107T120000",
        "DURATION:PT90M",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=MO;UNTIL=20260101T045959Z",
        "SUMMARY:Pain ECHO",
        "STATUS:CONFIRMED",
    ]


def test_dtstart_is_first_rule_date_not_start_date():
    # Starting on a Wednesday with Monday sessions: the first instance is the next Monday.
    vevent = series_to_vevents(
        series(schedule=schedule(start_date=date(2025, 1, 8), weekdays=(0,), interval=1)),
        dtstamp=STAMP,
    )
    assert "DTSTART;TZID=America/New_York:20250113T120000" in vevent


def test_skipped_dates_become_exdate():
    skipped = frozenset({date(2025, 1, 9), date(2025, 1, 21)})
    lines = series_to_vevents(series(schedule=schedule(skipped_dates=skipped)), dtstamp=STAMP)
    assert "EXDATE;TZID=America/New_York:20250109T120000,20250121T120000" in lines


def test_moved_and_cancelled_occurrences_get_recurrence_id():
    overrides = {
        date(2025, 1, 21): Override(
            new_start_local=datetime(2025, 1, 22, 13), new_duration_minutes=60
        ),
        date(2025, 1, 23): Override(cancelled=True),
    }
    text = calendar([series(schedule=schedule(overrides=overrides), sequence=3)], dtstamp=STAMP)
    master, moved, cancelled = components(text, "VEVENT")
    assert "SEQUENCE:3" in master
    assert moved == [
        "UID:series-7@hub.example.org",
        "DTSTAMP:20250101T083000Z",
        "SEQUENCE:3",
        "RECURRENCE-ID;TZID=America/New_York:20250121T120000",
        "DTSTART;TZID=America/New_York:20250122T130000",
        "DURATION:PT60M",
        "SUMMARY:Pain ECHO",
        "STATUS:CONFIRMED",
    ]
    assert "RECURRENCE-ID;TZID=America/New_York:20250123T120000" in cancelled
    assert "STATUS:CANCELLED" in cancelled


def test_one_vtimezone_per_tzid_spanning_all_series():
    london = schedule(
        timezone="Europe/London", start_date=date(2026, 6, 1), end_date=None, count=40
    )
    text = calendar(
        [series(), series(uid="b@x"), series(uid="c@x", schedule=london)], dtstamp=STAMP
    )
    tzids = [line for line in unfold(text) if line.startswith("TZID:")]
    assert tzids == ["TZID:America/New_York", "TZID:Europe/London"]
    lines = unfold(text)
    # London's series runs from June 2026 into 2027: both years' transitions are present.
    assert "DTSTART:20260329T010000" in lines
    assert "DTSTART:20271031T020000" in lines
    assert len(components(text, "VEVENT")) == 3


def test_text_fields_are_escaped_and_long_lines_folded():
    text = calendar(
        [
            series(
                summary="Opioids, pain; and \\ more",
                description="Line one\nLine two " + "é" * 60,
                location="Room 1, Building 2",
                url="https://hub.example.org/programs/7",
            )
        ],
        dtstamp=STAMP,
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = unfold(text)
    assert "SUMMARY:Opioids\\, pain\\; and \\\\ more" in lines
    assert "DESCRIPTION:Line one\\nLine two " + "é" * 60 in lines
    assert "LOCATION:Room 1\\, Building 2" in lines
    assert "URL:https://hub.example.org/programs/7" in lines


def test_request_needs_organizer_and_lists_attendees():
    with pytest.raises(ValueError, match="organizer"):
        calendar([series()], method="REQUEST", dtstamp=STAMP)
    text = calendar(
        [series(organizer="coordinator@hub.example.org", attendees=("a@b.org",))],
        method="REQUEST",
        dtstamp=STAMP,
    )
    lines = unfold(text)
    assert "METHOD:REQUEST" in lines
    assert "ORGANIZER:mailto:coordinator@hub.example.org" in lines
    assert "ATTENDEE;RSVP=TRUE:mailto:a@b.org" in lines


def test_cancel_marks_the_whole_series_cancelled():
    overrides = {date(2025, 1, 23): Override(cancelled=True)}
    text = calendar(
        [
            series(
                schedule=schedule(overrides=overrides),
                organizer="coordinator@hub.example.org",
                sequence=4,
            )
        ],
        method="CANCEL",
        dtstamp=STAMP,
    )
    (event,) = components(text, "VEVENT")
    assert "METHOD:CANCEL" in unfold(text)
    assert "STATUS:CANCELLED" in event
    assert "SEQUENCE:4" in event
    assert not any(line.startswith("RECURRENCE-ID") for line in event)


def test_until_is_always_utc():
    text = calendar([series(schedule=schedule(timezone="Australia/Sydney"))], dtstamp=STAMP)
    (rule,) = [line for line in unfold(text) if line.startswith("RRULE:")]
    assert re.search(r"UNTIL=\d{8}T\d{6}Z$", rule)
    assert rule.endswith("UNTIL=20251231T125959Z")  # 23:59:59 at +1100
