"""Every miss fixed so far stays fixed: each expected span is covered by a finding of its label."""

import json
from pathlib import Path

import pytest

from allteach.phi import scan

CORPUS = Path(__file__).parent / "regression" / "misses.jsonl"
RECORDS = [
    json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()
]


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_expected_spans_are_covered(record):
    text = record["text"]
    findings = scan(text)
    for span in record["spans"]:
        needed = [i for i in range(span["start"], span["end"]) if text[i].isalnum()]
        assert any(
            f.label == span["label"] and all(f.start <= i < f.end for i in needed) for f in findings
        ), (text[span["start"] : span["end"]], [(f.label, text[f.start : f.end]) for f in findings])
