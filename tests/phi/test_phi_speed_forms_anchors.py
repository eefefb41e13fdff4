"""The speed rewrites of forms.py, context.py and ids.py find exactly what plain patterns find.

``gate.Anchored`` patterns are tried only at candidate starts; their matches must equal plain
``finditer``. The facility scan, the accent fold and the mention search of ``context`` were
rewritten without a regex per text or a scan of every position: each must equal what it was.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.phi import context, forms, gate, ids


def _anchored(module) -> dict[str, gate.Anchored]:
    out = {n: v for n, v in vars(module).items() if isinstance(v, gate.Anchored)}
    for i, item in enumerate(getattr(module, "_CUE_RES", [])):
        if isinstance(item[2], gate.Anchored):
            out[f"_CUE_RES[{i}]"] = item[2]
    return out


_ANCHORED = {f"{m.__name__}.{n}": v for m in (forms, context, ids) for n, v in _anchored(m).items()}


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def _old_fold(text: str) -> str:
    return text.lower() if text.isascii() else "".join(map(forms._fold_char, text))


def _old_mentions(text: str, tokens: set[str]) -> list:
    alt = "|".join(re.escape(w) for w in sorted(tokens, key=len, reverse=True))
    rx = re.compile(rf"(?<![\w'\u2019-])(?:{alt})(?![\w'\u2019-])", re.IGNORECASE)
    return _spans(rx.finditer(text))


# Pieces that make the anchored patterns match, and nearly match.
_PIECE = st.one_of(
    st.sampled_from(
        [
            "pt_name: Maria Lopez",
            "Patient Name = jose garcia  ",
            "emergency contact: Bob",
            "| county: McKinley |",
            "age: 93",
            "DOB: 1/2/1930",
            "direcci\u00f3n: 12 Calle",
            "lives in chimay\u00f3",
            "moved to Gallup",
            "from Zuni",
            "resides  at Shiprock",
            "pt is 93",
            "she just turned 101",
            "who was 95 yo",
            "LOPEZ, MARIA",
            "O'NEIL, JOHN Q.",
            "MARY-ANN SMITH",
            "JOSE A GARCIA",
            "12 miles NW of Gallup on BIA Rte 9",
            "3.5 mi south of Crownpoint",
            "Presbyterian Espa\u00f1ola",
            "presbyterian espanola",
            "San Juan Regional",
            "Gallup Indian Medical Center",
            "st. vincent",
            "Hi Frank,",
            "Frank went home",
            "Officer Tom Begay",
            "Sgt. Yazzie",
            "Joe's Roofing LLC",
            "Navajo Transit Services",
            "Desert Rose Market",
            "Rehoboth McKinley Christian Health Care Services",
            "Gallup Indian Medical Center",
            "Motel 6 on Coal Ave",
            "Walgreens #1234",
            "CVS on Main St",
            "Fort Defiance",
            "Ft. Wingate",
            "Sunrise Apartments",
            "Kirtland AFB",
            "Farmington, New Mexico",
            "Aztec (Colorado",
            "St. Mary's",
            "J.R.",
            "member ID 12345678",
            "Molina number is 998877",
            "DL (NM) 123456789",
            "s/n PJN442871",
            "SN: AB12345",
            "pa-c license 12345",
            "a-number 123456789",
            "case_docket 12-345",
            "\u00e9ssn 123-45-6789",
            "policy#ABC1234",
            "tribal id 4567",
        ]
    ),
    st.sampled_from([" ", ", ", ". ", "\n", "-", "/", "  ", "\t", "(", ")", ".", "_", "|", ";"]),
    st.sampled_from(["in", "at", "to", "the", "la", "el", "san", "New", "Mexico", "NM", "mhp"]),
    st.from_regex(r"[0-9]{1,6}", fullmatch=True),
    st.from_regex(r"[A-Z][a-z]{0,6}", fullmatch=True),
    st.from_regex(r"[A-Z]{2,5}", fullmatch=True),
    st.sampled_from(["\u212a", "\u017f", "\u0131", "\u0130", "\u00e9", "\u00d1", "\u0663", "\xa0"]),
    st.text(max_size=5),
)
_JOINED = st.lists(_PIECE, min_size=1, max_size=60).map("".join)
_SPACED = st.lists(_PIECE, min_size=1, max_size=60).map(" ".join)
# At least 256 characters, so that the anchored paths are used at all.
_TEXT = st.one_of(_JOINED, _SPACED).map(lambda t: t.ljust(256) if len(t) < 256 else t)


def test_anchors_are_present():
    assert {
        "allteach.phi.forms._FIELD",
        "allteach.phi.forms._PLACE_CUE",
        "allteach.phi.forms._CAPS_FULL",
        "allteach.phi.context._BUSINESS",
        "allteach.phi.context._STATE_AFTER",
        "allteach.phi.context._SUBJECT_VERB",
        "allteach.phi.ids._CUE_RES[0]",
    } <= set(_ANCHORED)
    assert forms._facility_heads() is not None


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_anchored_equal_plain_finditer(text):
    for name, anchored in _ANCHORED.items():
        plain = anchored.pattern_obj
        assert _spans(anchored.finditer(text)) == _spans(plain.finditer(text)), name


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_fold_and_facilities_equal_plain(text):
    folded = forms._fold(text)
    assert folded == _old_fold(text)
    plain = forms._facility_re().finditer(folded)
    assert _spans(forms._facilities(folded)) == _spans(plain)


_TOKEN = st.one_of(
    st.sampled_from(["Frank", "Lopez", "O'Neil", "Mary-Ann", "Begay", "JOSE", "Garc\u00eda", "sk"]),
    st.from_regex(r"[A-Za-z][a-z'\u2019-]{1,6}", fullmatch=True),
)


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.sets(_TOKEN, min_size=1, max_size=6), st.sampled_from(["", " frank ", "LOPEZ"]))
def test_mentions_equal_one_alternation(text, tokens, extra):
    text = extra + text + " ".join(tokens) + " " + " ".join(t.upper() for t in tokens)
    assert _spans(context._mentions(text, tokens)) == _old_mentions(text, tokens)


def test_detect_same_with_anchors_off():
    text = (
        "pt_name: maria lopez | county: mckinley\nPt lives in chimay\u00f3 near Presbyterian "
        "Espa\u00f1ola. LOPEZ, MARIA was seen. Hi Frank, Frank went to Joe's Roofing LLC in "
        "Farmington, New Mexico. Her Molina member ID 12345678; DL (NM) 123456789. pt is 93.\n"
    ) * 4
    hits = list(forms.detect(text))
    ctx = list(context.detect(text, hits))
    found = list(ids.detect(text, hits + ctx))
    gate.ENABLED = False
    try:
        assert list(forms.detect(text)) == hits
        assert list(context.detect(text, hits)) == ctx
        assert list(ids.detect(text, hits + ctx)) == found
    finally:
        gate.ENABLED = True
    assert hits and ctx and found
