"""``names.tokens`` (one pass, per-spelling tails shared across scans) must equal the plain
per-match build, and ``token_matches`` read back off the tokens must equal ``finditer``."""

from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.phi import names

_PIECE = st.one_of(
    st.sampled_from(
        [
            "Maria's",
            "Lopez\u2019s",
            "A's",
            "Bob's's",
            "it's",
            "O'Brien's",
            "Jean-Luc",
            "J.",
            "A",
            "I",
            "Dr",
            "St.",
            "MARIA",
            "maria",
            "Naproxen",
            "Boston",
            "Children's",
            "x-ray",
        ]
    ),
    st.sampled_from([" ", ". ", ".", ", ", "\n", "'", "\u2019", "-", "'s", "s", "3"]),
    st.from_regex(r"[A-Za-z]{1,6}", fullmatch=True),
    st.sampled_from(["é", "Ж", "김", "\u00a0", "_", "٣"]),
)
_TEXT = st.lists(_PIECE, min_size=0, max_size=60).map("".join)


def _plain_tokens(text: str) -> list[tuple]:
    """The build before the speed-up: one tail per match, offsets put in front."""
    mixed = names._casing(text) == "mixed"
    out = []
    for m in names._TOKEN.finditer(text):
        s, e, raw = m.start(), m.end(), m.group()
        trim, tail_mixed, tail_other, may_initial = names._tails(raw)
        e -= trim
        tail = tail_mixed if mixed else tail_other
        if may_initial and text[e : e + 1] == ".":
            tail = names._with_initial(tail)
        out.append((s, e, *tail))
    return out


def _clear() -> None:
    names._TOKEN_MEMO.clear()
    names._TOKS_MEMO.clear()
    names._LETTER_MEMO.clear()


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_tokens_equal_plain_build(text: str) -> None:
    _clear()
    toks = names.tokens(text)
    assert [tuple(t) for t in toks] == _plain_tokens(text)
    assert all(type(t) is names.Tok for t in toks)
    assert [t.k for t in toks] == [t[3] for t in toks]


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT)
def test_tokens_in_every_casing_mode_share_no_state(a: str, b: str) -> None:
    # Upper-case and mixed texts use different per-spelling tails: alternate between them.
    for text in (a, b.upper(), a.lower(), b):
        _clear()
        assert [tuple(t) for t in names.tokens(text)] == _plain_tokens(text)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_token_matches_read_off_tokens_equal_finditer(text: str) -> None:
    plain = [(m.start(), m.end(), m.group()) for m in names._TOKEN.finditer(text)]
    _clear()
    names.tokens(text)
    assert names.token_matches(text) == plain
    _clear()
    assert names.token_matches(text) == plain
