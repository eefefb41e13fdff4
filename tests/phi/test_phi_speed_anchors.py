"""The speed rewrites of formats.py find exactly what the plain patterns find.

``gate.Anchored`` patterns are tried only at candidate starts; their matches must equal plain
``finditer``. Patterns whose leading look-behind was moved after the first character (so that
``re`` can skip ahead to that character) must equal the pattern as it was written before.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.phi import formats, gate

_ANCHORED = {
    name: value for name, value in vars(formats).items() if isinstance(value, gate.Anchored)
}

# name: (prefix as first written, prefix now); the rest of the pattern is unchanged.
_MOVED = {
    "_MBI": (r"(?<![\w-])[1-9]", r"[1-9](?<![\w-][1-9])"),
    "_NPI": (r"(?<![\w-])[12]", r"[12](?<![\w-][12])"),
    "_VIN": (
        r"(?<![\w-])[A-HJ-NPR-Z0-9]{17}",
        r"[A-HJ-NPR-Z0-9](?<![\w-][A-HJ-NPR-Z0-9])[A-HJ-NPR-Z0-9]{16}",
    ),
    "_CARD": (r"(?<![\w-])[3-6]", r"[3-6](?<![\w-][3-6])"),
    "_MAC": (r"(?<![\w:-])[0-9A-Fa-f]{2}", r"[0-9A-Fa-f](?<![\w:-][0-9A-Fa-f])[0-9A-Fa-f]"),
    "_PHONE_LOCAL": (r"(?<![\w/.-])\d{3}", r"\d(?<![\w/.-]\d)\d\d"),
    "_PHONE_PLAIN": (r"(?<![\w-])\d{10}", r"\d(?<![\w-]\d)\d{9}"),
    "_ADDRESS": (r"(?<![\w/.-])\d{1,6}", r"\d(?<![\w/.-]\d)\d{0,5}"),
    "_ADDRESS_PREFIXED": (r"(?<![\w/.-])\d{1,6}", r"\d(?<![\w/.-]\d)\d{0,5}"),
}


def _plain(value) -> re.Pattern:
    return getattr(value, "pattern_obj", value)


def _original(name: str) -> re.Pattern:
    now = _plain(getattr(formats, name))
    before, after = _MOVED[name]
    assert now.pattern.startswith(after), name
    return re.compile(before + now.pattern[len(after) :], now.flags)


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


# Pieces that make the anchored and rewritten patterns match, and nearly match.
_PIECE = st.one_of(
    st.sampled_from(
        [
            "Gallup, NM 87301",
            "Santa Fe, New Mexico 87501-1234",
            "NM.,  87301",
            "N.M. 88001",
            "Shiprock NM 87420",
            "Rhode Island 02903",
            "north carolina 27601",
            "87301",
            "12345",
            "123456",
            "on Coors Blvd",
            "off Old Route 66",
            "near Calle Ocho",
            "along NM 371",
            "mile marker 42 on US 491",
            "MM 12.5 off I-40",
            "Camino del Rey",
            "Placita de la Luz",
            "123-45-6789",
            "000-12-3456",
            "123-12-34-5678",
            "192.168.2.59",
            "10.0.0.1.5",
            "1234 Main St",
            "4471 Calle Ocho",
            "1003 N 4th Ave Apt 2",
            "555-1234",
            "5055551234",
            "1457382916",
            "AB1234563",
            "1EG4-TE5-MK73",
            "4111 1111 1111 1111",
            "1HGCM82633A004352",
            "00:1A:2B:3C:4D:5E",
            "maria.lopez@gmail.com",
            "#12-34",
        ]
    ),
    st.sampled_from([" ", ", ", ". ", "\n", "-", "/", "  ", "\t", "(", ")", ".", "@", "_"]),
    st.sampled_from(["New", "Mexico", "Santa", "Fe", "NM", "TX", "Zuni", "on", "near", "Street"]),
    st.from_regex(r"[0-9]{1,11}", fullmatch=True),
    st.from_regex(r"[A-Z][a-z]{0,6}", fullmatch=True),
    st.sampled_from(["\u212a", "\u017f", "\u0131", "\u0130", "é", "٣", "\u00a0"]),
    st.text(max_size=5),
)
_JOINED = st.lists(_PIECE, min_size=1, max_size=60).map("".join)
_SPACED = st.lists(_PIECE, min_size=1, max_size=60).map(" ".join)
# At least 256 characters, so that the anchored paths are used at all.
_TEXT = st.one_of(_JOINED, _SPACED).map(lambda t: t.ljust(256) if len(t) < 256 else t)


def test_anchors_and_rewrites_are_present():
    assert {"_CITY_STATE_ZIP", "_STATE_ZIP", "_BARE_ZIP", "_HIGHWAY", "_STREET_NAMED"} <= set(
        _ANCHORED
    )
    for name in _MOVED:
        _original(name)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_anchored_equal_plain_finditer(text):
    for name, anchored in _ANCHORED.items():
        plain = anchored.pattern_obj
        assert _spans(anchored.finditer(text)) == _spans(plain.finditer(text)), name
        found, want = anchored.search(text), plain.search(text)
        assert (found and found.span()) == (want and want.span()), name


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_moved_look_behinds_equal_original(text):
    for name in _MOVED:
        now = _plain(getattr(formats, name))
        before = _original(name)
        assert _spans(now.finditer(text)) == _spans(before.finditer(text)), name
        for pos in (1, 2, 5):  # a look-behind still sees the text before pos
            assert _spans(now.finditer(text, pos)) == _spans(before.finditer(text, pos)), name


def test_detect_same_with_anchors_off():
    text = (
        "Pt lives at 1003 N 4th Ave Apt 2, Gallup, NM 87301 and works off Old Route 66 near "
        "Calle Ocho; mile marker 42 on US 491. SSN 123-45-6789, IP 192.168.2.59, ZIP 87501. "
    ) * 4
    with_anchors = list(formats.detect(text))
    gate.ENABLED = False
    try:
        assert list(formats.detect(text)) == with_anchors
    finally:
        gate.ENABLED = True
    assert with_anchors
