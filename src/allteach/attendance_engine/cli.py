"""Command line: ``parse FILE [--tz ZONE]`` prints per-person minutes of a Zoom CSV as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime

from . import zoom_csv
from .merging import merge


def _iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def _parse(path: str, tz: str) -> dict:
    with open(path, "rb") as handle:
        report = zoom_csv.parse(handle.read(), tz=tz)
    meeting = report.meeting
    # No session window here: the export is reported as it is, unclipped.
    people = merge(report.records)
    return {
        "layout": report.layout,
        "meeting": (
            {
                key: _iso(value) if isinstance(value, datetime) else value
                for key, value in meeting.items()
            }
            if meeting
            else None
        ),
        "people": [
            {
                "identity_key": person.identity_key,
                "name": person.name,
                "email": person.email,
                "minutes": round(person.minutes, 2),
                "first_join": _iso(person.first_join),
                "last_leave": _iso(person.last_leave),
                "connections": person.connections,
                "guest": person.is_guest,
                "dial_in": person.dial_in,
            }
            for person in people
        ],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the attendance command line; returns the exit status (2 for bad input)."""
    parser = argparse.ArgumentParser(prog="allteach attendance", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="print merged per-person minutes of a Zoom CSV")
    parse.add_argument("file", help="Zoom participants CSV export (any layout)")
    parse.add_argument("--tz", default="UTC", help="time zone of the Zoom account (default UTC)")
    args = parser.parse_args(argv)
    try:
        result = _parse(args.file, args.tz)
    except zoom_csv.ZoomCsvError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
