"""The second hand-written PHI held-out set (bench/phi/heldout2.jsonl) is well formed and broad.

heldout2 holds Project ECHO telementoring case presentations written by hand in
``bench/phi/heldout2_marked.txt`` (labelling decisions in its header), independently of the
detector and of the other corpora, and built with ``markup.parse_file``. Rebuild from the
repository root with:

    python -c "import json,sys; sys.path.insert(0,'bench/phi'); import markup; \\
      rs=markup.parse_file(open('bench/phi/heldout2_marked.txt',encoding='utf-8').read()); \\
      open('bench/phi/heldout2.jsonl','w',encoding='utf-8').writelines(
          json.dumps(r,ensure_ascii=False)+'\\n' for r in rs)"

These tests check the data only; the detector is not run here.
"""

import collections
import importlib.util
import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "phi"

HIPAA_LABELS = {
    "NAME", "GEOGRAPHIC", "DATE", "PHONE", "FAX", "EMAIL", "SSN", "MRN", "HEALTH_PLAN",
    "ACCOUNT", "LICENSE", "VEHICLE", "DEVICE", "URL", "IP", "BIOMETRIC", "PHOTO", "OTHER_ID",
}  # fmt: skip


def _markup():
    spec = importlib.util.spec_from_file_location("bench_phi_markup_heldout2", BENCH / "markup.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _records() -> list[dict]:
    with (BENCH / "heldout2.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_heldout2_has_enough_cases_with_unique_ids():
    records = _records()
    assert len(records) >= 70
    assert len({r["id"] for r in records}) == len(records)


def test_heldout2_spans_slice_text_and_labels_are_valid():
    for record in _records():
        text = record["text"]
        assert set(record) == {"id", "text", "spans", "kind", "hard_negatives"}
        assert record["kind"] == ("phi" if record["spans"] else "no_phi")
        previous_end = 0
        for span in record["spans"]:
            assert span["label"] in HIPAA_LABELS, (record["id"], span)
            assert previous_end <= span["start"] < span["end"] <= len(text), (record["id"], span)
            piece = text[span["start"] : span["end"]]
            assert piece and piece == piece.strip(), (record["id"], span)
            previous_end = span["end"]
        for negative in record["hard_negatives"]:
            assert text[negative["start"] : negative["end"]] == negative["text"]
            for span in record["spans"]:
                assert negative["end"] <= span["start"] or span["end"] <= negative["start"]


def test_heldout2_covers_every_label_at_least_three_times():
    counts = collections.Counter(s["label"] for r in _records() for s in r["spans"])
    assert set(counts) == HIPAA_LABELS
    assert min(counts.values()) >= 3, counts


def test_heldout2_has_phi_free_cases_with_hard_negatives():
    records = _records()
    free = [r for r in records if r["kind"] == "no_phi"]
    assert len(free) >= 10
    assert all(r["hard_negatives"] for r in free)


def test_heldout2_jsonl_matches_marked_source():
    source = (BENCH / "heldout2_marked.txt").read_text("utf-8")
    assert _markup().parse_file(source) == _records()
