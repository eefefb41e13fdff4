"""Literal pre-filters for the layers' regular expressions, so most patterns skip most texts.

Python's ``re`` tries a pattern that starts with a look-behind or a case-insensitive alternation
at every position of the text, and the layers run well over a hundred such patterns over the
whole case. Most of them cannot match a given case at all: they need a cue word ("zip",
"tattoo", "docket") that is not in it. ``required()`` reads the literal text every match of a
pattern must contain (from the pattern's own parse tree, so it cannot drift from the pattern);
``Gated`` answers "no match" at once when a text lacks it. Long cases contain most cue words
somewhere, so where every match must *start* with one of a few words (``prefixes()``), the
pattern is tried only at the places those words begin (found with ``str.find``), the way
``finditer`` would have found them. Both checks are exact: a pattern is only skipped where it
could not have matched, so findings never change (tested against ``ENABLED = False``).
"""

import re
import string
from bisect import bisect_left

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# Switch for tests: with False every pattern runs on every text, as before the pre-filters.
ENABLED = True

# Short texts (windows cut out of the case) are cheap to scan; checking them costs as much.
_MIN_LEN = 256

Requirement = tuple[frozenset[str], ...]  # every set needs one of its strings in the text


def _best(reqs: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective single alternative set: the longest shortest string."""
    return max(reqs, key=lambda s: (min(map(len, s)), -len(s)), default=None)


def _sequence(items) -> list[frozenset[str]]:
    """Sets of strings that a match of this sequence of parse nodes must contain (all of them)."""
    reqs: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            reqs.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL and chr(av).isascii():
            run.append(chr(av).lower())
            continue
        flush()
        reqs.extend(_node(op, av))
    flush()
    return reqs


def _node(op, av) -> list[frozenset[str]]:
    if op is _c.SUBPATTERN:
        return _sequence(av[-1].data)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        return _sequence(av[2].data) if av[0] >= 1 else []
    if op is _c.ASSERT:  # a positive look-around still needs its text somewhere in the string
        return _sequence(av[1].data)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(av.data)
    if op is _c.BRANCH:
        alternatives: set[str] = set()
        for branch in av[1]:
            best = _best(_sequence(branch.data))
            if best is None:
                return []  # one alternative needs nothing, so the branch needs nothing
            alternatives |= best
        return [frozenset(alternatives)]
    return []  # classes, anchors, negative look-arounds, back-references: no literal text


def required(pattern: re.Pattern) -> Requirement:
    """Lower-case strings every match must contain; empty when nothing is certain."""
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a pattern the private parser cannot read
        return ()
    reqs = {r for r in _sequence(tree.data) if all(r)}
    # Strings of one character rarely rule anything out; keep them only if nothing better.
    strong = [r for r in reqs if min(map(len, r)) >= 2]
    return tuple(strong or reqs)


_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_MAX_PREFIXES = 300


def _prefixes(items, i: int = 0) -> set[str] | None:
    """Lower-case strings one of which every match of ``items[i:]`` starts with, or None."""
    heads = [""]
    while i < len(items):
        op, av = items[i]
        if op in _ZERO_WIDTH:  # look-arounds and anchors consume nothing; match() checks them
            i += 1
            continue
        if op is _c.LITERAL and chr(av).isascii():
            heads = [h + chr(av).lower() for h in heads]
            i += 1
            continue
        tails: set[str] | None = None
        if op is _c.SUBPATTERN:
            tails = _prefixes(av[-1].data)
        elif op is _c.BRANCH:
            tails = set()
            for branch in av[1]:
                more = _prefixes(branch.data)
                if more is None:
                    tails = None
                    break
                tails |= more
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            tails = _prefixes(av[2].data)
            if av[0] == 0 and tails is not None:  # optional: the rest may come first
                rest = _prefixes(items, i + 1)
                tails = None if rest is None else tails | rest
        if tails is not None:
            heads = [h + t for h in heads for t in tails]
        break
    if "" in heads or len(heads) > _MAX_PREFIXES:
        return None
    return set(heads)


def prefixes(pattern: re.Pattern) -> frozenset[str]:
    """Lower-case strings one of which every match starts with; empty when unknown."""
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover
        return frozenset()
    heads = _prefixes(tree.data)
    # Single letters occur everywhere; scanning is cheaper than visiting them all.
    if not heads or min(map(len, heads)) < 2:
        return frozenset()
    # "polic" makes "policy" and "policies" redundant as places to start.
    return frozenset(h for h in heads if not any(o != h and h.startswith(o) for o in heads))


_ASCII_LOWER = [(a, re.compile("(?i)" + a)) for a in string.ascii_lowercase]


class _FoldTable(dict):
    """``str.translate`` table, filled on first sight of each character: ASCII folds to lower
    case; any other character to the ASCII letter it matches case-insensitively in ``re`` (k
    for the Kelvin sign, s for the long s), else to itself. Lengths never change."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        folded = c.lower() if c.isascii() else c
        if not c.isascii():
            for a, regex in _ASCII_LOWER:
                if regex.fullmatch(c):
                    folded = a
                    break
        self[code] = folded
        return folded


_FOLD = _FoldTable()


class _Folded:
    """The current text lower-cased the way ``re`` matches letters, with a memo of lookups."""

    __slots__ = ("features", "folded", "places", "seen", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # Same length as ``text``, so a position in one is the same position in the other.
        self.folded = text.lower() if text.isascii() else text.translate(_FOLD)
        self.seen: dict[str, bool] = {}
        self.places: dict[str, list[int]] = {}
        self.features: dict[object, object] = {}

    def starts(self, heads: frozenset[str], limit: int) -> list[int] | None:
        """Sorted positions where one of ``heads`` begins; None when there are over ``limit``."""
        found: set[int] = set()
        folded, places = self.folded, self.places
        for h in heads:
            at = places.get(h)
            if at is None:
                # Stop looking once there are too many: the caller scans instead.
                at = []
                pos = folded.find(h)
                while pos != -1 and len(at) <= limit:
                    at.append(pos)
                    pos = folded.find(h, pos + 1)
                places[h] = at
            found.update(at)
            if len(found) > limit:
                return None
        return sorted(found)

    def has(self, req: Requirement) -> bool:
        seen = self.seen
        for alternatives in req:
            for s in alternatives:
                found = seen.get(s)
                if found is None:
                    found = seen[s] = s in self.folded
                if found:
                    break
            else:
                return False
        return True


_current: list[_Folded] = []


def _folded(text: str) -> _Folded:
    # One scan asks about one long text hundreds of times; keep the last one.
    if _current and _current[0].text is text:
        return _current[0]
    f = _Folded(text)
    if len(text) >= _MIN_LEN or not _current:  # a short window does not evict the case
        _current[:] = [f]
    return f


class Gated:
    """A compiled pattern that answers "no match" without scanning a text lacking its literals."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern_obj = pattern
        self.req = required(pattern)
        self.pattern = pattern.pattern
        self.flags = pattern.flags
        self.groups = pattern.groups
        self.groupindex = pattern.groupindex
        self.sub = pattern.sub
        self.subn = pattern.subn
        self.split = pattern.split
        self.fullmatch = pattern.fullmatch
        self.heads = prefixes(pattern)
        if not self.req:  # nothing to check: use the pattern's own methods directly
            self.finditer = pattern.finditer
            self.search = pattern.search
            self.match = pattern.match
            self.findall = pattern.findall

    _last_text: str | None = None
    _last_absent = False

    def _absent(self, text: str) -> bool:
        if not ENABLED or len(text) < _MIN_LEN:
            return False
        if text is not self._last_text:  # one scan asks about one text many times
            self._last_text = text
            self._last_absent = not _folded(text).has(self.req)
        return self._last_absent

    def _anchored(self, text: str):
        """Matches tried only where a prefix begins, as ``finditer`` would find them; None
        when the prefixes are too common for that to be quicker than a plain scan."""
        starts = _folded(text).starts(self.heads, len(text) >> 6)
        if starts is None:
            return None
        return self._at(text, starts)

    def _at(self, text: str, starts: list[int]):
        # finditer resumes after each match; every match begins at one of ``starts``, so the
        # first start at or after the resume point that matches is the match finditer finds.
        match = self.pattern_obj.match
        end = 0
        for pos in starts:
            if pos < end:
                continue
            m = match(text, pos)
            if m:
                end = m.end()
                yield m

    def finditer(self, text: str, *args):
        if self._absent(text):
            return iter(())
        # Short texts (windows) are scanned: cheaper, and the per-text memo keeps the case.
        if self.heads and not args and ENABLED and len(text) >= _MIN_LEN:
            anchored = self._anchored(text)
            if anchored is not None:
                return anchored
        return self.pattern_obj.finditer(text, *args)

    def search(self, text: str, *args):
        if self._absent(text):
            return None
        if self.heads and not args and ENABLED and len(text) >= _MIN_LEN:
            anchored = self._anchored(text)
            if anchored is not None:
                return next(anchored, None)
        return self.pattern_obj.search(text, *args)

    def match(self, text: str, *args):
        if self._absent(text):
            return None
        return self.pattern_obj.match(text, *args)

    def findall(self, text: str, *args):
        if self._absent(text):
            return []
        return self.pattern_obj.findall(text, *args)

    def __repr__(self) -> str:
        return f"Gated({self.pattern_obj!r}, req={self.req!r})"


def feature(text: str, key: object, compute):
    """``compute(text)``, worked out once per text and shared by every pattern that asks."""
    features = _folded(text).features
    value = features.get(key)
    if value is None:
        value = features[key] = compute(text)
    return value


def reversed_text(text: str) -> str:
    """``text`` back to front, so a regex can measure how far a run reaches to the left."""
    return feature(text, "reversed", lambda t: t[::-1])


def run_start(text: str, at: int, back: re.Pattern) -> int:
    """Where the text before ``at`` that ``back`` matches (read right to left) begins."""
    m = back.match(reversed_text(text), len(text) - at)
    return at - (m.end() - m.start()) if m else at


def match_starts(finder: re.Pattern, text: str) -> list[int]:
    """Start of every match of ``finder`` (a consuming pattern), memoised per text."""
    return feature(text, ("starts", finder), lambda t: [m.start() for m in finder.finditer(t)])


def match_ends(finder: re.Pattern, text: str) -> list[int]:
    """End of every match of ``finder``, memoised per text."""
    return feature(text, ("ends", finder), lambda t: [m.end() for m in finder.finditer(t)])


def folded_text(text: str) -> str:
    """``text`` case-folded the way ``re`` matches letters; same length, same positions."""
    return _folded(text).folded


def word_starts(text: str, heads) -> list[int]:
    """Every place (case-insensitively, as ``re`` folds) where one of ``heads`` begins."""
    return _folded(text).starts(frozenset(heads), len(text))


_WORD = re.compile(r"\w+")


def _word_index(text: str) -> dict[str, list[tuple[str, list[int]]]]:
    """Every run of word characters of the folded text, by first character: (word, starts)."""
    positions: dict[str, list[int]] = {}
    for m in _WORD.finditer(_folded(text).folded):
        at = positions.get(m.group())
        if at is None:
            positions[m.group()] = [m.start()]
        else:
            at.append(m.start())
    index: dict[str, list[tuple[str, list[int]]]] = {}
    for word, at in positions.items():
        index.setdefault(word[0], []).append((word, at))
    return index


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def word_head_starts(text: str, heads) -> list[int]:
    """Word starts (as ``\\w`` sees them, case folded as ``re`` folds) where a word begins
    with one of ``heads``; a head with a non-word character in it must match the whole word
    before that character ("a/c": the word "a"). Memoised per text and set of heads."""
    key = ("word_heads", heads)
    features = _folded(text).features
    found = features.get(key)
    if found is None:
        # Each head is looked up in the sorted words of the text (bisect); only heads that
        # some word has are then found, as " head" (or " word "), in the spaced text.
        spaced = feature(text, "word_spaced", _word_spaced)
        words = feature(text, "word_sorted", _word_sorted)
        n = len(words)
        out: list[int] = []
        for needle, probe, whole in _search_heads(heads):
            i = bisect_left(words, probe)
            if i == n or not (words[i] == probe if whole else words[i].startswith(probe)):
                continue
            # spaced[j + 1] is text[j]: " head" found at j is a word starting at j.
            find = spaced.find
            pos = find(needle)
            while pos != -1:
                out.append(pos)
                pos = find(needle, pos + 1)
        found = features[key] = out
    return found


class _WordSpaceTable(dict):
    """``str.translate`` table: word characters (as ``\\w`` sees them) stay, others turn to
    spaces, so that ``split()`` gives the runs ``\\w+`` finds, at the same positions."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        out = self[code] = c if _WORD.fullmatch(c) else " "
        return out


_WORD_SPACE = _WordSpaceTable()


def _word_spaced(text: str) -> str:
    """The folded text with every non-word character a space, between two spaces."""
    return " " + _folded(text).folded.translate(_WORD_SPACE) + " "


def _word_sorted(text: str) -> list[str]:
    return sorted(set(feature(text, "word_spaced", _word_spaced).split()))


_SEARCH: dict[object, tuple[tuple[str, str, bool], ...]] = {}


def _search_heads(heads) -> tuple[tuple[str, str, bool], ...]:
    """(needle in the spaced text, word or prefix to bisect for, whole word?) for each head:
    prefixes that a shorter prefix already covers, and words that a prefix covers, dropped,
    so that no place is found twice."""
    found = _SEARCH.get(heads)
    if found is None:
        prefixes: set[str] = set()
        wholes: set[str] = set()
        for _first, (p, w) in _group_heads(heads).items():
            prefixes.update(p)
            wholes.update(w)
        kept = sorted(p for p in prefixes if not any(o != p and p.startswith(o) for o in prefixes))
        whole = sorted(w for w in wholes if not w.startswith(tuple(kept)))
        found = _SEARCH[heads] = tuple(
            [(" " + p, p, False) for p in kept] + [(" " + w + " ", w, True) for w in whole]
        )
    return found


_GROUPED: dict[object, dict[str, tuple[tuple[str, ...], frozenset[str]]]] = {}


def _group_heads(heads) -> dict[str, tuple[tuple[str, ...], frozenset[str]]]:
    grouped = _GROUPED.get(heads)
    if grouped is None:
        acc: dict[str, tuple[list[str], set[str]]] = {}
        for h in heads:
            cut = next((i for i, c in enumerate(h) if not _is_word_char(c)), len(h))
            if cut == 0:
                raise ValueError(f"head {h!r} does not start with a word character")
            prefixes, wholes = acc.setdefault(h[0], ([], set()))
            if cut == len(h):
                prefixes.append(h)
            else:
                wholes.add(h[:cut])
        grouped = _GROUPED[heads] = {k: (tuple(p), frozenset(w)) for k, (p, w) in acc.items()}
    return grouped


def _starts_at_words(items) -> bool:
    """Whether every match of this sequence begins at a word start: it opens with ``\\b`` or
    a look-behind that rules out a word character before it, then a word character."""
    for op, av in items:
        if op is _c.AT and av is _c.AT_BOUNDARY:
            return True
        if op is _c.ASSERT_NOT and av[0] == -1:
            body = list(av[1])
            if (
                len(body) == 1
                and body[0][0] is _c.IN
                and any(x == (_c.CATEGORY, _c.CATEGORY_WORD) for x in body[0][1])
            ):
                return True
            continue
        if op in _ZERO_WIDTH:
            continue
        return False
    return False


def word_heads(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case strings one of which every match starts with, at a word start; None when
    the pattern's matches may begin elsewhere or with something else."""
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover
        return None
    if not _starts_at_words(tree.data):
        return None
    heads = _prefixes(tree.data)
    if not heads or not all(_is_word_char(h[0]) for h in heads):
        return None
    return frozenset(heads)


class Anchored:
    """A pattern tried only at candidate starts, the way ``finditer`` would have found them.

    ``starts(text)`` returns positions (any order, repeats allowed) that include every place
    where ``pattern.match(text, pos)`` can succeed: computed from something every match needs
    (a ZIP, a digit run, a cue word just before it) by one fast pass shared between patterns.
    ``_at`` then gives exactly what ``finditer`` gives (see ``Gated._at``). The literal
    pre-filter of ``Gated`` still runs first. Tested against plain ``finditer`` in
    ``tests/phi/test_phi_speed_anchors.py``.
    """

    def __init__(self, pattern: re.Pattern, starts, *, gated: bool = True) -> None:
        self.pattern_obj = pattern
        self.starts = starts
        self._gated = Gated(pattern) if gated and required(pattern) else None
        self.pattern = pattern.pattern
        self.flags = pattern.flags
        self.groups = pattern.groups
        self.groupindex = pattern.groupindex
        self.sub = pattern.sub
        self.subn = pattern.subn
        self.split = pattern.split
        self.fullmatch = pattern.fullmatch
        self.match = pattern.match

    def _use(self, text: str, args) -> bool:
        return ENABLED and not args and len(text) >= _MIN_LEN

    def _candidates(self, text: str) -> list[int]:
        return sorted(set(self.starts(text)))

    def finditer(self, text: str, *args):
        if not self._use(text, args):
            return self.pattern_obj.finditer(text, *args)
        if self._gated is not None and self._gated._absent(text):
            return iter(())
        return Gated._at(self, text, self._candidates(text))

    def search(self, text: str, *args):
        return (
            next(self.finditer(text, *args), None)
            if self._use(text, args)
            else (self.pattern_obj.search(text, *args))
        )

    def findall(self, text: str, *args):
        if not self._use(text, args):
            return self.pattern_obj.findall(text, *args)
        out = []
        for m in self.finditer(text):
            g = m.groups()
            out.append(m.group() if not g else g[0] if len(g) == 1 else g)
        return out

    def __repr__(self) -> str:
        return f"Anchored({self.pattern_obj!r})"


def at_words(pattern: re.Pattern, heads=None) -> Anchored:
    """``pattern`` tried only where a word begins with one of its heads (``word_heads``, or
    ``heads`` given: a superset of those). The word lookup is itself the literal check."""
    if heads is None:
        heads = word_heads(pattern)
        if heads is None:
            raise ValueError(f"{pattern.pattern[:60]!r} does not start at a word with known heads")
    heads = frozenset(heads)
    return Anchored(pattern, lambda text: word_head_starts(text, heads), gated=False)


def gate(pattern: re.Pattern) -> "Gated | re.Pattern":
    """``pattern`` behind its literal pre-filter, or itself when it has no required literal."""
    return Gated(pattern) if required(pattern) else pattern


def install(namespace: dict) -> None:
    """Put every module-level pattern of a layer (and those in lists of tuples) behind its gate."""
    for name, value in list(namespace.items()):
        if isinstance(value, re.Pattern):
            namespace[name] = gate(value)
        elif isinstance(value, list) and any(
            isinstance(x, tuple) and any(isinstance(y, re.Pattern) for y in x) for x in value
        ):
            value[:] = [
                tuple(gate(y) if isinstance(y, re.Pattern) else y for y in x)
                if isinstance(x, tuple)
                else x
                for x in value
            ]
