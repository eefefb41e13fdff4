"""The name model's candidate fast path (skip tokens without ``ucap`` outside lower-case
mode) scores exactly the tokens, with exactly the probabilities, of the plain loop."""

from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.phi import namemodel, names

_WORDS = [
    "Rosa",
    "rosa",
    "ROSA",
    "Begay",
    "said",
    "the",
    "Hope",
    "hope",
    "OSA",
    "She'll",
    "Wilson",
    "disease",
    "Dr.",
    "J.",
    "Frank",
    "hematuria",
    "at",
    "Gallup",
    "clinic",
    "and",
    "Noori",
    "Fereshta",
    "went",
    "to",
    "Mary's",
    "x",
]
_SEPS = [" ", " ", " ", ", ", ".\n", "\n", ": ", " - "]


def _plain(text, claimed):
    """``scored_candidates`` as it was: ``candidate`` asked of every token."""
    mode = namemodel.mode_of(text)
    if mode == "upper":
        return []
    toks = names.tokens(text)
    counts: dict[str, int] = {}
    for t in toks:
        if t.ucap:
            counts[t.raw] = counts.get(t.raw, 0) + 1
    spans: list[list[int]] = []
    for s, e in sorted(claimed):
        if spans and s <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], e)
        else:
            spans.append([s, e])
    w = namemodel.weights()
    out = []
    si = 0
    for i, t in enumerate(toks):
        if not namemodel.candidate(t, mode):
            continue
        while si < len(spans) and spans[si][1] <= t.start:
            si += 1
        if si < len(spans) and spans[si][0] < t.end:
            continue
        if i + 1 < len(toks) and toks[i + 1].k in names.EPONYM_HEADS:
            continue
        if (
            t.en
            and i + 1 < len(toks)
            and not toks[i + 1].ucap
            and toks[i + 1].k not in namemodel._AFTER_PERSON
            and text[t.end : toks[i + 1].start] == " "
        ):
            continue
        own = sum(w.get(x, 0.0) for x in namemodel._own(t))
        z = own + sum(w.get(x, 0.0) for x in namemodel._context(text, toks, i, counts))
        out.append((t, namemodel._sigmoid(z)))
    return out


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPS)), min_size=1, max_size=40),
    st.sampled_from(["mixed", "lower"]),
)
def test_scored_candidates_equal_plain_loop(parts, casing):
    text = "".join(w + s for w, s in parts)
    if casing == "lower":
        text = text.lower()
    claimed = [(0, 3)] if len(text) > 3 else []
    assert list(namemodel.scored_candidates(text, claimed)) == _plain(text, claimed)
