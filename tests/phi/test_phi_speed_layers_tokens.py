"""Speed rewrites of the name layers find exactly what the plain patterns find.

``names.token_matches`` (one tokenising pass shared by ``names`` and ``namemodel``) must equal
plain ``_TOKEN.finditer``, and the anchored ``_NOT_NAME`` must equal plain ``finditer``.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.phi import gate, names

_PIECE = st.one_of(
    st.sampled_from(
        [
            "Boston Scientific",
            "boston  scientific",
            "St. Jude Medical",
            "st jude medical",
            "Molina member",
            "MOLINA Healthcare",
            "molina)",
            "America/Denver",
            "us/eastern",
            "Pacific/Honolulu",
            "Cinco de Mayo",
            "Geri ECHO",
            "Hep C echo",
            "word_x  ECHO",
            "NM",
            "TX",
            "nm",
            "Coord:",
            "coordinator",
            "Presenter",
            "npis",
            "id'd",
            "número",
            "NÚMERO",
            "numero",
            "toma",
            "Tiene",
            "vive",
            "follow-up",
            "x-ray",
            "Jean-Luc",
            "a-b-c",
            "O'Brien's",
            "Maria\u2019s",
            "Lopez's",
        ]
    ),
    st.sampled_from([" ", ", ", ". ", "\n", "-", "/", "  ", "\t", "(", ")", "'", "_", "\u2019"]),
    st.from_regex(r"[A-Z][a-z]{0,6}", fullmatch=True),
    st.sampled_from(["\u212a", "\u017f", "\u0131", "\u0130", "é", "٣", "\u00a0", "\u00da"]),
    st.text(max_size=5),
)
_JOINED = st.lists(_PIECE, min_size=1, max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(_JOINED)
def test_token_matches_equal_finditer(text: str) -> None:
    plain = [(m.start(), m.end(), m.group()) for m in names._TOKEN.finditer(text)]
    assert names.token_matches(text) == plain
    assert names.token_matches(text) == plain  # memoised answer is the same


def test_token_matches_memo_follows_text() -> None:
    a = "Maria Lopez saw " * 20
    b = "Juan Perez saw " * 20
    assert names.token_matches(a)[0][2] == "Maria"
    assert names.token_matches(b)[0][2] == "Juan"
    assert names.token_matches(a)[0][2] == "Maria"


@settings(max_examples=400, deadline=None)
@given(_JOINED)
def test_not_name_anchored_equals_plain(text: str) -> None:
    text = (text + " ") * max(1, 300 // max(1, len(text)))  # long enough to use the anchors
    plain = [m.span() for m in names._NOT_NAME.pattern_obj.finditer(text)]
    assert names.not_name_spans(text) == plain
    saved = gate.ENABLED
    gate.ENABLED = False
    try:
        assert names.not_name_spans(text) == plain
    finally:
        gate.ENABLED = saved
