"""A small trained scorer for person-name tokens that no rule found (logistic regression).

Pure Python: features are strings (word shape, prefix/suffix letters, list memberships, the
words and word classes beside the token, its place in a run of capitalised words, repetition,
script); the weights are a JSON file in ``data/`` written by ``training/train_names.py``.
Only candidate tokens are scored: capitalised (in lower-case text: on a name list and not an
English word), not claimed by another layer, and not vetoed by the clinical, eponym, drug,
place, country or state lexicons.
"""

import gzip
import json
import math
import re
from functools import cache
from importlib import resources

from . import lexicon, names
from .lexicon import key

Hit = tuple[int, int, str, float, str]

WEIGHTS_FILE = "name_model.json.gz"
# Chosen on bench/phi/dev2.jsonl (precision there stays >= 0.97); see the README.
THRESHOLD = 0.7

_TOKEN = names._TOKEN
_DRUG_SUFFIX = names._DRUG_SUFFIX
_CONTRACTION = re.compile(r"['\u2019](?:ll|t|re|ve|d|m)$")
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")

_PREPS = frozenset({"in", "at", "from", "near", "to", "of", "on", "outside", "around", "into"})
_DETS = frozenset({"the", "a", "an", "this", "that", "our", "his", "her", "their", "my", "your"})
_HUMAN_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "reports",
        "reported",
        "report",
        "called",
        "calls",
        "call",
        "texted",
        "texts",
        "text",
        "emailed",
        "emails",
        "came",
        "comes",
        "come",
        "lives",
        "lived",
        "live",
        "works",
        "worked",
        "work",
        "was",
        "is",
        "has",
        "had",
        "asked",
        "asks",
        "wants",
        "wanted",
        "told",
        "tells",
        "agreed",
        "agrees",
        "declined",
        "declines",
        "prefers",
        "preferred",
        "drove",
        "drives",
        "brought",
        "brings",
        "walked",
        "walks",
        "stopped",
        "left",
        "returned",
        "missed",
        "presented",
        "presents",
        "denies",
        "denied",
        "endorses",
        "states",
        "stated",
        "thinks",
        "thought",
        "feels",
        "felt",
        "knows",
        "knew",
        "helped",
        "helps",
        "takes",
        "took",
        "goes",
        "went",
        "got",
        "gets",
        "will",
        "would",
        "can",
        "could",
        "should",
        "might",
        "did",
        "does",
        "do",
        "and",
        "or",
        "wrote",
        "writes",
        "sent",
        "sends",
        "messaged",
        "mentioned",
        "noted",
        "notes",
        "added",
        "adds",
        "answered",
        "replied",
        "cried",
        "laughed",
    ]
)
_AFTER_PERSON = _HUMAN_VERBS | {"from", "here", "at", "with"}
_NOT_CAND = (
    names.STOP
    | names.TITLES
    | names.RELATIONS
    | names.CREDENTIALS
    | names._STATE_WORDS
    | names.COUNTRIES
    | names._WEEKDAY_ABBR
    | names.EPONYM_HEADS
)


@cache
def weights() -> dict[str, float]:
    """The shipped weights, loaded once."""
    raw = resources.files("allteach.phi").joinpath("data").joinpath(WEIGHTS_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw).decode("utf-8"))
    return data["weights"]


@cache
def _lists() -> tuple:
    places = lexicon.places()
    return (
        lexicon.first_names(),
        lexicon.surnames(),
        lexicon.english(),
        lexicon.clinical() | lexicon.eponyms(),
        frozenset(p for p in places if " " not in p),
        lexicon.place_first_words(),
    )


_FACTS: dict[str, tuple] = {}


def _facts(raw: str, lists: tuple) -> tuple:
    first, sur, eng, clin, place1, place_first = lists
    k = key(raw)
    fn = k in first
    sn = k in sur
    veto = (
        k in _NOT_CAND
        or k in clin
        or k in place1
        or (len(k) > 5 and bool(_DRUG_SUFFIX.search(k)) and not (fn or sn))
    )
    return k, raw[0].isupper(), fn, sn, k in eng, k in place1 or k in place_first, veto


