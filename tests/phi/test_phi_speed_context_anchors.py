"""The newly anchored context patterns find exactly what plain ``finditer`` finds.

``_BUSINESS`` is tried only at capitalised words in the run of name characters that ends at a
company suffix; ``_GREETING`` and ``_OFFICER`` only where a word begins with their cue word;
``_mentions`` finds ASCII and other tokens apart and merges them by position.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.phi import context, gate

_PIECE = st.one_of(
    st.sampled_from(
        [
            "Joe's Roofing LLC",
            "Smith & Sons Hauling",
            "Red Mesa Trading Post",
            "the Navajo Transit Services",
            "Bob and Ann of Gallup Feed & Supply",
            "Desert Rose Caf\u00e9",
            "Acme L.L.C.",
            "Big Sky Co.",
            "Tires",
            "Inc.",
            "Hi Frank,",
            "Hey  Mae!",
            "Thank  you Joe.",
            "thx Al",
            "Ty Ann:",
            "Officer Tom Begay",
            "Sgt. Yazzie",
            "Det. Ann Lee",
            "Lt Dan",
            "grandson Bob",
            "O'Neil-Smith",
            "\u2019s",
        ]
    ),
    st.sampled_from([" ", "  ", "\t", ", ", ". ", "\n", "-", "&", " and ", " of ", "(", "_", "'"]),
    st.from_regex(r"[A-Z][a-z]{0,6}", fullmatch=True),
    st.from_regex(r"[a-z]{1,6}", fullmatch=True),
    st.sampled_from(["LLC", "Inc", "Co", "Company", "Farms", "Ranch", "Market", "Nails", "Auto"]),
    st.sampled_from(["\u212a", "\u017f", "\u0131", "\u0130", "\u00e9", "\u00c9", "\u0663", "\xa0"]),
    st.text(max_size=4),
)
_TEXT = st.one_of(
    st.lists(_PIECE, min_size=1, max_size=60).map("".join),
    st.lists(_PIECE, min_size=1, max_size=60).map(" ".join),
).map(lambda t: t.ljust(256) if len(t) < 256 else t)


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def test_new_anchors_are_anchored():
    for rx in (context._BUSINESS, context._GREETING, context._OFFICER):
        assert isinstance(rx, gate.Anchored)
    assert {"llc", "roofing", "nails", "caf", "hauling"} <= context._SUFFIX_HEADS


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_business_greeting_officer_equal_plain_finditer(text):
    for rx in (context._BUSINESS, context._GREETING, context._OFFICER):
        assert _spans(rx.finditer(text)) == _spans(rx.pattern_obj.finditer(text)), rx.pattern[:40]


def _old_mentions(text: str, tokens: set[str]) -> list:
    alt = "|".join(re.escape(w) for w in sorted(tokens, key=len, reverse=True))
    rx = re.compile(rf"(?<![\w'\u2019-])(?:{alt})(?![\w'\u2019-])", re.IGNORECASE)
    return _spans(rx.finditer(text))


_TOKEN = st.one_of(
    st.sampled_from(
        ["Garc\u00eda", "Jos\u00e9", "\u00c9lise", "Na\u2019a", "Frank", "kelvin", "sam"]
    ),
    st.from_regex(r"[A-Za-z\u00e0-\u00ff][a-z\u00e0-\u00ff'\u2019-]{1,6}", fullmatch=True),
)


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.sets(_TOKEN, min_size=1, max_size=6))
def test_mixed_mentions_equal_one_alternation(text, tokens):
    text = (
        text
        + " ".join(tokens)
        + " "
        + " ".join(t.upper() for t in tokens)
        + " \u212aelvin \u017fam"
    )
    assert _spans(context._mentions(text, tokens)) == _old_mentions(text, tokens)
