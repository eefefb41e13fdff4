"""The trained name-token scorer: weights load, scoring is deterministic, names without cues are
found and look-alikes (drugs, eponyms, brands, places, clinical words) are not."""

import gzip
import json
from importlib import resources

import pytest

from allteach.phi import namemodel, scan


def _names(text):
    return [text[f.start : f.end] for f in scan(text) if f.label == "NAME"]


def test_weights_load_and_score_deterministically():
    raw = resources.files("allteach.phi").joinpath("data", namemodel.WEIGHTS_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    assert data["weights"] and data["weights"] is not None
    assert len(raw) < 300_000
    text = "Two pts with the same surname, Etcitty. One has HCV."
    first = [(t.raw, p) for t, p in namemodel.scored_candidates(text)]
    again = [(t.raw, p) for t, p in namemodel.scored_candidates(text)]
    assert first == again
    assert dict(first)["Etcitty"] > namemodel.THRESHOLD


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Regression cases for misses fixed by the model (bench/phi/dev2.jsonl, validation only).
        ("Two pts with the same surname, Etcitty. One has HCV RNA 4.5 log.", "Etcitty"),
        ('says people know him as "Turquoise Tony". He\'s 61, HCV GT1b', "Turquoise Tony"),
        ("She's a 40 y/o refugee from Afghanistan, Fereshta Noori, arrived via", "Fereshta Noori"),
        ('"hey it\'s Sunny from the chapter house, call me back"', "Sunny"),
        # Written for this test.
        ("Last week Nkechi Obiora started on Entresto; she tolerates it.", "Nkechi Obiora"),
    ],
)
def test_names_without_cues(text, name):
    assert any(name in found or found in name for found in _names(text)), _names(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Discussed Ozempic vs Mounjaro; Jardiance continued.", "Mounjaro"),
        ("Wilson disease ruled out; Kayser-Fleischer rings absent.", "Wilson"),
        ("Connected over Wi-Fi from his Fitbit app.", "Fitbit"),
        ("Actually, the labs came back. Great news overall.", "Actually"),
        ("Lots of fry bread and Pepsi at home.", "Pepsi"),
        ("Relapse at SVR12. Foster care since May.", "Foster"),
        ("Drives a 2015 Nissan Frontier to clinic.", "Frontier"),
        ("DaTscan not available locally.", "DaTscan"),
    ],
)
def test_look_alikes_are_not_names(text, word):
    assert not any(word in found for found in _names(text)), _names(text)


def test_claimed_tokens_are_not_rescored():
    text = "Mrs. Yazzie said Etcitty called."
    claimed = [(0, 11)]
    scored = [t.raw for t, _ in namemodel.scored_candidates(text, claimed)]
    assert "Yazzie" not in scored


def test_upper_case_text_is_left_to_the_rules():
    assert list(namemodel.scored_candidates("PATIENT SEEN TODAY FOR FOLLOW UP. ETCITTY.")) == []
