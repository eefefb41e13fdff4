import csv
import io
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.attendance_engine import ZoomCsvError, zoom_csv
from allteach.attendance_engine.zoom_csv import _split_lines

DENVER = "America/Denver"
FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def utc(hour, minute, second=0):
    return datetime(2026, 11, 19, hour, minute, second, tzinfo=UTC)


def test_parse_plain_layout_with_bom_dial_in_and_original_names():
    report = zoom_csv.parse(fixture_bytes("plain_basic.csv"), tz=DENVER)

    assert report.layout == "plain"
    assert report.meeting is None
    assert len(report.records) == 6
    first = report.records[0]
    assert first.source == "zoom_csv"
    assert first.name == "Dr. Amara Okafor (Amara Okafor)"  # BOM stripped from the header
    assert first.email == "amara.okafor@northvalleyclinic.org"
    assert first.join == utc(18, 58, 12)  # 11:58:12 AM MST
    assert first.leave == utc(19, 31, 40)
    assert first.line == 2
    assert (first.is_guest, first.dial_in, first.minutes_only) == (False, False, None)
    reyes = report.records[2]
    assert reyes.name == "Reyes, Tomás"
    dial_in = report.records[3]
    assert (dial_in.name, dial_in.email, dial_in.dial_in, dial_in.line) == (
        "+1 505-555-0143",
        None,
        True,
        5,
    )


def test_parse_accepts_str_and_bytes_alike():
    data = fixture_bytes("plain_basic.csv")

    assert zoom_csv.parse(data.decode("utf-8-sig")) == zoom_csv.parse(data)


def test_parse_reordered_columns_with_guests_and_waiting_room():
    report = zoom_csv.parse(fixture_bytes("plain_reordered.csv"), tz=DENVER)

    assert report.layout == "plain"
    # The waiting-room row (line 2) is not attendance.
    assert [r.line for r in report.records] == [3, 4, 5, 6]
    murphy, _, mensah, phone = report.records
    assert murphy.name == "Siobhan Murphy RN (Siobhan M.)"
    assert murphy.email == "siobhan.murphy@ridgeviewhc.org"
    assert murphy.is_guest is False
    assert (mensah.email, mensah.is_guest, mensah.dial_in) == (None, True, False)
    assert (phone.is_guest, phone.dial_in) == (True, True)
    assert phone.join == utc(19, 4)


def test_parse_with_meeting_data():
    report = zoom_csv.parse(fixture_bytes("with_meeting_data.csv"), tz=DENVER)

    assert report.layout == "with_meeting_data"
    assert report.meeting == {
        "meeting_id": "812 3456 7890",
        "topic": "Hepatitis C ECHO - Session 14",
        "start": utc(18, 55, 3),
        "end": utc(20, 2, 10),
        "host_email": "echo.hub@unm-example.org",
        "duration_minutes": 68,
        "participants": 5,
        "line": 2,
    }
    assert [r.line for r in report.records] == [5, 6, 7, 8]  # line 9 waited, never admitted
    assert report.records[1].name == "Nguyễn Thị Hoa"


def test_parse_unique_users_without_meeting_has_minutes_only():
    report = zoom_csv.parse(fixture_bytes("unique_users.csv"))

    assert report.layout == "unique_users"
    assert [(r.name, r.minutes_only, r.join, r.leave) for r in report.records] == [
        ("Amara Okafor", 61.0, None, None),
        ("Reyes, Tomás", 59.0, None, None),
        ("+1 505-555-0143", 40.0, None, None),
    ]
    assert report.records[2].dial_in is True
    assert report.records[2].is_guest is True


def test_parse_unique_users_with_meeting_data_anchors_at_start():
    report = zoom_csv.parse(fixture_bytes("unique_users_with_meeting_data.csv"), tz=DENVER)

    assert report.layout == "unique_users"
    assert report.meeting["start"] == utc(18, 55, 3)
    hoa = report.records[1]
    assert (hoa.minutes_only, hoa.join, hoa.leave, hoa.line) == (
        62.0,
        utc(18, 55, 3),
        utc(19, 57, 3),
        6,
    )


