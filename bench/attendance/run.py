"""Benchmark: Zoom CSV parse + merge + match of a 10,000-row session vs plain ``csv`` parsing.

Run with ``python bench/attendance/run.py``. Goals: the full pipeline under 1 s
and within 3x of reading the same file with ``csv.reader`` alone (medians).
"""

from __future__ import annotations

import csv
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from allteach.attendance_engine import Registrant, match, merge, reconcile, zoom_csv  # noqa: E402
from allteach.attendance_engine.names import canonical_email, normalise_name  # noqa: E402

ROWS = 10_000
REGISTRANTS = 2_000
RUNS = 21
GOAL_SECONDS = 1.0
GOAL_RATIO = 3.0
ZONE = "America/Denver"
FIRST = [
    "Amara",
    "Tomás",
    "Li",
    "Siobhan",
    "Kwame",
    "Hoa",
    "Jane",
    "Rahul",
    "Fatima",
    "José",
    "Olga",
    "Chen",
    "Aisha",
    "Diego",
    "Mei",
    "Noah",
    "Priya",
    "Sven",
    "Yara",
    "Zoë",
]
LAST = [
    "Okafor",
    "Reyes",
    "Wei",
    "Murphy",
    "Mensah",
    "Nguyễn",
    "Doe",
    "Patel",
    "Haddad",
    "García",
    "Ivanova",
    "Ling",
    "Bello",
    "Moreno",
    "Tanaka",
    "Smith",
    "Iyer",
    "Berg",
]


def build(directory: Path) -> tuple[Path, list[Registrant], datetime, datetime]:
    """Write a plain-layout export with reconnections; return it with its registrants."""
    rng = random.Random(20261119)
    zone = ZoneInfo(ZONE)
    start = datetime(2026, 11, 19, 12, 0, tzinfo=zone)
    end = start + timedelta(hours=1)
    registrants = []
    people = []  # (name, email) as they appear in Zoom
    for number in range(REGISTRANTS):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {number}"
        email = f"learner{number}@clinic{number % 97}.example.org"
        registrants.append(Registrant(id=number, name=name, email=email))
        kind = rng.random()
        if kind < 0.75:
            people.append((name, email))
        elif kind < 0.85:
            people.append((f"Dr. {name}, MD", email.upper()))
        elif kind < 0.95:
            people.append((name, f"personal{number}@gmail.com"))  # matches by name
    for number in range(800):
        people.append((f"Walk In {number}", f"walkin{number}@elsewhere.example.org"))
    for number in range(300):
        people.append((f"+1 505-555-{number:04d}", ""))
    rows = []
    while len(rows) < ROWS:
        name, email = people[len(rows) % len(people)]
        join = start + timedelta(seconds=rng.randint(-300, 3000))
        leave = min(join + timedelta(seconds=rng.randint(60, 3600)), end + timedelta(minutes=5))
        rows.append((name, email, join, leave))
    path = directory / "participants.csv"
    fmt = "%m/%d/%Y %I:%M:%S %p"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "Name (Original Name)",
                "User Email",
                "Join Time",
                "Leave Time",
                "Duration (Minutes)",
                "Guest",
                "Recording Consent",
                "In Waiting Room",
            ]
        )
        for name, email, join, leave in rows:
            minutes = max(1, round((leave - join).total_seconds() / 60))
            writer.writerow(
                [
                    name,
                    email,
                    join.strftime(fmt),
                    leave.strftime(fmt),
                    minutes,
                    "No" if email else "Yes",
                    "Y",
                    "No",
                ]
            )
    return path, registrants, start.astimezone(UTC), end.astimezone(UTC)


def plain_csv(path: Path) -> int:
    """The baseline: the file read into rows by the standard ``csv`` module, nothing more."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return len(list(csv.reader(handle)))


def dict_csv(path: Path) -> int:
    """For information: the same file read into dicts by ``csv.DictReader``."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return len(list(csv.DictReader(handle)))


def full(path: Path, registrants: list[Registrant], start: datetime, end: datetime) -> int:
    """Parse, merge and match, as an import does."""
    normalise_name.cache_clear()  # every run starts cold
    canonical_email.cache_clear()
    report = zoom_csv.parse(path.read_bytes(), tz=ZONE)
    people = merge(report.records, session_start=start, session_end=end)
    result = match(people, registrants)
    return len(result.matched) + len(result.review)


def rows(path: Path, registrants: list[Registrant], start: datetime, end: datetime) -> int:
    """Parse and reconcile into database rows (merge, match, policy): for information."""
    normalise_name.cache_clear()
    canonical_email.cache_clear()
    report = zoom_csv.parse(path.read_bytes(), tz=ZONE)
    return len(
        reconcile(report.records, registrants, session_start=start, session_end=end, min_percent=75)
    )


def medians(functions: dict, runs: int) -> dict[str, float]:
    """Median seconds of each function, runs interleaved so that noise hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            began = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - began)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    with tempfile.TemporaryDirectory() as directory:
        path, registrants, start, end = build(Path(directory))
        people = full(path, registrants, start, end)
        result = medians(
            {
                "csv": lambda: plain_csv(path),
                "dict": lambda: dict_csv(path),
                "full": lambda: full(path, registrants, start, end),
                "rows": lambda: rows(path, registrants, start, end),
            },
            RUNS,
        )
    baseline, pipeline = result["csv"], result["full"]
    ratio = pipeline / baseline
    print(f"rows: {ROWS}, registrants: {REGISTRANTS}, people: {people}, runs: {RUNS} (medians)")
    print(f"csv.reader alone:             {baseline * 1000:8.1f} ms")
    print(f"csv.DictReader (info):        {result['dict'] * 1000:8.1f} ms")
    print(f"parse + merge + match:        {pipeline * 1000:8.1f} ms")
    print(f"parse + reconcile (info):     {result['rows'] * 1000:8.1f} ms")
    print(f"ratio to csv.reader: {ratio:.2f}x (goal <= {GOAL_RATIO}x); goal < {GOAL_SECONDS:.0f} s")
    print(f"ratio to csv.DictReader (info): {pipeline / result['dict']:.2f}x")
    ok = pipeline < GOAL_SECONDS and ratio <= GOAL_RATIO
    print("goals met" if ok else "GOALS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
