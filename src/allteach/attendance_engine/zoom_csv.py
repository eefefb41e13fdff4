"""Read the participant CSV files that Zoom's web portal exports.

Three layouts exist: plain (one row per connection), "with meeting data" (a
meeting header line and row, a blank line, then the participant table) and
"unique users" (one row per person with a total instead of join/leave times).
Times are printed in the account's time zone and are converted to UTC here.
"""

from __future__ import annotations

import csv
import io
import operator
import re
from datetime import UTC, datetime, timedelta
from itertools import compress, count, repeat
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ._speed import gc_paused
from .names import looks_like_phone
from .records import ParsedReport, ProviderRecord

PLAIN = "plain"
WITH_MEETING_DATA = "with_meeting_data"
UNIQUE_USERS = "unique_users"

_PARTICIPANT_COLUMNS = {
    "name (original name)": "name",
    "name": "name",
    "user name": "name",
    "user email": "email",
    "email": "email",
    "join time": "join",
    "leave time": "leave",
    "duration (minutes)": "duration",
    "total duration (minutes)": "total",
    "guest": "guest",
    "recording consent": "consent",
    "in waiting room": "waiting",
}
_MEETING_COLUMNS = {
    "meeting id": "meeting_id",
    "topic": "topic",
    "start time": "start",
    "end time": "end",
    "user email": "host_email",
    "duration (minutes)": "duration_minutes",
    "participants": "participants",
}
_COLUMN_TITLES = {
    "name": "Name (Original Name)",
    "email": "User Email",
    "join": "Join Time",
    "leave": "Leave Time",
    "total": "Total Duration (Minutes)",
}
_EXPECTED = (
    "expected one of: 'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)"
    "[,Guest,Recording Consent,In Waiting Room]'; "
    "'Name (Original Name),User Email,Total Duration (Minutes)[,Guest]'; "
    "or a meeting header 'Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),"
    "Participants' followed by its row, a blank line and one of those tables"
)
_TIME_EXAMPLE = "11/21/2026 01:02:03 PM"
_FALLBACK_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
)
# A row dated further than this from the meeting's start belongs to another meeting.
_MAX_DRIFT = timedelta(days=1)


class ZoomCsvError(ValueError):
    """A Zoom CSV export that cannot be read; ``line`` is 1-based when known."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


class _Clock:
    """Turn Zoom's local time strings into aware UTC datetimes, remembering each answer."""

    def __init__(self, tz: str) -> None:
        try:
            self.zone = None if tz.upper() == "UTC" else ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ZoomCsvError(f"unknown time zone {tz!r}") from None
        self.cache: dict[str, datetime] = {}
        self.hours: dict[str, datetime | None] = {}

    def __call__(self, text: str) -> datetime:
        value = self.cache.get(text)
        if value is None:
            value = self._hour_fast(text) or self._convert(_parse_local(text.strip()))
            self.cache[text] = value
        return value

    def fill(self, texts: set[str]) -> bool:
        """Convert many distinct strings at once; False if any cannot be read."""
        texts = list(texts)
        # Column-wise, in C: minute:second offsets and the hour each string falls in.
        offsets = list(map(_MINUTE_SECOND.get, map(_MM_SS, texts)))
        hour_keys = list(map(operator.add, map(_DATE_HOUR, texts), map(_MERIDIEM, texts)))
        for hour_key, text in zip(hour_keys, texts, strict=True):
            if hour_key not in self.hours:
                self.hours[hour_key] = self._hour_start(text)
        bases = list(map(self.hours.__getitem__, hour_keys))
        try:
            if set(map(len, texts)) - {22} or set(map(_COLON, texts)) - {":"}:
                raise TypeError
            self.cache.update(zip(texts, map(operator.add, bases, offsets), strict=True))
        except TypeError:  # an unusual string somewhere: one at a time
            try:
                for text in texts:
                    self(text)
            except ValueError:
                return False
        return True

    def _convert(self, local: datetime) -> datetime:
        if self.zone is None:
            return local.replace(tzinfo=UTC)
        return local.replace(tzinfo=self.zone).astimezone(UTC)

    def _hour_fast(self, text: str) -> datetime | None:
        # A session has a few thousand distinct seconds but only one or two local
        # hours: convert each hour once and add minutes and seconds, unless the UTC
        # offset changes inside that hour.
        if len(text) != 22 or text[13] != ":":
            return None
        offset = _MINUTE_SECOND.get(text[14:19])
        if offset is None:
            return None
        hour_key = text[:13] + text[19:]
        base = self.hours.get(hour_key, False)
        if base is False:
            base = self.hours[hour_key] = self._hour_start(text)
        if base is None:
            return None
        return base + offset

    def _hour_start(self, text: str) -> datetime | None:
        if not _ZOOM_TIME.match(text):
            return None
        try:
            start = _parse_local(text[:13] + ":00:00" + text[19:])
        except ValueError:
            return None
        first = self._convert(start)
        last = self._convert(start + timedelta(seconds=3599))
        return first if last - first == timedelta(seconds=3599) else None