def test_parse_converts_with_daylight_saving_time():
    text = (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        "Ana Lima,ana@example.org,07/09/2026 12:00:00 PM,07/09/2026 12:30:00 PM,30\n"
        "Ana Lima,ana@example.org,12/09/2026 12:00:00 AM,12/09/2026 12:30:00 AM,30\n"
    )
    summer, winter = zoom_csv.parse(text, tz=DENVER).records

    assert summer.join == datetime(2026, 7, 9, 18, 0, tzinfo=UTC)  # MDT, UTC-6
    assert winter.join == datetime(2026, 12, 9, 7, 0, tzinfo=UTC)  # 12 AM MST, UTC-7


def test_parse_reads_other_time_shapes_and_untidy_cells():
    text = (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        " Ana Lima , ana@example.org ,1/9/2026 9:05:00 AM,  01/09/2026 09:35:00 AM ,30\n"
        "\n"
        "Bo Chen,,01/09/2026 10:00,01/09/2026 10:10,10\n"
    )
    ana, bo = zoom_csv.parse(text).records

    assert (ana.name, ana.email, ana.join, ana.leave, ana.line) == (
        "Ana Lima",
        "ana@example.org",
        datetime(2026, 1, 9, 9, 5, tzinfo=UTC),
        datetime(2026, 1, 9, 9, 35, tzinfo=UTC),
        2,
    )
    assert (bo.email, bo.join, bo.line, bo.dial_in) == (
        None,
        datetime(2026, 1, 9, 10, 0, tzinfo=UTC),
        4,
        False,
    )


def test_parse_counts_lines_across_quoted_newlines():
    text = (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        '"Ana\nLima",ana@example.org,01/09/2026 09:05:00 AM,01/09/2026 09:35:00 AM,30\n'
        "Bo Chen,bo@example.org,01/09/2026 09:05:00 AM,01/09/2026 09:01:00 AM,30\n"
    )
    with pytest.raises(ZoomCsvError) as error:
        zoom_csv.parse(text)

    assert error.value.line == 4


def test_parse_ignores_trailing_blank_lines_and_commas():
    text = (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),\n"
        "Ana Lima,ana@example.org,01/09/2026 09:05:00 AM,01/09/2026 09:35:00 AM,30,\n"
        "\n\n"
    )
    (ana,) = zoom_csv.parse(text).records

    assert ana.line == 2


def test_parse_header_only_gives_no_records():
    report = zoom_csv.parse("Name (Original Name),User Email,Join Time,Leave Time\n")

    assert (report.layout, report.records) == ("plain", [])


HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
GOOD = "Ana Lima,ana@example.org,11/19/2026 12:00:00 PM,11/19/2026 12:30:00 PM,30\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "empty"),
        ("Participant,Email Address\nAna,ana@example.org\n", 1, "unknown Zoom CSV layout"),
        ("\n\nfoo,bar\n", 3, "Name (Original Name),User Email,Join Time"),
        ("Name (Original Name),User Email,Join Time\n" + GOOD, 1, "Leave Time"),
        ("User Email,Join Time,Leave Time\n", 1, "missing required column(s): Name"),
        (HEADER + GOOD + "Bo,,11/19/2026 13:00,soon,1\n", 3, "cannot read Leave Time 'soon'"),
        (HEADER + GOOD + "Bo,,2026-13-45 10:00:00,11/19/2026 12:30:00 PM,1\n", 3, "Join Time"),
        (HEADER + "Bo,,,11/19/2026 12:30:00 PM,1\n", 2, "Join Time is empty"),
        (
            HEADER + GOOD + GOOD + "Bo,,11/19/2026 12:30:00 PM,11/19/2026 12:29:59 PM,0\n",
            4,
            "is before Join Time",
        ),
        (HEADER + "Bo,,11/19/2026 13:00:00 PM,11/19/2026 12:30:00 PM,1\n", 2, "cannot read"),
    ],
)
def test_parse_errors_name_the_line(text, line, words):
    with pytest.raises(ZoomCsvError) as error:
        zoom_csv.parse(text)

    assert error.value.line == line
    assert words in str(error.value)
    assert str(error.value).startswith(f"line {line}: ")


