"""The shortcuts in ``normalize``, ``names`` and ``namemodel`` must equal the general paths."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.phi import namemodel, names, normalize

_ALPHABET = st.sampled_from(
    list("abcJKL xyz.,'-\n")
    + ["\u2019", "é", "А", "о", "р", "α", "Ο", "김", "李", "ש", "ก", "\u200b"]
)
_TEXT = st.text(alphabet=_ALPHABET, max_size=60)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_mixed_script_shortcut_equals_per_word_pass(text: str) -> None:
    def fix(m: re.Match) -> str:
        word = m.group()
        if not any(c in normalize._CONFUSABLE_CHARS for c in word):
            return word
        if not any("a" <= c.lower() <= "z" for c in word):
            return word
        return word.translate(normalize._CONFUSABLE)

    assert normalize._fix_mixed_script(text) == normalize._WORD.sub(fix, text)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_letter_counts_equal_regex_counts(text: str) -> None:
    names._LETTER_MEMO.clear()
    upper, lower = names._ascii_letters(text)
    assert upper == len(re.findall(r"[A-Z]", text))
    assert lower == len(re.findall(r"[a-z]", text))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_script_gate_never_hides_a_match(text: str) -> None:
    if not names._ANY_SCRIPT.search(text):
        for pat in (names._HANGUL, names._HAN, names._OTHER_SCRIPT):
            assert not pat.search(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("AaJjOoSs's. -\u2019éМ")), max_size=40))
def test_shared_tokens_match_the_name_model_tokens(text: str) -> None:
    toks = names.tokens(text)
    ref = namemodel.tokenize(text)
    assert [(t.start, t.end, t.raw) for t in toks] == [(t.start, t.end, t.raw) for t in ref]
    for t, r in zip(toks, ref, strict=True):
        assert (t.k, t.ucap, t.nfn, t.nsn, t.en, t.place, t.veto) == (
            r.k,
            r.cap,
            r.fn,
            r.sn,
            r.en,
            r.place,
            r.veto,
        )
        assert t.initial == (len(t.raw) == 1 and t.raw.isupper() and text[t.end : t.end + 1] == ".")
