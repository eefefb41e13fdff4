"""The patterns of formats.py newly tried only at candidate starts find exactly what plain
``finditer`` finds, and ``gate.word_head_starts`` finds the same places as a scan of ``\\w+``."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.phi import formats, gate

_NEW = [
    "_EMAIL",
    "_URL",
    "_IPV6",
    "_IPV6_LOOSE",
    "_MAC",
    "_DEA",
    "_PHONE_PLAIN",
    "_PHONE",
    "_CITY_STATE",
    "_STREET_ABBR",
    "_HIGHWAY",
    "_STREET_NAMED",
]

_PIECE = st.one_of(
    st.sampled_from(
        [
            "maria.lopez@gmail.com",
            "a-b.c'd@x-y.org",
            "@",
            "www.",
            "http://x.io/a",
            "HTTPS://",
            "ftp://",
            "nmhealth.org",
            "a-b.co",
            "e.g.",
            "1.2",
            "fe80::1",
            "2001:db8:0:0:8:800:200c:417a",
            "::",
            "10:30:00",
            "ab:cd:",
            "00:1A:2B:3C:4D:5E",
            "00-1a-2b-3c-4d-5e",
            "AB1234563",
            "a91234563",
            "5055551234",
            "1234567",
            "12345678901",
            "(505) 555-1234",
            "+1 505.555.1234",
            "001-505-555-1234 ext. 12",
            "555-1234 x9",
            "Gallup, NM",
            "Santa Fe, NM",
            "The Zuni, AZ",
            "Coors Blvd",
            "Old Coors Rd.",
            "Main St",
            "The Ave",
            "mile marker 42 on US 491",
            "MM 12.5 off I-40",
            "near Calle Ocho",
            "along NM 371",
            "off Old Route 66",
            "on Coors Blvd",
        ]
    ),
    st.sampled_from([" ", ", ", ". ", "\n", "-", "/", "  ", "\t", "(", ")", ".", "@", ":", "'"]),
    st.sampled_from(["New", "Mexico", "NM", "TX", "on", "off", "near", "St", "Ave", "com"]),
    st.from_regex(r"[0-9]{1,11}", fullmatch=True),
    st.from_regex(r"[0-9a-fA-F]{1,5}", fullmatch=True),
    st.from_regex(r"[A-Z][a-z]{0,6}", fullmatch=True),
    st.sampled_from(["\u212a", "\u017f", "\u0131", "\u0130", "é", "٣", "\u00a0", "\u2019"]),
    st.text(max_size=5),
)
_JOINED = st.lists(_PIECE, min_size=1, max_size=60).map("".join)
_SPACED = st.lists(_PIECE, min_size=1, max_size=60).map(" ".join)
# At least 256 characters, so that the anchored paths are used at all.
_TEXT = st.one_of(_JOINED, _SPACED).map(lambda t: t.ljust(256) if len(t) < 256 else t)


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def test_new_anchors_present():
    for name in _NEW:
        assert isinstance(getattr(formats, name), gate.Anchored), name


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_new_anchors_equal_plain_finditer(text):
    for name in _NEW:
        anchored = getattr(formats, name)
        plain = anchored.pattern_obj
        assert _spans(anchored.finditer(text)) == _spans(plain.finditer(text)), name
        found, want = anchored.search(text), plain.search(text)
        assert (found and found.span()) == (want and want.span()), name


_HEADS = st.frozensets(
    st.sampled_from(
        ["a", "an ", "on ", "off ", "mile", "mm", "mi", "1", "9", "st", "s", "k", "i", "a/c"]
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(_TEXT, _HEADS)
def test_word_head_starts_equal_word_scan(text, heads):
    want = []
    for m in re.finditer(r"\w+", gate.folded_text(text)):
        w = m.group()
        for h in heads:
            cut = next((i for i, c in enumerate(h) if not (c.isalnum() or c == "_")), len(h))
            if w.startswith(h) if cut == len(h) else w == h[:cut]:
                want.append(m.start())
                break
    got = gate.word_head_starts(text, heads)
    assert sorted(got) == want
    assert len(set(got)) == len(got)


def test_detect_same_with_anchors_off():
    text = (
        "Email maria.lopez@gmail.com or see www.nmhealth.org; IP fe80::1 and MAC "
        "00:1A:2B:3C:4D:5E. DEA AB1234563, call (505) 555-1234 or phone 5055551234. "
        "Lives in Gallup, NM off Coors Blvd near mile marker 42 on US 491. "
    ) * 4
    with_anchors = list(formats.detect(text))
    gate.ENABLED = False
    try:
        assert list(formats.detect(text)) == with_anchors
    finally:
        gate.ENABLED = True
    assert len(with_anchors) > 8