MEETING = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,\n"
    "812 3456 7890,Diabetes ECHO,11/19/2026 12:00:00 PM,11/19/2026 01:00:00 PM,hub@x.org,60,2,\n"
    "\n"
)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (MEETING + HEADER + "Bo,,11/21/2026 12:00:00 PM,11/21/2026 12:30:00 PM,30\n", 5, "day"),
        (MEETING + HEADER + "Bo,,11/18/2026 11:59:00 AM,11/19/2026 12:30:00 PM,30\n", 5, "day"),
        (MEETING.replace("11/19/2026 12:00:00 PM", "noon"), 2, "cannot read Start Time 'noon'"),
        (MEETING.splitlines()[0] + "\n", 2, "no data row"),
        (MEETING, 4, "no participant table"),
        (
            MEETING + "Name (Original Name),User Email,Total Duration (Minutes)\nBo,,lots\n",
            5,
            "Total Duration (Minutes) 'lots' is not a number",
        ),
        (
            MEETING + "Name (Original Name),User Email,Total Duration (Minutes)\nBo,,-3\n",
            5,
            "not a duration",
        ),
    ],
)
def test_parse_meeting_errors_name_the_line(text, line, words):
    with pytest.raises(ZoomCsvError) as error:
        zoom_csv.parse(text)

    assert error.value.line == line
    assert words in str(error.value)


def test_parse_rows_a_day_from_the_meeting_are_accepted():
    text = MEETING + HEADER + "Bo,,11/19/2026 11:30:00 AM,11/20/2026 12:30:00 PM,30\n"

    (bo,) = zoom_csv.parse(text).records

    assert bo.leave == datetime(2026, 11, 20, 12, 30, tzinfo=UTC)


def test_parse_rejects_text_that_is_not_utf8():
    data = (HEADER + GOOD).encode() + "Zoë,,x,y,1\n".encode("latin-1")

    with pytest.raises(ZoomCsvError) as error:
        zoom_csv.parse(data)

    assert error.value.line == 3
    assert "UTF-8" in str(error.value)


def test_parse_rejects_unknown_time_zone():
    with pytest.raises(ZoomCsvError, match="unknown time zone 'Mars/Olympus'"):
        zoom_csv.parse(HEADER + GOOD, tz="Mars/Olympus")


def test_parse_fast_and_row_by_row_paths_agree():
    # A blank row in the middle sends the parser row by row; the result is the same.
    rows = [
        f"P{i},p{i}@example.org,11/19/2026 12:{i:02d}:00 PM,11/19/2026 12:{i + 5:02d}:30 PM,5"
        for i in range(20)
    ]
    clean = HEADER + "\n".join(rows) + "\n"
    gapped = HEADER + "\n".join(rows[:10]) + "\n,,,,\n" + "\n".join(rows[10:]) + "\n"

    fast = zoom_csv.parse(clean).records
    slow = zoom_csv.parse(gapped).records

    assert [r._replace(line=None) for r in fast] == [r._replace(line=None) for r in slow]
    assert [r.line for r in slow] == list(range(2, 12)) + list(range(13, 23))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet='ab ,"\r\n\x00é', max_size=6), min_size=1, max_size=4),
        max_size=6,
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_line_splitting_agrees_with_csv_reader(table, newline, raw):
    # Fields written by csv.writer (quoted where needed) or glued raw, even malformed.
    if raw:
        text = newline.join(",".join(row) for row in table)
    else:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=newline).writerows(table)
        text = buffer.getvalue()

    rows = _split_lines(text)

    if rows is not None:
        assert rows == list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("day", ["03/08/2026", "11/01/2026"])
def test_parse_times_around_daylight_saving_changes_match_zoneinfo(day):
    zone = ZoneInfo(DENVER)
    times = [
        f"{day} {hour:02d}:{minute:02d}:{second:02d} {half}"
        for half in ("AM", "PM")
        for hour in (12, 1, 2, 3)
        for minute in (0, 29, 59)
        for second in (0, 59)
    ]
    rows = "".join(f"P,p@example.org,{t},{t},0\n" for t in times)

    records = zoom_csv.parse(HEADER + rows, tz=DENVER).records

    expected = [
        datetime.strptime(t, "%m/%d/%Y %I:%M:%S %p").replace(tzinfo=zone).astimezone(UTC)
        for t in times
    ]
    assert [r.join for r in records] == expected
