"""Run one stage of the attendance pipeline once, for instruction counts.

``python bench/attendance/stages.py STAGE [--setup-only]`` with STAGE one of
csv, parse, merge, match, full. Instructions of a stage are those of a run
minus those of the same command with ``--setup-only`` (which prepares the
stage's input and stops), e.g. under
``valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

import run  # noqa: E402

from allteach.attendance_engine import match, merge, zoom_csv  # noqa: E402
from allteach.attendance_engine.names import canonical_email, normalise_name  # noqa: E402


def main() -> int:
    stage = sys.argv[1]
    setup_only = "--setup-only" in sys.argv
    with tempfile.TemporaryDirectory() as directory:
        path, registrants, start, end = run.build(Path(directory))
        data = path.read_bytes()
        # Warm imports and caches that a long-running process would have warm.
        report = zoom_csv.parse(data, tz=run.ZONE)
        people = merge(report.records, session_start=start, session_end=end)
        match(people, registrants)
        normalise_name.cache_clear()
        canonical_email.cache_clear()
        if stage == "csv":
            if not setup_only:
                run.plain_csv(path)
        elif stage == "parse":
            if not setup_only:
                zoom_csv.parse(data, tz=run.ZONE)
        elif stage == "merge":
            if not setup_only:
                merge(report.records, session_start=start, session_end=end)
        elif stage == "match":
            if not setup_only:
                match(people, registrants)
        elif stage == "full":
            if not setup_only:
                run.full(path, registrants, start, end)
        else:
            raise SystemExit(f"unknown stage {stage!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
