"""The anchored park, rural-address, town-list, state, facility-head and subject-verb patterns
find exactly what plain ``finditer`` finds (``gate.Anchored`` only skips places that cannot
match)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.phi import context, forms

_PATTERNS = {
    "forms._PARK": forms._PARK,
    "forms._RURAL": forms._RURAL,
    "context._TOWN_LIST": context._TOWN_LIST,
    "context._STATE_AFTER": context._STATE_AFTER,
    "context._LOWER_HEAD": context._LOWER_HEAD,
    "context._SUBJECT_VERB": context._SUBJECT_VERB,
}

_PIECE = st.one_of(
    st.sampled_from(
        [
            "space 14, desert rose mhp, bloomfield",
            "lot #7 at the Sunny Acres mobile home park",
            "lives in the trailer park",
            "Pinon rv park",
            "old mesa trailer court, Gallup.",
            "RR 2 Box 114",
            "rural route 3, box 9a",
            "Star Route 1 Box 22",
            "HC 61 Box 5, Ramah, NM 87321",
            "N12 BIA Rte 9",
            "n 1234",
            "N-123",
            "12 Navajo Route 7",
            "CR 4990",
            "Co. Rd. 12",
            "County Road 6100",
            "NM 371 near mile marker 12",
            "US 491, mm 42",
            "Hwy 64 mile 3.5",
            "Gallup, Crownpoint, and Zuni",
            "McKinley, Gallup",
            "Albuquerque (New Mexico",
            "Farmington, Utah",
            "Crownpoint clinic",
            "Tohatchi Health center",
            "Red Rock chapter house",
            "Rosa drove",
            "Ben passed  away",
            "Mary had",
            "x.Tom went",
        ]
    ),
    st.text(alphabet="aNnSsEeWwRrCcOoUuBbIiHh0129 \t,-.#'()&/\u017f\u212a\n", max_size=12),
)
_TEXT = st.lists(_PIECE, max_size=40).map(" ".join).map(lambda t: t + " " * max(0, 300 - len(t)))


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_anchored_patterns_equal_plain_finditer(text):
    for name, anchored in _PATTERNS.items():
        got = _spans(anchored.finditer(text))
        assert got == _spans(anchored.pattern_obj.finditer(text)), name


def test_pieces_match_somewhere():
    text = " ; ".join(
        [
            "space 14, desert rose mhp, bloomfield",
            "RR 2 Box 114",
            "N12 BIA Rte 9",
            "Gallup, Crownpoint, and Zuni",
            "Farmington, Utah",
            "Crownpoint clinic",
            "Rosa drove",
        ]
    ).ljust(300)
    for name, anchored in _PATTERNS.items():
        assert list(anchored.finditer(text)), name
        assert _spans(anchored.finditer(text)) == _spans(anchored.pattern_obj.finditer(text))
