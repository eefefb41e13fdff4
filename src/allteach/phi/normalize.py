"""Shadow string: undo hiding tricks while keeping a map back to the original offsets.

Zero-width and bidi characters are dropped, compatibility forms (full-width digits, math
letters) are folded with NFKC, Unicode digits become ASCII, Cyrillic/Greek look-alikes inside
Latin words become Latin, and spaced-out letters ("J o h n", "5 5 5 - 1 2 3 4") are closed up.
"""

import re
import unicodedata
from dataclasses import dataclass

_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\ufeff\u3164\uffa0"
)
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
# Cyrillic and Greek letters drawn like Latin ones (only applied inside mixed-script words).
_CONFUSABLE = str.maketrans(
    "АВЕЅІЈКМНОРСТХУаеіјоогрсуххԁһԛԝΑΒΕΗΙΚΜΝΟΡΤΧΥΖαοικνρτυχ",
    "ABESIJKMHOPCTXYaeijoogpcyxxdhqwABEHIKMNOPTXYZaoikvptux",
)
_CONFUSABLE_CHARS = frozenset(chr(k) for k in _CONFUSABLE)
# Any look-alike at all: text without one (nearly all text) skips the per-word pass.
_ANY_CONFUSABLE = re.compile("[" + re.escape("".join(sorted(_CONFUSABLE_CHARS))) + "]")
_SPACED = re.compile(r"(?<!\S)(?:[^\s] ){3,}[^\s](?!\S)")
_WORD = re.compile(r"[^\W\d_]+")
_ODD = re.compile(r"[^\x01-\x7f]")


@dataclass(slots=True)
class Shadow:
    """The normalised text plus, for every character of it, its index in the original."""

    original: str
    text: str
    index: list[int] | None  # None when text is the original, unchanged

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the shadow text back to the original string."""
        if self.index is None:
            return start, end
        o_start = self.index[start]
        o_end = self.index[end - 1] + 1
        original = self.original
        # Keep trailing combining marks with the letter they decorate.
        while o_end < len(original) and unicodedata.combining(original[o_end]):
            o_end += 1
        return o_start, o_end


def _fold_char(ch: str) -> str:
    if ch in _INVISIBLE:
        return ""
    if ch == "\x00" or ch.isspace():
        return "\n" if ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029" else " "
    if ch in _DASHES:
        return "-"
    if unicodedata.combining(ch):
        return ""
    if ch.isdigit():
        value = unicodedata.decimal(ch, None)
        if value is not None:
            return str(value)
    if unicodedata.category(ch) == "Cf":
        return ""
    folded = unicodedata.normalize("NFKC", ch)
    return folded


def _fix_mixed_script(text: str) -> str:
    """Replace Cyrillic/Greek look-alikes in words that also contain Latin letters."""
    if not _ANY_CONFUSABLE.search(text):
        return text  # no word holds a look-alike: every word would come back unchanged

    def fix(m: re.Match) -> str:
        word = m.group()
        if not any(c in _CONFUSABLE_CHARS for c in word):
            return word
        if not any("a" <= c.lower() <= "z" for c in word):
            # A wholly Cyrillic word is a real Cyrillic word (Иван), unless every letter of
            # it is a look-alike sitting in otherwise Latin text.
            return word
        return word.translate(_CONFUSABLE)

    return _WORD.sub(fix, text)


def _close_spaced(text: str, index: list[int]) -> tuple[str, list[int]]:
    """Close up runs like 'J o h n' keeping a space where a new capitalised word starts."""
    out: list[str] = []
    out_index: list[int] = []
    pos = 0
    for m in _SPACED.finditer(text):
        run = m.group()
        if sum(c.isalnum() for c in run) < 3:
            continue
        out.append(text[pos : m.start()])
        out_index.extend(index[pos : m.start()])
        prev = ""
        for i in range(m.start(), m.end()):
            ch = text[i]
            if ch == " ":
                nxt = text[i + 1]
                if not (prev.islower() and nxt.isupper()):
                    continue
            out.append(ch)
            out_index.append(index[i])
            if ch != " ":
                prev = ch
        pos = m.end()
    if pos == 0:
        return text, index
    out.append(text[pos:])
    out_index.extend(index[pos:])
    return "".join(out), out_index


def shadow(text: str) -> Shadow:
    """Build the shadow string for ``text``."""
    if text.isascii() and "\x00" not in text:
        if not _SPACED.search(text):
            return Shadow(text, text, None)
        chars, index = text, list(range(len(text)))
    else:
        parts: list[str] = []
        index = []
        pos = 0
        # Copy ASCII runs wholesale; only the odd characters go through the fold.
        for m in _ODD.finditer(text):
            i = m.start()
            if i > pos:
                parts.append(text[pos:i])
                index.extend(range(pos, i))
            folded = _fold_char(m.group())
            parts.append(folded)
            index.extend([i] * len(folded))
            pos = i + 1
        parts.append(text[pos:])
        index.extend(range(pos, len(text)))
        chars = "".join(parts)
        fixed = _fix_mixed_script(chars)
        if len(fixed) == len(chars):
            chars = fixed
    chars, index = _close_spaced(chars, index)
    if chars == text:
        return Shadow(text, text, None)
    return Shadow(text, chars, index)
