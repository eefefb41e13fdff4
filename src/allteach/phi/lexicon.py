"""Word lists shipped in ``data/``, loaded once on first use."""

import gzip
import unicodedata
from functools import cache
from importlib import resources

#: USPS codes of the 50 states, and of DC and the territories a US address may name.
STATE_CODES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY",
)  # fmt: skip
TERRITORY_CODES = ("DC", "PR", "GU", "VI")


def key(word: str) -> str:
    """Lookup key for a word: case-folded, accents removed, curly apostrophes straightened."""
    folded = word.casefold().replace("\u2019", "'")
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _read(name: str) -> str:
    raw = resources.files("allteach.phi").joinpath("data").joinpath(name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return raw.decode("utf-8")


def _words(name: str) -> set[str]:
    out: set[str] = set()
    for line in _read(name).splitlines():
        line = line.split("#", 1)[0]
        out.update(key(w) for w in line.split())
    return out


@cache
def first_names() -> frozenset[str]:
    return frozenset(_words("first_names.txt.gz") | _words("first_names_extra.txt"))


@cache
def surnames() -> frozenset[str]:
    return frozenset(_words("surnames.txt.gz") | _words("surnames_extra.txt"))


@cache
def english() -> frozenset[str]:
    return frozenset(_words("english_words.txt.gz"))


@cache
def clinical() -> frozenset[str]:
    return frozenset(_words("clinical.txt"))


@cache
def zips() -> frozenset[str]:
    return frozenset(_read("zips.txt.gz").split())


@cache
def places() -> frozenset[str]:
    """Multi-word place names as space-joined keys."""
    out = set()
    for line in _read("places.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(" ".join(key(w) for w in line.split()))
    return frozenset(out)


@cache
def place_first_words() -> frozenset[str]:
    return frozenset(p.split()[0] for p in places())


@cache
def eponyms() -> frozenset[str]:
    return frozenset(_words("eponyms.txt"))
