"""Turn hand-marked cases into corpus records with exact offsets.

Markup: ``[[LABEL:text]]`` marks PHI (LABEL is one of the 18 Safe Harbor labels), ``{{text}}``
marks a hard negative that must not be flagged. In a file, each case starts with a line
``=== <id>``; lines starting with ``#`` before the first case are comments. Regenerate the
held-out set with ``python bench/phi/markup.py`` (reads heldout_marked.txt, writes heldout.jsonl).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

# fmt: off
LABELS = frozenset({
    "NAME", "GEOGRAPHIC", "DATE", "PHONE", "FAX", "EMAIL", "SSN", "MRN", "HEALTH_PLAN", "ACCOUNT",
    "LICENSE", "VEHICLE", "DEVICE", "URL", "IP", "BIOMETRIC", "PHOTO", "OTHER_ID",
})
# fmt: on
_MARK = re.compile(r"\[\[([A-Z_]+):(.+?)\]\]|\{\{(.+?)\}\}", re.DOTALL)
HERE = Path(__file__).resolve().parent


def parse_marked(marked: str, first_line: int = 1) -> tuple[str, list[dict], list[dict]]:
    """Return (plain text, PHI spans, hard negatives) for one marked-up case."""
    out: list[str] = []
    spans: list[dict] = []
    negatives: list[dict] = []
    pos = 0
    last = 0
    for m in _MARK.finditer(marked):
        line = first_line + marked.count("\n", 0, m.start())
        literal = marked[last : m.start()]
        if "[[" in literal or "{{" in literal or "]]" in literal or "}}" in literal:
            raise ValueError(f"line {line}: unbalanced markup near {literal[-30:]!r}")
        out.append(literal)
        pos += len(literal)
        if m.group(1) is not None:
            label, value = m.group(1), m.group(2)
            if label not in LABELS:
                raise ValueError(f"line {line}: unknown label {label!r}")
            spans.append({"start": pos, "end": pos + len(value), "label": label})
        else:
            value = m.group(3)
            negatives.append({"start": pos, "end": pos + len(value), "text": value})
        if value != value.strip() or not value:
            raise ValueError(f"line {line}: marked text {value!r} has surrounding spaces")
        out.append(value)
        pos += len(value)
        last = m.end()
    tail = marked[last:]
    if any(t in tail for t in ("[[", "{{", "]]", "}}")):
        line = first_line + marked.count("\n", 0, last)
        raise ValueError(f"line {line}: unbalanced markup near {tail[:30]!r}")
    out.append(tail)
    return "".join(out), spans, negatives


def parse_file(source: str) -> list[dict]:
    """Parse a whole marked-up file into records, in file order."""
    records: list[dict] = []
    current_id: str | None = None
    body: list[str] = []
    body_start = 0

    def flush() -> None:
        if current_id is None:
            return
        while body and not body[-1].strip():
            body.pop()
        text, spans, negatives = parse_marked("\n".join(body), body_start)
        if not text.strip():
            raise ValueError(f"line {body_start}: case {current_id!r} is empty")
        records.append(
            {
                "id": current_id,
                "text": text,
                "spans": spans,
                "kind": "phi" if spans else "no_phi",
                "hard_negatives": negatives,
            }
        )

    for number, line in enumerate(source.splitlines(), start=1):
        if line.startswith("=== "):
            flush()
            current_id = line[4:].strip()
            if any(r["id"] == current_id for r in records):
                raise ValueError(f"line {number}: duplicate case id {current_id!r}")
            body = []
            body_start = number + 1
        elif current_id is None:
            if line.strip() and not line.startswith("#"):
                raise ValueError(f"line {number}: text before the first '=== id' line")
        else:
            if not body and not line.strip():
                body_start = number + 1
                continue
            body.append(line)
    flush()
    return records


def main() -> None:
    source = HERE / "heldout_marked.txt"
    target = HERE / "heldout.jsonl"
    records = parse_file(source.read_text("utf-8"))
    with target.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    phi_free = sum(r["kind"] == "no_phi" for r in records)
    sys.stdout.write(f"wrote {len(records)} cases ({phi_free} PHI-free) to {target}\n")


if __name__ == "__main__":
    main()
