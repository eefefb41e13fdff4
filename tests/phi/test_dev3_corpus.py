"""The hand-written dev3 PHI corpus is well formed and its JSONL matches its marked-up source."""

import collections
import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "phi"

HIPAA_LABELS = {
    "NAME", "GEOGRAPHIC", "DATE", "PHONE", "FAX", "EMAIL", "SSN", "MRN", "HEALTH_PLAN",
    "ACCOUNT", "LICENSE", "VEHICLE", "DEVICE", "URL", "IP", "BIOMETRIC", "PHOTO", "OTHER_ID",
}  # fmt: skip
# Categories that detectors miss most; the set is written to exercise them.
HARD_LABELS = ("HEALTH_PLAN", "LICENSE", "DEVICE", "VEHICLE", "PHOTO")


def _load_markup():
    spec = importlib.util.spec_from_file_location("bench_phi_markup_dev3", BENCH / "markup.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


markup = _load_markup()


@pytest.fixture(scope="module")
def records() -> list[dict]:
    lines = (BENCH / "dev3.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_jsonl_equals_fresh_parse_of_marked_file(records):
    rebuilt = markup.parse_file((BENCH / "dev3_marked.txt").read_text("utf-8"))
    assert records == rebuilt


def test_size_and_unique_ids(records):
    assert len(records) >= 120
    ids = [r["id"] for r in records]
    assert len(set(ids)) == len(ids)


def test_spans_slice_text_with_valid_labels(records):
    for record in records:
        text = record["text"]
        assert set(record) == {"id", "text", "spans", "kind", "hard_negatives"}
        assert record["kind"] == ("phi" if record["spans"] else "no_phi")
        previous_end = 0
        for span in record["spans"]:
            assert span["label"] in HIPAA_LABELS, record["id"]
            assert previous_end <= span["start"] < span["end"] <= len(text), record["id"]
            piece = text[span["start"] : span["end"]]
            assert piece and piece == piece.strip(), record["id"]
            previous_end = span["end"]
        for negative in record["hard_negatives"]:
            assert text[negative["start"] : negative["end"]] == negative["text"], record["id"]
            for span in record["spans"]:
                assert negative["end"] <= span["start"] or span["end"] <= negative["start"]


def test_label_coverage(records):
    counts = collections.Counter(s["label"] for r in records for s in r["spans"])
    assert set(counts) == HIPAA_LABELS
    assert all(counts[label] >= 2 for label in HIPAA_LABELS), counts
    assert all(counts[label] >= 10 for label in HARD_LABELS), counts


def test_phi_free_cases_and_hard_negatives(records):
    assert sum(r["kind"] == "no_phi" for r in records) >= 20
    assert sum(len(r["hard_negatives"]) for r in records) >= 200