_MM_SS = operator.itemgetter(slice(14, 19))
_DATE_HOUR = operator.itemgetter(slice(0, 13))
_MERIDIEM = operator.itemgetter(slice(19, None))
_COLON = operator.itemgetter(13)
_MINUTE_SECOND = {
    f"{m:02d}:{s:02d}": timedelta(minutes=m, seconds=s) for m in range(60) for s in range(60)
}
_ZOOM_TIME = re.compile(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d [AaPp][Mm]$")


def _parse_local(text: str) -> datetime:
    # Fast path for the shape Zoom writes: "11/21/2026 01:02:03 PM".
    if (
        len(text) == 22
        and text[2] == "/"
        and text[5] == "/"
        and text[13] == ":"
        and text[16] == ":"
        and text[10] == " "
        and text[19] == " "
        and text[:2].isdigit()
        and text[3:5].isdigit()
        and text[6:10].isdigit()
        and text[11:13].isdigit()
        and text[14:16].isdigit()
        and text[17:19].isdigit()
    ):
        hour = int(text[11:13])
        marker = text[20:].upper()
        if 1 <= hour <= 12 and marker in ("AM", "PM"):
            hour = hour % 12 + (12 if marker == "PM" else 0)
            return datetime(
                int(text[6:10]),
                int(text[:2]),
                int(text[3:5]),
                hour,
                int(text[14:16]),
                int(text[17:19]),
            )
        raise ValueError(text)
    for fmt in _FALLBACK_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(text)


def _decode(data: str | bytes) -> str:
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ZoomCsvError("the file is not UTF-8 text", line=line) from None
    return data.removeprefix("\ufeff")


def _columns(row: list[str], known: dict[str, str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = known.get(cell.strip().casefold())
        if key is not None and key not in found:
            found[key] = index
    return found


def _is_participant_header(columns: dict[str, int]) -> bool:
    return bool(columns.keys() & {"name", "join", "leave", "total"})


def _split_text(text: str) -> tuple[list[str], dict[int, list[str]]] | None:
    """Split a CSV text into its physical lines and the rows of the lines with quotes.

    A line without quotes is the row ``line.split(",")`` (no fields when empty), as
    ``csv.reader`` reads it; ``str.split`` runs several times faster than
    ``csv.reader`` and the few lines with quotes still go through ``csv``. ``None``
    when a quoted field spans lines (or the text holds a NUL or a lone carriage
    return): the caller then reads with ``csv.reader`` throughout.
    """
    if "\x00" in text:
        return None
    crlf = False
    if "\r" in text:
        lines = text.split("\r\n")
        # Windows line ends throughout, as Zoom writes them: no lone \r or \n is left
        # (one copy and two memchr scans instead of counting each kind of line end).
        rest = "".join(lines)
        crlf = "\r" not in rest and "\n" not in rest
        del rest
    if not crlf:
        lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    if "\r" in text and not crlf:
        lines = list(map(_DROP_CR, lines))
        if any(map(operator.contains, lines, repeat("\r"))):
            return None
    quoted: dict[int, list[str]] = {}
    if '"' in text:
        indexes = list(compress(range(len(lines)), map(operator.contains, lines, repeat('"'))))
        # One strict reader over the quoted lines alone: a field that goes on past
        # its line either raises or leaves fewer rows than lines.
        try:
            parsed = list(csv.reader([lines[index] for index in indexes], strict=True))
        except csv.Error:
            return None
        if len(parsed) != len(indexes):
            return None
        quoted = dict(zip(indexes, parsed, strict=True))
    return lines, quoted


def _rows_of(lines: list[str], quoted: dict[int, list[str]], start: int = 0) -> list[list[str]]:
    """The rows of ``lines[start:]`` (see ``_split_text``)."""
    part = lines[start:] if start else lines
    rows = list(map(_SPLIT_COMMAS, part))
    for index in compress(range(len(part)), map(operator.not_, part)):
        rows[index] = []  # csv.reader gives no fields for an empty line
    for index, row in quoted.items():
        if index >= start:
            rows[index - start] = row
    return rows


def _split_lines(text: str) -> list[list[str]] | None:
    """Split a CSV text into rows, one per physical line, as ``csv.reader`` would.

    ``None`` when that is not possible (see ``_split_text``).
    """
    split = _split_text(text)
    return None if split is None else _rows_of(*split)


_DROP_CR = operator.methodcaller("removesuffix", "\r")
_SPLIT_COMMAS = operator.methodcaller("split", ",")


class _Rows:
    """The rows of the file with their 1-based line numbers, read in order."""

    def __init__(self, text: str) -> None:
        split = _split_text(text)
        if split is None:
            self.lines: list[str] = []
            self.quoted: dict[int, list[str]] = {}
            self.reader = csv.reader(io.StringIO(text))
        else:
            self.lines, self.quoted = split
            self.reader = None
        self.index = 0

    @property
    def line(self) -> int:
        """The line last read."""
        return self.index if self.reader is None else self.reader.line_num

    def __iter__(self):
        return self

    def __next__(self) -> tuple[list[str], int]:
        if self.reader is not None:
            row = next(self.reader)
            return row, self.reader.line_num
        index = self.index
        if index >= len(self.lines):
            raise StopIteration
        self.index = index + 1
        row = self.quoted.get(index)
        if row is None:
            line = self.lines[index]
            row = line.split(",") if line else []
        return row, index + 1

    def rest_lines(self) -> tuple[list[str], dict[int, list[str]], int] | None:
        """All unread lines, the rows of those with quotes (numbered from 0) and the
        line of the first; nothing is consumed. ``None`` when read by ``csv.reader``."""
        if self.reader is not None:
            return None
        start = self.index
        quoted = {i - start: row for i, row in self.quoted.items() if i >= start}
        return self.lines[start:], quoted, start + 1

    def rest(self) -> tuple[list[list[str]], int] | None:
        """All unread rows and the line of the first, when each row is one line."""
        if self.reader is not None:
            return None
        rows, first = _rows_of(self.lines, self.quoted, self.index), self.index + 1
        self.index = len(self.lines)
        return rows, first


def parse(data: str | bytes, *, tz: str = "UTC") -> ParsedReport:
    """Parse a Zoom participants CSV export (any of the three layouts) into records.

    ``layout`` is "plain", "with_meeting_data" or "unique_users" (a unique-users
    table keeps that name when a meeting header precedes it); ``meeting`` holds
    meeting_id, topic, start, end (UTC), host_email, duration_minutes,
    participants and line, or is ``None``. ``tz`` is the Zoom account's time
    zone, in which the file prints its times. Waiting-room rows are left out.
    Raises ``ZoomCsvError`` naming the 1-based line of the first problem.
    """
    clock = _Clock(tz)
    text = _decode(data)
    with gc_paused():
        rows = _Rows(text)
        try:
            report = _parse_rows(rows, clock)
        except csv.Error as exc:
            raise ZoomCsvError(f"malformed CSV: {exc}", line=rows.line) from None
        # Free the row lists now: alive when the collector resumes, they would all
        # be traversed by the collection that the paused allocations have due.
        del rows
    return report


def _next_nonblank(rows: _Rows) -> tuple[list[str] | None, int]:
    for row, line in rows:
        if any(cell.strip() for cell in row):
            return row, line
    return None, rows.line


def _parse_rows(rows: _Rows, clock: _Clock) -> ParsedReport:
    header, line = _next_nonblank(rows)
    if header is None:
        raise ZoomCsvError(f"the file is empty; {_EXPECTED}", line=1)
    meeting = None
    layout = PLAIN
    meeting_columns = _columns(header, _MEETING_COLUMNS)
    if "meeting_id" in meeting_columns:
        layout = WITH_MEETING_DATA
        meeting = _read_meeting(rows, meeting_columns, line, clock)
        header, line = _next_nonblank(rows)
        if header is None:
            raise ZoomCsvError(
                f"no participant table after the meeting data; {_EXPECTED}", line=line + 1
            )
    columns = _columns(header, _PARTICIPANT_COLUMNS)
    if not _is_participant_header(columns):
        raise ZoomCsvError(f"unknown Zoom CSV layout; {_EXPECTED}", line=line)
    if "total" in columns:
        layout = UNIQUE_USERS
        required = ("name", "total")
    else:
        required = ("name", "join", "leave")
    missing = [_COLUMN_TITLES[key] for key in required if key not in columns]
    if missing:
        raise ZoomCsvError(
            f"missing required column(s): {', '.join(missing)}; {_EXPECTED}", line=line
        )
    titles = {key: header[index].strip() for key, index in columns.items()}
    if layout == UNIQUE_USERS:
        return ParsedReport(layout, meeting, _read_unique_users(rows, columns, titles, meeting))
    records = None
    numbered = rows
    lines = rows.rest_lines()
    if lines is not None:
        records = _read_connections_flat(*lines, columns, meeting, clock)
        del lines
    rest = rows.rest() if records is None else None
    if rest is not None:
        body, first = rest
        records = _read_connections_at_once(body, first, columns, meeting, clock)
        if records is None:  # something to skip or report: go row by row
            numbered = zip(body, count(first))
    if records is None:
        records = _read_connections(numbered, columns, titles, meeting, clock)
    return ParsedReport(layout=layout, meeting=meeting, records=records)


def _read_meeting(rows: _Rows, columns: dict[str, int], header_line: int, clock: _Clock) -> dict:
    row, line = _next_nonblank(rows)
    if row is None:
        raise ZoomCsvError("the meeting header has no data row", line=header_line + 1)
    row = row + [""] * (max(columns.values()) + 1 - len(row))

    def cell(key: str) -> str:
        index = columns.get(key)
        return row[index].strip() if index is not None else ""

    meeting: dict = {"meeting_id": cell("meeting_id"), "topic": cell("topic"), "line": line}
    for key, title in (("start", "Start Time"), ("end", "End Time")):
        text = cell(key)
        try:
            meeting[key] = clock(text) if text else None
        except ValueError:
            raise ZoomCsvError(
                f"cannot read {title} {text!r}; expected a time like {_TIME_EXAMPLE}", line=line
            ) from None
    meeting["host_email"] = cell("host_email") or None
    for key in ("duration_minutes", "participants"):
        text = cell(key)
        meeting[key] = int(text) if text.isdigit() else None
    if meeting["start"] and meeting["end"] and meeting["end"] < meeting["start"]:
        raise ZoomCsvError("the meeting's End Time is before its Start Time", line=line)
    return meeting


def _window(meeting: dict | None) -> tuple[datetime, datetime] | None:
    if not meeting or meeting.get("start") is None:
        return None
    start = meeting["start"]
    end = meeting.get("end") or start
    return start - _MAX_DRIFT, end + _MAX_DRIFT


def _read_connections_flat(
    lines: list[str],
    quoted: dict[int, list[str]],
    first_line: int,
    columns: dict[str, int],
    meeting,
    clock: _Clock,
) -> list[ProviderRecord] | None:
    """Read a table whose lines all hold the same number of fields, one split for all.

    The lines are joined with a ``"\\n"`` field between each two and split at
    commas once: a field ``"\\n"`` at every row end proves that each line has
    the same number of fields (no field holds a line end), and each column is
    then a slice of the one list. ``None`` when the table has another shape (a
    blank line, a short or long row) or needs a closer look.
    """
    size = len(lines)
    if not size:
        return None
    width = len(quoted[0]) if 0 in quoted else lines[0].count(",") + 1
    if width <= max(columns.values()):
        return None
    if quoted:
        if set(map(len, quoted.values())) != {width}:
            return None
        lines = lines.copy()
        blank = "," * (width - 1)  # a stand-in with the row's number of fields
        for index in quoted:
            lines[index] = blank
    stride = width + 1
    cells = ",\n,".join(lines).split(",")
    del lines
    if len(cells) != stride * size - 1 or cells[width::stride].count("\n") != size - 1:
        return None
    for index, row in quoted.items():
        start = index * stride
        cells[start : start + width] = row

    def column(key: str) -> list[str]:
        return cells[columns[key] :: stride]

    return _read_columns(column, size, first_line, columns, meeting, clock)


def _read_connections_at_once(
    rows: list[list[str]], first_line: int, columns: dict[str, int], meeting, clock: _Clock
) -> list[ProviderRecord] | None:
    """Convert a clean table column by column; ``None`` when any row needs a closer look."""
    end = len(rows)
    while end and not any(rows[end - 1]):
        end -= 1  # trailing blank lines
    if end < len(rows):
        rows = rows[:end]
    if not rows:
        return []
    if min(map(len, rows)) <= max(columns.values()):
        return None

    def column(key: str) -> list[str]:
        return list(map(operator.itemgetter(columns[key]), rows))

    return _read_columns(column, len(rows), first_line, columns, meeting, clock)


def _pick(table: dict, keys: list) -> list | tuple:
    """``[table[key] for key in keys]``, in C."""
    if len(keys) > 1:
        return operator.itemgetter(*keys)(table)
    return list(map(table.__getitem__, keys))


def _read_columns(
    column, size: int, first_line: int, columns: dict[str, int], meeting, clock: _Clock
) -> list[ProviderRecord] | None:
    """Build the records of ``size`` rows from their columns (``column(key)``).

    Column-wise work runs in C (``zip``, ``map``, dict lookups) and keeps parsing
    within a small factor of ``csv.reader`` on a 10,000-row session.
    """
    if "waiting" in columns and any(_yes(value) for value in set(column("waiting"))):
        return None
    join_texts, leave_texts = column("join"), column("leave")
    cache = clock.cache
    texts = set(join_texts)
    texts.update(leave_texts)
    if cache:
        texts.difference_update(cache)
    if not clock.fill(texts):
        return None
    del texts
    joins = _pick(cache, join_texts)
    leaves = _pick(cache, leave_texts)
    if any(map(operator.lt, leaves, joins)):
        return None
    window = _window(meeting)
    if window is not None and (min(joins) < window[0] or max(leaves) > window[1]):
        return None
    names = list(map(str.strip, column("name")))
    if "email" in columns:
        emails = list(map(str.strip, column("email")))
        missing = list(compress(range(size), map(operator.not_, emails)))
    else:
        emails = [None] * size
        missing = range(size)
    if "guest" in columns:
        guest_column = column("guest")
        guests = _pick({value: _yes(value) for value in set(guest_column)}, guest_column)
    else:
        guests = repeat(False)
    dial_in = [False] * size
    phones: dict[str, bool] = {}  # a caller reconnecting repeats their number
    for index in missing:
        emails[index] = None
        name = names[index]
        phone = phones.get(name)
        if phone is None:
            phone = phones[name] = looks_like_phone(name)
        dial_in[index] = phone
    return list(
        map(
            tuple.__new__,
            repeat(ProviderRecord),
            zip(
                repeat("zoom_csv"),
                names,
                emails,
                repeat(None),
                repeat(None),
                joins,
                leaves,
                range(first_line, first_line + size),
                guests,
                dial_in,
                repeat(None),
            ),
        )
    )


def _read_connections(
    numbered, columns: dict[str, int], titles: dict[str, str], meeting: dict | None, clock: _Clock
) -> list[ProviderRecord]:
    width = max(columns.values()) + 1
    i_name = columns["name"]
    i_join = columns["join"]
    i_leave = columns["leave"]
    i_email = columns.get("email")
    i_guest = columns.get("guest")
    i_waiting = columns.get("waiting")
    window = _window(meeting)
    records: list[ProviderRecord] = []
    for row, line in numbered:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < width:
            row = row + [""] * (width - len(row))
        if i_waiting is not None and _yes(row[i_waiting]):
            continue  # admitted later or never: time in the waiting room is not attendance
        join_text = row[i_join]
        leave_text = row[i_leave]
        join = _read_time(clock, join_text, titles["join"], line)
        leave = _read_time(clock, leave_text, titles["leave"], line)
        if leave < join:
            raise ZoomCsvError(
                f"{titles['leave']} {leave_text.strip()!r} is before "
                f"{titles['join']} {join_text.strip()!r}",
                line=line,
            )
        if window is not None and (join < window[0] or leave > window[1]):
            raise ZoomCsvError(
                f"{join_text.strip()!r} to {leave_text.strip()!r} is more than a day away "
                "from the meeting's start",
                line=line,
            )
        name = row[i_name].strip()
        email = row[i_email].strip() if i_email is not None else ""
        records.append(
            ProviderRecord(
                source="zoom_csv",
                name=name,
                email=email or None,
                registrant_id=None,
                join_token=None,
                join=join,
                leave=leave,
                line=line,
                is_guest=i_guest is not None and _yes(row[i_guest]),
                dial_in=not email and looks_like_phone(name),
            )
        )
    return records


def _yes(cell: str) -> bool:
    return cell == "Yes" or (cell not in ("", "No") and cell.strip().lower() == "yes")


def _read_time(clock: _Clock, text: str, title: str, line: int) -> datetime:
    if not text.strip():
        raise ZoomCsvError(f"{title} is empty", line=line)
    try:
        return clock(text)
    except ValueError:
        raise ZoomCsvError(
            f"cannot read {title} {text.strip()!r}; expected a time like {_TIME_EXAMPLE}",
            line=line,
        ) from None


def _read_unique_users(
    numbered, columns: dict[str, int], titles: dict[str, str], meeting: dict | None
) -> list[ProviderRecord]:
    width = max(columns.values()) + 1
    anchor = meeting.get("start") if meeting else None
    records: list[ProviderRecord] = []
    for row, line in numbered:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < width:
            row = row + [""] * (width - len(row))
        if "waiting" in columns and _yes(row[columns["waiting"]]):
            continue
        text = row[columns["total"]].strip()
        try:
            minutes = float(text)
        except ValueError:
            raise ZoomCsvError(f"{titles['total']} {text!r} is not a number", line=line) from None
        if not 0 <= minutes < float("inf"):
            raise ZoomCsvError(f"{titles['total']} {text!r} is not a duration", line=line)
        name = row[columns["name"]].strip()
        email = row[columns["email"]].strip() if "email" in columns else ""
        records.append(
            ProviderRecord(
                source="zoom_csv",
                name=name,
                email=email or None,
                registrant_id=None,
                join_token=None,
                join=anchor,
                leave=anchor + timedelta(minutes=minutes) if anchor else None,
                line=line,
                is_guest="guest" in columns and _yes(row[columns["guest"]]),
                dial_in=not email and looks_like_phone(name),
                minutes_only=minutes,
            )
        )
    return records
