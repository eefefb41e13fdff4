"""The synthetic PHI corpus in bench/phi is deterministic and its gold spans are exact."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "phi"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_phi_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


corpus = _load("corpus")
markup = _load("markup")

HIPAA_LABELS = {
    "NAME", "GEOGRAPHIC", "DATE", "PHONE", "FAX", "EMAIL", "SSN", "MRN", "HEALTH_PLAN",
    "ACCOUNT", "LICENSE", "VEHICLE", "DEVICE", "URL", "IP", "BIOMETRIC", "PHOTO", "OTHER_ID",
}  # fmt: skip


def _check_record(record: dict) -> None:
    text = record["text"]
    assert set(record) == {"id", "text", "spans", "kind", "hard_negatives"}
    assert record["kind"] == ("phi" if record["spans"] else "no_phi")
    previous_end = 0
    for span in record["spans"]:
        assert span["label"] in HIPAA_LABELS
        assert 0 <= previous_end <= span["start"] < span["end"] <= len(text)
        piece = text[span["start"] : span["end"]]
        assert piece == piece.strip() and piece
        previous_end = span["end"]
    for negative in record["hard_negatives"]:
        assert text[negative["start"] : negative["end"]] == negative["text"]
        for span in record["spans"]:
            assert negative["end"] <= span["start"] or span["end"] <= negative["start"]


def test_generate_same_seed_gives_identical_records():
    first = corpus.generate(60, seed=7)
    second = corpus.generate(60, seed=7)
    assert json.dumps(first) == json.dumps(second)
    assert len(first) == 60
    assert len({r["id"] for r in first}) == 60


def test_generate_different_seed_gives_different_text():
    assert [r["text"] for r in corpus.generate(10, seed=1)] != [
        r["text"] for r in corpus.generate(10, seed=2)
    ]


@pytest.mark.parametrize("seed", [0, 1, 42])
def test_generate_spans_slice_text_with_valid_labels(seed):
    for record in corpus.generate(150, seed=seed):
        _check_record(record)


def test_generate_covers_every_label_and_phi_free_share():
    records = corpus.generate(400, seed=3)
    labels = {s["label"] for r in records for s in r["spans"]}
    assert labels == HIPAA_LABELS
    free = sum(r["kind"] == "no_phi" for r in records) / len(records)
    assert 0.08 <= free <= 0.25
    assert all(r["hard_negatives"] for r in records)


def test_generate_min_words_pads_cases():
    for record in corpus.generate(5, seed=9, min_words=2000):
        assert len(record["text"].split()) >= 2000
        _check_record(record)


def test_markup_parse_computes_exact_offsets():
    text, spans, negatives = markup.parse_marked(
        "[[NAME:José Nuñez]], 58, seen [[DATE:3/4/24]] on {{Suboxone}} at [[GEOGRAPHIC:Gallup]]."
    )
    assert text == "José Nuñez, 58, seen 3/4/24 on Suboxone at Gallup."
    assert [(text[s["start"] : s["end"]], s["label"]) for s in spans] == [
        ("José Nuñez", "NAME"),
        ("3/4/24", "DATE"),
        ("Gallup", "GEOGRAPHIC"),
    ]
    assert negatives == [{"start": 31, "end": 39, "text": "Suboxone"}]


def test_markup_parse_rejects_unknown_label():
    with pytest.raises(ValueError, match="line 1: unknown label 'PATIENT'"):
        markup.parse_marked("[[PATIENT:Maria]]")


def test_heldout_file_matches_its_markup_source():
    records = [
        json.loads(line) for line in (BENCH / "heldout.jsonl").read_text("utf-8").splitlines()
    ]
    rebuilt = markup.parse_file((BENCH / "heldout_marked.txt").read_text("utf-8"))
    assert records == rebuilt
    assert len(records) >= 35
    for record in records:
        _check_record(record)
    assert {s["label"] for r in records for s in r["spans"]} == HIPAA_LABELS
    assert sum(r["kind"] == "no_phi" for r in records) >= 4