def raw_facts(raw: str) -> tuple:
    """``(k, upper-case first letter, fn, sn, en, place, veto)`` of one (possessive-cut)
    spelling, cached: ``names.tokens`` carries them on its tokens for this model."""
    facts = _FACTS.get(raw)
    if facts is None:
        facts = _facts(raw, _lists())
        if len(_FACTS) < 100_000:
            _FACTS[raw] = facts
    return facts


class _Tok:
    """A token for training (``tokenize``); scanning reads ``names.tokens`` instead. The model
    reads ``ucap``/``nfn``/``nsn`` (``cap``/``fn``/``sn`` are the same values, kept for callers)."""

    __slots__ = (
        "start",
        "end",
        "raw",
        "k",
        "cap",
        "fn",
        "sn",
        "en",
        "place",
        "veto",
        "ucap",
        "nfn",
        "nsn",
    )

    def __init__(self, start: int, end: int, raw: str, lists: tuple) -> None:
        self.start, self.end, self.raw = start, end, raw
        facts = _FACTS.get(raw)
        if facts is None:
            facts = _facts(raw, lists)
            if len(_FACTS) < 100_000:
                _FACTS[raw] = facts
        self.k, self.cap, self.fn, self.sn, self.en, self.place, self.veto = facts
        self.ucap, self.nfn, self.nsn = self.cap, self.fn, self.sn


def tokenize(text: str) -> list[_Tok]:
    lists = _lists()
    out = []
    for start, end, raw in names.token_matches(text):
        if raw[-2:] in ("'s", "\u2019s") and len(raw) > 3:
            raw, end = raw[:-2], end - 2
        out.append(_Tok(start, end, raw, lists))
    return out


def _shape(raw: str) -> str:
    if raw.isupper():
        return "XX" if len(raw) > 1 else "X"
    if raw.islower():
        return "x"
    if raw[0].isupper() and raw[1:].islower():
        return "Xx"
    return "XxX"


_CLS: dict[str, str] = {}


def _cls(t: _Tok) -> str:
    """The word class of a token (cached by spelling: every input of ``_cls1`` is one)."""
    c = _CLS.get(t.raw)
    if c is None:
        c = _cls1(t)
        if len(_CLS) < 100_000:
            _CLS[t.raw] = c
    return c


def _cls1(t: _Tok) -> str:
    k = t.k
    if k in names.TITLES:
        return "TITLE"
    if k in names.RELATIONS:
        return "REL"
    if k in names.CREDENTIALS and t.raw.isupper():
        return "CRED"
    if k in _HUMAN_VERBS:
        return "HVERB"
    if k in _PREPS:
        return "PREP"
    if k in _DETS:
        return "DET"
    if k in names.STOP:
        return "STOP"
    if t.veto:
        return "LEX"
    if t.ucap and (t.nfn or t.nsn) and not t.en:
        return "CAPNAME"
    if t.ucap and t.place:
        return "CAPPLACE"
    if t.ucap:
        return "CAPEN" if t.en else "CAP"
    return "EN" if t.en else "LOW"


def candidate(t: _Tok, mode: str) -> bool:
    """May this token be scored at all?"""
    if t.veto or len(t.k) < 2:
        return False
    if mode == "lower":
        return (t.nfn or t.nsn) and not t.en
    if not t.ucap:
        return False
    if t.raw.isupper() and len(t.raw) <= 4:
        return False  # acronyms (OSA, LADA, HCV)
    return not _CONTRACTION.search(t.raw)  # "She'll", "Can't"


def features(text: str, toks: list[_Tok], i: int, counts: dict[str, int]) -> list[str]:
    """Feature strings of token ``i`` (the same function serves training and scanning)."""
    return _own(toks[i]) + _context(text, toks, i, counts)


_OWN: dict[str, list[str]] = {}


