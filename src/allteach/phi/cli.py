"""Command line: ``allteach phi scan|redact`` over JSON Lines or one --text string."""

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TextIO

from .engine import scan
from .model import PhiInputError
from .redact import STYLES, redact


class _BadLine(Exception):
    def __init__(self, number: int, message: str) -> None:
        super().__init__(f"line {number}: {message}")


def _records(stream: TextIO) -> Iterator[tuple[int, object, str]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _BadLine(number, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise _BadLine(number, 'expected an object with a string "text" field')
        yield number, record.get("id"), record["text"]


def _open(path: str | None) -> TextIO:
    if path in (None, "-"):
        return sys.stdin
    return open(path, encoding="utf-8", errors="strict")  # noqa: SIM115 - closed by caller


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="allteach phi", description="Find and redact PHI in case text."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_scan = sub.add_parser("scan", help="list suspected identifiers")
    p_scan.add_argument("file", nargs="?", help="JSON Lines file of {id, text} (default: stdin)")
    p_scan.add_argument("--text", help="scan this string and print findings readably")
    p_red = sub.add_parser("redact", help="write text with identifiers replaced")
    p_red.add_argument("file", nargs="?", help="JSON Lines file of {id, text} (default: stdin)")
    p_red.add_argument("--text", help="redact this string and print the result")
    p_red.add_argument("--style", choices=STYLES, default="placeholder")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = sys.stdout
    try:
        if args.text is not None:
            findings = scan(args.text)
            if args.command == "scan":
                if not findings:
                    out.write("no identifiers found\n")
                for f in findings:
                    snippet = args.text[f.start : f.end]
                    out.write(
                        f"{f.label:<11} {snippet!r} ({f.start}-{f.end}) {f.reason}; confidence {f.confidence:.2f}\n"
                    )
            else:
                out.write(redact(args.text, findings, args.style) + "\n")
            return 0
        stream = _open(args.file)
        try:
            for _number, rid, text in _records(stream):
                findings = scan(text)
                if args.command == "scan":
                    spans = [{"start": f.start, "end": f.end, "label": f.label} for f in findings]
                    row = {"id": rid, "spans": spans}
                else:
                    row = {"id": rid, "text": redact(text, findings, args.style)}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        finally:
            if stream is not sys.stdin:
                stream.close()
    except _BadLine as exc:
        sys.stderr.write(f"allteach phi: {exc}\n")
        return 2
    except (PhiInputError, OSError, UnicodeDecodeError) as exc:
        sys.stderr.write(f"allteach phi: {exc}\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
