"""Replace findings with placeholders or with consistent made-up values."""

import hashlib
import re
import secrets
from collections.abc import Sequence

from . import lexicon
from .model import Finding, PhiInputError

STYLES = ("placeholder", "surrogate")

_FIRST = (
    "Alex",
    "Jordan",
    "Casey",
    "Riley",
    "Morgan",
    "Taylor",
    "Jamie",
    "Avery",
    "Quinn",
    "Rowan",
    "Sage",
    "Emerson",
)
_LAST = (
    "Rivera",
    "Harper",
    "Ellis",
    "Monroe",
    "Sutton",
    "Hayes",
    "Carver",
    "Lark",
    "Winslow",
    "Pryor",
    "Vance",
    "Keller",
)
_PLACES = ("Cedar Flats", "Pine Hollow", "Mesa Alta", "Willow Bend", "Red Bluff", "Stone Creek")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


_AGE = re.compile(r"(?i)year|\byo\b|y/o|\bage|\d0'?s\b|arian")


class _Surrogates:
    """Made-up values keyed by the original text, so repeats get the same stand-in."""

    def __init__(self, salt: bytes) -> None:
        self.salt = salt
        self.memo: dict[tuple[str, str], str] = {}

    def _n(self, label: str, value: str) -> int:
        digest = hashlib.blake2b(
            value.casefold().encode(), key=self.salt[:64], person=label[:16].encode()
        ).digest()
        return int.from_bytes(digest[:8], "big")

    def _digits_like(self, label: str, value: str) -> str:
        n = self._n(label, value)
        out = []
        for ch in value:
            if ch.isdigit():
                out.append(str(n % 10))
                n //= 10
                n = n or self._n(label, value + str(len(out)))
            elif ch.isalpha():
                out.append(chr(ord("A" if ch.isupper() else "a") + n % 26))
                n //= 26
                n = n or self._n(label, value + str(len(out)))
            else:
                out.append(ch)
        return "".join(out)

    def name_word(self, word: str) -> str:
        pool = _FIRST if lexicon.key(word) in lexicon.first_names() else _LAST
        fake = pool[self._n("NAME", word) % len(pool)]
        return fake.upper() if word.isupper() and len(word) > 1 else fake

    def get(self, label: str, value: str) -> str:
        memo_key = (label, value.casefold())
        if memo_key in self.memo:
            return self.memo[memo_key]
        if label == "NAME":
            # A title stays as written so the surrogate reads naturally ("Mrs. Lopez").
            title = _TITLE.match(value)
            prefix, rest = (title.group(0), value[title.end() :]) if title else ("", value)
            words = re.findall(r"[^\W\d_]+(?:['\-][^\W\d_]+)*", rest)
            if not words:
                fake = prefix + _FIRST[self._n(label, value) % len(_FIRST)]
            else:
                fake = prefix + " ".join(self.name_word(w) for w in words)
        elif label == "GEOGRAPHIC":
            if any(c.isdigit() for c in value) and not any(c.isalpha() for c in value):
                fake = self._digits_like(label, value)
            else:
                fake = _PLACES[self._n(label, value) % len(_PLACES)]
        elif label == "DATE" and _AGE.search(value):
            fake = "90+ years old"
        elif label == "DATE":
            n = self._n(label, value)
            fake = f"{_MONTHS[n % 12]} {1 + (n >> 4) % 28}"
        elif label == "EMAIL":
            fake = f"user{self._n(label, value) % 10000}@example.org"
        elif label == "URL":
            fake = f"https://example.org/{self._n(label, value) % 100000}"
        elif label == "IP":
            n = self._n(label, value)
            fake = f"192.0.2.{n % 254 + 1}"
        elif label in {"PHOTO", "BIOMETRIC"}:
            fake = f"[{label}]"
        else:
            fake = self._digits_like(label, value)
        self.memo[memo_key] = fake
        return fake


_TITLE = re.compile(r"(?i)(?:mr|mrs|ms|miss|mx|dr|sr|sra|srta|don|doña|dona|prof|rev|fr)\.?\s+")


def redact(
    text: str,
    findings: Sequence[Finding],
    style: str = "placeholder",
    *,
    seed: bytes | None = None,
) -> str:
    """Return ``text`` with every finding replaced; overlapping findings are joined first.

    ``surrogate`` values are consistent within one call; pass ``seed`` to make them repeatable.
    """
    if style not in STYLES:
        raise PhiInputError(f"unknown redaction style {style!r}; choose one of {', '.join(STYLES)}")
    spans: list[list] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if not (0 <= f.start < f.end <= len(text)):
            raise PhiInputError(f"finding {f.start}-{f.end} lies outside the text")
        if spans and f.start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], f.end)
            continue
        spans.append([f.start, f.end, f.label])
    surrogates = _Surrogates(seed if seed is not None else secrets.token_bytes(32))
    out: list[str] = []
    pos = 0
    for start, end, label in spans:
        out.append(text[pos:start])
        if style == "placeholder":
            out.append(f"[{label}]")
        else:
            out.append(surrogates.get(label, text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)