def _own(t: _Tok) -> list[str]:
    """Features of the spelling alone (cached)."""
    f = _OWN.get(t.raw)
    if f is not None:
        return f
    raw, k = t.raw, t.k
    n = len(k)
    g = f"g={int(t.nfn)}{int(t.nsn)}{int(t.en)}"
    f = ["bias", "shape=" + _shape(raw), "len=" + str(min(n, 9))]
    if t.nfn:
        f.append("fn")
    if t.nsn:
        f.append("sn")
    if t.en:
        f.append("en")
        f.append("w=" + k)
    if t.place:
        f.append("place")
    f.append(g)
    if not raw.isascii():
        f.append("nonlatin" if _NON_LATIN.search(raw) else "accent")
    if "-" in raw or "'" in raw:
        f.append("joined")
    if n >= 3:
        f.append("s2=" + k[-2:])
        f.append("s3=" + k[-3:])
        f.append("p2=" + k[:2])
    if n >= 5:
        f.append("s4=" + k[-4:])
    if len(_OWN) < 100_000:
        _OWN[raw] = f
    return f


def _context(text: str, toks: list[_Tok], i: int, counts: dict[str, int]) -> list[str]:
    t = toks[i]
    g = f"g={int(t.nfn)}{int(t.nsn)}{int(t.en)}"
    f = []
    if counts.get(t.raw, 0) > 1:
        f.append("repeat")
    # Left context.
    before = text[max(0, t.start - 3) : t.start]
    stripped = text[max(0, t.start - 12) : t.start].rstrip(" \t")
    last = stripped[-1:] if stripped else ""
    if not stripped and t.start < 12 or last in ".!?":
        pos = "sent_start"
    elif last == "\n" or text[max(0, t.start - 1) : t.start] == "\n":
        pos = "line_start"
    elif last in ":-(,;\"\u201c'":
        pos = "after=" + last
    else:
        pos = "mid"
    f.append(pos)
    f.append(g + "&" + pos)
    if before.endswith(('"', "\u201c", "'")) and text[t.end : t.end + 1] in ('"', "\u201d", "'"):
        f.append("quoted")
        f.append(g + "&quoted")
    nxt_char = text[t.end : t.end + 1]
    if nxt_char in (",", ".", ":", ")", "(", "-", "!", "?", ";"):
        f.append("next_char=" + nxt_char)
    elif nxt_char == "\n" or not nxt_char:
        f.append("next_char=EOL")
    if i > 0 and t.start - toks[i - 1].end <= 4 and "\n" not in text[toks[i - 1].end : t.start]:
        p = toks[i - 1]
        pc = _cls(p)
        f.append("pc=" + pc)
        f.append(g + "&pc=" + pc)
        f.append("pw=" + p.k)
        gap = text[p.end : t.start]
        f.append("pgap=" + ("sp" if gap == " " else gap.strip()[:1] or "sp2"))
        if i > 1 and p.start - toks[i - 2].end <= 4:
            f.append("pc2=" + _cls(toks[i - 2]) + "_" + pc)
            f.append("pw2=" + toks[i - 2].k)
    else:
        f.append("pc=NONE")
    if i + 1 < len(toks) and toks[i + 1].start - t.end <= 4:
        q = toks[i + 1]
        qc = _cls(q)
        gap = text[t.end : q.start]
        if "\n" not in gap:
            f.append("nc=" + qc)
            f.append(g + "&nc=" + qc)
            f.append("nw=" + q.k)
            f.append("ngap=" + ("sp" if gap == " " else gap.strip()[:1] or "sp2"))
            if i + 2 < len(toks) and toks[i + 2].start - q.end <= 4:
                f.append("nc2=" + qc + "_" + _cls(toks[i + 2]))
                f.append("nw2=" + toks[i + 2].k)
        else:
            f.append("nc=NONE")
    else:
        after = text[t.end : t.end + 6].lstrip(" ,")
        if after[:1].isdigit():
            f.append("nc=NUM")
        else:
            f.append("nc=NONE")
    # Runs of capitalised words joined by single spaces.
    a = i
    while a > 0 and toks[a - 1].ucap and text[toks[a - 1].end : toks[a].start] == " ":
        a -= 1
    b = i
    while b + 1 < len(toks) and toks[b + 1].ucap and text[toks[b].end : toks[b + 1].start] == " ":
        b += 1
    run = b - a + 1
    f.append("run=" + str(min(run, 4)))
    if run > 1:
        f.append("runpos=" + ("first" if i == a else "last" if i == b else "mid"))
        others = [toks[j] for j in range(a, b + 1) if j != i]
        if any(o.nfn or o.nsn for o in others):
            f.append("run_has_name")
        if any(o.veto or o.place for o in others):
            f.append("run_has_lex")
    return f


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def score(feats: list[str], w: dict[str, float] | None = None) -> float:
    w = weights() if w is None else w
    return _sigmoid(sum(w.get(x, 0.0) for x in feats))


