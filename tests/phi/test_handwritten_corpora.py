"""The hand-written PHI sets under bench/phi/ are well formed, broad, and match their sources.

Each set was written by a different person in ``<name>_marked.txt`` (labelling decisions in
its header; ``[[LABEL:text]]`` marks an identifier, ``{{text}}`` a hard negative) and built
with ``markup.parse_file``. Rebuild one from the repository root with:

    python -c "import json,sys; sys.path.insert(0,'bench/phi'); import markup; \\
      rs=markup.parse_file(open('bench/phi/dev2_marked.txt',encoding='utf-8').read()); \\
      open('bench/phi/dev2.jsonl','w',encoding='utf-8').writelines(
          json.dumps(r,ensure_ascii=False)+'\\n' for r in rs)"

These tests check the data only; the detector is measured by bench/phi/run.py.
"""

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

#: name -> (least cases, least spans per label, least PHI-free cases, labels needing >= 10)
SETS = {
    "dev2": (150, 3, 20, ()),
    "dev3": (120, 2, 20, ("HEALTH_PLAN", "LICENSE", "DEVICE", "VEHICLE", "PHOTO")),
    "heldout2": (70, 3, 10, ()),
}


def _markup():
    spec = importlib.util.spec_from_file_location("bench_phi_markup_sets", BENCH / "markup.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _records(name: str) -> list[dict]:
    with (BENCH / f"{name}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.mark.parametrize("name", SETS)
def test_set_is_large_enough_with_unique_ids(name):
    records = _records(name)
    assert len(records) >= SETS[name][0]
    assert len({r["id"] for r in records}) == len(records)


@pytest.mark.parametrize("name", SETS)
def test_spans_slice_the_text_and_labels_are_valid(name):
    for record in _records(name):
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


@pytest.mark.parametrize("name", SETS)
def test_every_label_is_covered(name):
    _, least, _, heavy = SETS[name]
    counts = collections.Counter(s["label"] for r in _records(name) for s in r["spans"])
    assert set(counts) == HIPAA_LABELS
    assert min(counts.values()) >= least, counts
    assert all(counts[label] >= 10 for label in heavy), counts


@pytest.mark.parametrize("name", SETS)
def test_phi_free_cases_carry_hard_negatives(name):
    free = [r for r in _records(name) if r["kind"] == "no_phi"]
    assert len(free) >= SETS[name][2]
    assert all(r["hard_negatives"] for r in free)


@pytest.mark.parametrize("name", SETS)
def test_jsonl_matches_its_marked_source(name):
    source = (BENCH / f"{name}_marked.txt").read_text("utf-8")
    assert _markup().parse_file(source) == _records(name)
