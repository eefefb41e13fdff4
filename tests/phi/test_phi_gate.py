"""The regex pre-filters (gate.py) are exact: gated patterns find what the plain patterns find."""

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.phi import context, dates, formats, forms, gate, ids, names, scan


def _gated() -> list[gate.Gated]:
    found = []
    for module in (formats, dates, names, forms, context, ids):
        for value in vars(module).values():
            items = value if isinstance(value, list) else [value]
            for item in items:
                for x in item if isinstance(item, tuple) else (item,):
                    if isinstance(x, gate.Gated):
                        found.append(x)
    return found


_GATED = _gated()
# Words the pre-filters look for, in several casings, beside characters that ``re`` matches
# case-insensitively to ASCII letters (Kelvin sign, long s, dotless i, dotted capital I).
_WORDS = sorted(
    {s for g in _GATED for r in g.req for s in r} | {h for g in _GATED for h in g.heads}
)
_PIECE = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_WORDS).map(str.upper),
    st.sampled_from(_WORDS).map(str.title),
    st.sampled_from([" ", ", ", ". ", "\n", "#", ": ", "-", "/", "123", "87301", "2024", "Begay"]),
    st.sampled_from(["\u212a", "\u017f", "\u0131", "\u0130", "é", "ü"]),
    st.text(max_size=6),
)
# At least 256 characters, so that the gates are used at all.
_LONG_TEXT = st.lists(_PIECE, min_size=80, max_size=160).map(lambda p: " ".join(p).ljust(256))


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def test_layers_use_gates():
    assert len(_GATED) > 100
    assert sum(bool(g.heads) for g in _GATED) > 50


def test_required_and_prefixes_read_the_pattern():
    p = re.compile(r"(?i)(?<![\w])(?:zip(?:\s*code)?|postal\s+code)\s*(\d{5})")
    assert gate.required(p) == (frozenset({"zip", "postal"}),)
    assert gate.prefixes(p) == frozenset({"zip", "postal"})
    # An optional word may be skipped, so the next one can start the match as well.
    q = re.compile(r"(?:dr\.?\s+)?(?:smith|jones)")
    assert gate.prefixes(q) == frozenset({"dr", "smith", "jones"})
    # A leading character class gives no prefix; a bare class gives no requirement.
    assert gate.prefixes(re.compile(r"\d{3}-\d{4}")) == frozenset()
    assert gate.required(re.compile(r"[a-z]+")) == ()


@settings(max_examples=40, deadline=None)
@given(_LONG_TEXT)
def test_gated_patterns_match_like_plain_ones(text):
    for g in _GATED:
        plain = g.pattern_obj
        assert _spans(g.finditer(text)) == _spans(plain.finditer(text)), g.pattern[:80]
        s1, s2 = g.search(text), plain.search(text)
        assert (s1 and s1.span()) == (s2 and s2.span()), g.pattern[:80]


@pytest.fixture
def plain_patterns():
    gate.ENABLED = False
    yield
    gate.ENABLED = True


def _long_cases() -> list[str]:
    path = Path(__file__).resolve().parents[2] / "bench" / "phi" / "dev2.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line]
    return ["\n\n".join(texts[i : i + 12]) for i in range(0, 36, 12)]


def test_scan_is_the_same_without_gates(request):
    cases = _long_cases()
    gated = [scan(t) for t in cases]
    request.getfixturevalue("plain_patterns")
    assert [scan(t) for t in cases] == gated