def mode_of(text: str) -> str:
    return names._casing(text)


_OWN_SCORE: dict[str, float] = {}


def scored_candidates(text: str, claimed: list[tuple[int, int]] | None = None):
    """Yield (token, probability) for every unclaimed candidate token of ``text``."""
    mode = mode_of(text)
    if mode == "upper":
        return
    toks = names.tokens(text)
    counts: dict[str, int] = {}
    for t in toks:
        if t.ucap:
            counts[t.raw] = counts.get(t.raw, 0) + 1
    spans: list[list[int]] = []
    for s, e in sorted(claimed or []):
        if spans and s <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], e)
        else:
            spans.append([s, e])
    w = weights()
    heads = names.EPONYM_HEADS
    si = 0
    caps_only = mode != "lower"  # then ``candidate`` needs ``ucap``: most tokens fail that
    for i, t in enumerate(toks):
        if caps_only and not t.ucap:
            continue
        if not candidate(t, mode):
            continue
        while si < len(spans) and spans[si][1] <= t.start:
            si += 1
        if si < len(spans) and spans[si][0] < t.end:
            continue
        if i + 1 < len(toks) and toks[i + 1].k in heads:
            continue  # "Wilson disease", "Bell palsy"
        if (
            t.en
            and i + 1 < len(toks)
            and not toks[i + 1].ucap
            and toks[i + 1].k not in _AFTER_PERSON
            and text[t.end : toks[i + 1].start] == " "
        ):
            # An English word before a lower-case word is a name only before a human verb
            # ("Frank hematuria" is not; "Hope said", "Sunny from the chapter" may be).
            continue
        own = _OWN_SCORE.get(t.raw)
        if own is None:
            own = sum(w.get(x, 0.0) for x in _own(t))
            if len(_OWN_SCORE) < 100_000:
                _OWN_SCORE[t.raw] = own
        z = own + sum(w.get(x, 0.0) for x in _context(text, toks, i, counts))
        yield t, _sigmoid(z)


def detect(text: str, hits: list[Hit], threshold: float | None = None) -> list[Hit]:
    """NAME findings for candidate tokens scored at or above ``threshold`` (default THRESHOLD).

    A capitalised candidate joined by one space to an accepted token and not an English word
    is taken with it ("Fereshta" beside "Noori"): the parts of one name go together.
    """
    if threshold is None:
        threshold = THRESHOLD
    claimed = [(h[0], h[1]) for h in hits]
    scored = list(scored_candidates(text, claimed))
    keep = [p >= threshold for _, p in scored]
    changed = True
    while changed:
        changed = False
        for n in range(len(scored)):
            if keep[n]:
                continue
            t = scored[n][0]
            for m in (n - 1, n + 1):
                if 0 <= m < len(scored) and keep[m]:
                    o = scored[m][0]
                    a, b = (o, t) if m < n else (t, o)
                    if t.ucap and not t.en and text[a.end : b.start] == " ":
                        keep[n] = changed = True
                        break
    found = [(t, p) for (t, p), k in zip(scored, keep, strict=True) if k]
    out: list[Hit] = [
        (t.start, t.end, "NAME", round(0.4 + 0.3 * p, 2), f"name model ({p:.2f})") for t, p in found
    ]
    if not found:
        return out
    # Every other unclaimed capitalised mention of a name the model found.
    taken = {t.start for t, _ in found}
    words = {t.raw for t, _ in found if len(t.raw) >= 3}
    for s, e, raw in names.token_matches(text):
        if raw in words and s not in taken and not any(a < e and s < b for a, b in claimed):
            out.append((s, e, "NAME", 0.5, "another mention of a name-model name"))
    return out
