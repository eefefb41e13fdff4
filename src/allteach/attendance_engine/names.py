"""Normalise names and e-mail addresses so that the same person compares equal."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Honorifics that only ever lead a name.
_PREFIX_TITLES = frozenset({"dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx"})
# Credentials that are never part of a person's name.
_CREDENTIALS = frozenset(
    [
        "md",
        "mbbs",
        "mbchb",
        "rn",
        "bsn",
        "msn",
        "dnp",
        "np",
        "aprn",
        "fnp",
        "fnp-c",
        "fnp-bc",
        "agnp",
        "pmhnp",
        "cnm",
        "crna",
        "lpn",
        "lvn",
        "pharmd",
        "rph",
        "bcps",
        "bcpp",
        "phd",
        "psyd",
        "mph",
        "mpa",
        "mha",
        "mba",
        "msw",
        "lcsw",
        "lmsw",
        "licsw",
        "lpc",
        "lmft",
        "pa-c",
        "facp",
        "faafp",
        "fapa",
        "dds",
        "dmd",
        "dpm",
        "dpt",
        "otr",
        "cdces",
        "cde",
        "chw",
        "cadc",
        "ladc",
        "mhs",
        "scd",
        "edd",
    ]
)
# Credentials that are also surnames (Do, Pa, Od): dropped only after a comma
# or trailing a name that keeps at least two words.
_AMBIGUOUS_CREDENTIALS = frozenset({"do", "pa", "od", "ms", "ma"})

_ALL_TITLES = _PREFIX_TITLES | _CREDENTIALS | _AMBIGUOUS_CREDENTIALS
_SPECIAL_SEARCH = re.compile(r"[,.()\[\]]").search
_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# At least seven digits among spaces, dots, dashes, parentheses and a plus sign.
_PHONE = re.compile(r"[\s+().-]*(?:[0-9][\s+().-]*){7,}\Z")


def looks_like_phone(name: str) -> bool:
    """Whether a display name is a telephone number, as Zoom shows dial-in callers."""
    return _PHONE.match(name) is not None


class _Combining(dict):
    """``str.translate`` table that deletes combining marks, filled one code point at a time."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        value = self[code] = None if unicodedata.combining(char) else char
        return value


_DROP_COMBINING = _Combining()


def _strip_accents(text: str) -> str:
    return unicodedata.normalize("NFKD", text).translate(_DROP_COMBINING)


class _FoldedWords(dict):
    """Word -> its accent-stripped, casefolded form, computed once per distinct word."""

    def __missing__(self, word: str) -> str:
        if len(self) >= _CACHE_SIZE:
            self.clear()
        value = self[word] = _strip_accents(word).casefold()
        return value


_CACHE_SIZE = 65536
_FOLDED_WORDS = _FoldedWords()


def _fold(name: str) -> str:
    """``_strip_accents(name).casefold()``, word by word.

    The same string: NFKD, dropping combining marks and casefolding all act on a
    space alone (a starter that nothing reorders across), so the text can be cut
    at its spaces and the pieces folded apart. Names repeat their words (first
    names, surnames) far more than whole names repeat.
    """
    if name.isascii():
        return name.casefold()
    return " ".join(map(_FOLDED_WORDS.__getitem__, name.split(" ")))


def _words(part: str) -> list[str]:
    return [w for w in (w.strip(".") for w in part.split()) if w]


def _is_credentials(words: list[str]) -> bool:
    return all(
        w in _CREDENTIALS or w in _AMBIGUOUS_CREDENTIALS or w in _PREFIX_TITLES for w in words
    )


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Return a comparable form of a display name.

    Strips accents, casefolds, drops a parenthesised original name, titles and
    credentials, turns "Last, First" into "First Last" and collapses spaces.
    Telephone numbers keep only their digits, so that different numbers stay
    different.
    """
    first = name.lstrip()[:1]
    if (first.isdigit() or first in "+(") and looks_like_phone(name):
        return "tel:" + "".join(filter(str.isdigit, name))
    text = _fold(name)
    if _SPECIAL_SEARCH(text) is None:
        words = text.split()
        if _ALL_TITLES.isdisjoint(words):  # the common case: nothing to drop or reorder
            return " ".join(words)
    if "(" in text or "[" in text:
        text = _PARENS.sub(" ", text)
    if "," in text:
        parts = [p for p in (_words(part) for part in text.split(",")) if p]
        # Segments after a comma that hold only credentials ("Jane Doe, MD, MPH").
        while len(parts) > 1 and _is_credentials(parts[-1]):
            parts.pop()
        if len(parts) == 2:
            parts = [parts[1], parts[0]]  # "Last, First"
        words = [w for part in parts for w in part]
    else:
        words = _words(text)
    while len(words) > 1 and words[0] in _PREFIX_TITLES:
        del words[0]
    words = [w for w in words if w not in _CREDENTIALS] or words
    while len(words) > 2 and words[-1] in _AMBIGUOUS_CREDENTIALS:
        words.pop()
    return " ".join(words)


_EMAIL_CACHE: dict = {}
_EMAIL_CACHE_SIZE = 65536
_MISSING = object()


def canonical_email(email: str | None) -> str | None:
    """Lower-case an address; for gmail.com also drop dots and a +tag from the local part.

    Remembers its answers like ``functools.lru_cache`` (``cache_clear`` empties the
    memory) but answers a new address in a third of the time: an import meets
    thousands of addresses once each.
    """
    value = _EMAIL_CACHE.get(email, _MISSING)
    if value is not _MISSING:
        return value
    if not email:
        value = None
    else:
        address = email.strip().lower()
        if address.endswith("@gmail.com"):
            local = address[: -len("@gmail.com")]
            value = local.split("+", 1)[0].replace(".", "") + "@gmail.com"
        else:
            value = address or None
    if len(_EMAIL_CACHE) >= _EMAIL_CACHE_SIZE:
        _EMAIL_CACHE.clear()
    _EMAIL_CACHE[email] = value
    return value


canonical_email.cache_clear = _EMAIL_CACHE.clear  # type: ignore[attr-defined]
