"""The bisecting ``_merge``, ``_repeat`` and ``_drop_not_names`` give what the plain scans gave."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.phi import engine, names
from allteach.phi.model import Finding


def _old_merge(hits, text):
    hits = [h for h in hits if h[1] > h[0]]
    hits.sort(key=lambda h: (-h[3], -engine._LABEL_RANK[h[2]], -(h[1] - h[0])))
    kept: list[list] = []
    for start, end, label, conf, reason in hits:
        overlapping = [k for k in kept if start < k[1] and k[0] < end]
        same = [k for k in overlapping if k[2] == label]
        other = [k for k in overlapping if k[2] != label]
        if other:
            swallows = all(
                start <= k[0] and k[1] <= end and (end - start) > (k[1] - k[0]) for k in other
            )
            if not (swallows and conf >= 0.8):
                continue
            kept = [k for k in kept if k not in other]
        if same:
            k = same[0]
            k[0], k[1] = min(k[0], start), max(k[1], end)
            for extra in same[1:]:
                k[0], k[1] = min(k[0], extra[0]), max(k[1], extra[1])
                kept.remove(extra)
            continue
        kept.append([start, end, label, conf, reason])
    kept.sort(key=lambda k: k[0])
    joined: list[list] = []
    for k in kept:
        if joined:
            p = joined[-1]
            gap = text[p[1] : k[0]]
            if (
                p[2] == k[2]
                and k[0] >= p[1]
                and (p[2] == "NAME" and gap in (" ", ", ") or p[2] == "GEOGRAPHIC" and gap == " ")
            ):
                p[1] = k[1]
                p[3] = max(p[3], k[3])
                continue
        joined.append(k)
    return [Finding(s, e, lab, round(c, 2), r) for s, e, lab, c, r in joined]


def _old_repeat(findings, text):
    extra: list[Finding] = []
    seen: set[str] = set()
    for f in findings:
        value = text[f.start : f.end]
        if (
            f.label == "NAME"
            or len(value) < 4
            or value in seen
            or not any(c.isalnum() for c in value)
        ):
            continue
        seen.add(value)
        pos = text.find(value)
        while pos != -1:
            end = pos + len(value)
            bounded = (pos == 0 or not text[pos - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            )
            if (
                bounded
                and not any(g.start < end and pos < g.end for g in findings)
                and not any(g.start < end and pos < g.end for g in extra)
            ):
                extra.append(
                    Finding(
                        pos,
                        end,
                        f.label,
                        round(f.confidence * 0.9, 2),
                        "another occurrence of " + f.reason,
                    )
                )
            pos = text.find(value, pos + 1)
    if not extra:
        return findings
    return sorted(findings + extra, key=lambda f: f.start)


_LABELS = ["NAME", "GEOGRAPHIC", "DATE", "PHONE", "MRN", "SSN"]
_CONFS = [0.45, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95]
_TEXT = st.text(alphabet="ab1 ,.-", min_size=0, max_size=60)


@st.composite
def _case(draw):
    text = draw(_TEXT)
    n = len(text)
    hit = st.tuples(
        st.integers(0, n),
        st.integers(-2, 12),
        st.sampled_from(_LABELS),
        st.sampled_from(_CONFS),
        st.sampled_from(["r1", "r2", "title cue", "r3"]),
    ).map(lambda h: (h[0], min(n, max(0, h[0] + h[1])) if h[1] >= 0 else h[0] + h[1], *h[2:]))
    return text, draw(st.lists(hit, max_size=25))


@settings(max_examples=400, deadline=None)
@given(_case())
def test_merge_matches_the_plain_scan(case):
    text, hits = case
    assert engine._merge(list(hits), text) == _old_merge(list(hits), text)


@settings(max_examples=300, deadline=None)
@given(_case())
def test_repeat_matches_the_plain_scan(case):
    text, hits = case
    findings = engine._merge(list(hits), text)
    assert engine._repeat(findings, text) == _old_repeat(findings, text)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_repeat_on_repetitive_text(data):
    unit = data.draw(st.sampled_from(["ab12 ", "ab12, ", "x ab12 ab12"]))
    text = unit * data.draw(st.integers(1, 6)) + data.draw(_TEXT)
    hits = data.draw(
        st.lists(
            st.tuples(
                st.integers(0, len(text)),
                st.integers(1, 8),
                st.sampled_from(_LABELS),
                st.sampled_from(_CONFS),
                st.just("r"),
            ),
            max_size=10,
        )
    )
    hits = [(s, min(len(text), s + w), lab, c, r) for s, w, lab, c, r in hits]
    findings = engine._merge(hits, text)
    assert engine._repeat(findings, text) == _old_repeat(findings, text)


def _old_drop(hits, body):
    spans = names.not_name_spans(body)
    if not spans:
        return hits
    return [
        h
        for h in hits
        if h[2] != "NAME"
        or h[4].startswith("title")
        or not any(a <= h[0] and h[1] <= b for a, b in spans)
    ]


_WORDS = [
    "Boston",
    "Scientific",
    "NM",
    "RN",
    "coord",
    "Molina",
    "member",
    "x-y",
    "Ana",
    "Geri",
    "ECHO",
    "Dr",
    "Smith",
    "AZ",
    "CAZ",
    "número",
    "host",
    " ",
    ", ",
    "\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=20), st.data())
def test_drop_not_names_matches_the_plain_scan(words, data):
    body = " ".join(words)
    n = len(body)
    hits = data.draw(
        st.lists(
            st.tuples(
                st.integers(0, n),
                st.integers(0, n),
                st.sampled_from(["NAME", "DATE"]),
                st.just(0.8),
                st.sampled_from(["r", "title cue"]),
            ),
            max_size=12,
        )
    )
    assert engine._drop_not_names(list(hits), body) == _old_drop(list(hits), body)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ANMZCaz -/\u00c9\u00e9.", max_size=40))
def test_not_name_spans_match_plain_finditer(text):
    plain = [m.span() for m in re.compile(names._NOT_NAME.pattern_obj.pattern).finditer(text)]
    assert names.not_name_spans(text) == plain
