"""Patterns tried only at candidate words (gate.at_words and the other anchors added for speed
in formats.py and dates.py) find exactly what plain ``finditer`` finds."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.phi import dates, formats, gate


def _anchored(module) -> dict:
    out = {}
    for name, value in vars(module).items():
        if isinstance(value, gate.Anchored):
            out[name] = value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                for x in item if isinstance(item, tuple) else (item,):
                    if isinstance(x, gate.Anchored):
                        out[f"{name}[{i}]"] = x
    return out


_ALL = {**_anchored(formats), **{f"dates.{k}": v for k, v in _anchored(dates).items()}}

# fmt: off
_WORDS = [
    "SSN", "soc. sec.", "ss#", "MRN", "m.r.n.", "chart #", "member ID", "policy", "Medicaid",
    "acct", "a/c", "card ending in", "license plate", "car plates", "plate", "  plate #",
    "truck", "VIN", "tag #", "DL#", "NPI", "serial", "s/n", "SN", "device ID", "case #",
    "a-number", "ID", "id:", "group", "RxGroup: NMCAID", "grp", "plan code", "photo of him",
    "picture", "IMG_0042.jpg", "scan.png", "(copy).JPEG", "-x.tif", "selfie", "fingerprint",
    "his right index finger print", "iris scan", "voice recording", "one", "two", "oh", "o",
    "five", "nine", "zero", "County Road 12", "CR-5", "N 14", "NM 371", "P.O. Box 12", "PO box",
    "rural route 3", "HC 61 Box 4", "RMCH", "UNMH", "zip 87301", "postal code", "tattoo",
    "tattoo reading 'Mom'", "john.doe at gmail dot com", "jd [at] unm (dot) edu", " at ",
    "192.168.2.59", "10.0.0.1", "+1 505 555 1234", "+52 (1) 55", "#12345", "# AB-1234",
    "Jan", "jan.", "March 3rd", "may", "Tuesday,", "the 14th", "on the twelfth",
    "april second nineteen fifty", "3 de marzo de 1958", "DOB: 010203", "born in 1920",
    "Christmas 2019", "the 4th of July, 1999", "93 y/o", "ninety-two year old", "aged 95",
    "in her late 90s", "centenarian", "a 92 f", "an 95 yo m", "pt 91m", "is 99 M", "12 of May",
    "3/12", "03/12/2024", "2024-03-12", "5/2019", "K", "\u212a", "\u017f", "\u0130", "é",
]
# fmt: on
_PIECE = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from([" ", ", ", ". ", "\n", "-", "/", "  ", "(", ")", ".", "@", "_", ":", "#"]),
    st.from_regex(r"[0-9]{1,10}", fullmatch=True),
    st.from_regex(r"[A-Za-z]{1,7}", fullmatch=True),
    st.text(max_size=4),
)
_TEXT = st.one_of(
    st.lists(_PIECE, min_size=1, max_size=80).map("".join),
    st.lists(_PIECE, min_size=1, max_size=80).map(" ".join),
).map(lambda t: t.ljust(256) if len(t) < 256 else t)


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def test_new_anchors_present():
    for name in ("_BIOMETRIC", "_EMAIL_SPOKEN", "_PHOTO_FILE", "_SPOKEN_PHONE", "_IPV4"):
        assert name in _ALL
    assert "_CUE_RES[4]" in _ALL and "dates._AGES[6]" in _ALL and "dates._NUMERIC" in _ALL


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_anchored_equal_plain_finditer(text):
    gate._current.clear()  # a fresh text each time, as a scan has
    for name, anchored in _ALL.items():
        plain = anchored.pattern_obj
        assert _spans(anchored.finditer(text)) == _spans(plain.finditer(text)), name


def test_word_heads_only_for_word_starts():
    assert gate.word_heads(re.compile(r"(?i)\bfoo|\bbar")) == {"foo", "bar"}
    assert gate.word_heads(re.compile(r"(?<![\w-])ab\d")) == {"ab"}
    assert gate.word_heads(re.compile(r"foo")) is None  # may start inside a word
    assert gate.word_heads(re.compile(r"\b(?:a)?\s*x")) is None  # may start at a space
    assert gate.word_heads(re.compile(r"(?<![\d])ab")) is None


def test_detect_same_with_anchors_off():
    text = (
        "Pt's SSN 123-45-6789, MRN: T8890211, member ID XJ123456, car plates ABC1234, "
        "e-mail jd at unm dot edu, photo IMG_0042.jpg, IP 192.168.2.59, call +1 505 555 1234, "
        "voice print on file, #AB-1234. Seen 3/12/2024 and on the twelfth; a 92 f, aged 95. "
    ) * 3
    got = (list(formats.detect(text)), list(dates.detect(text)))
    gate.ENABLED = False
    try:
        assert (list(formats.detect(text)), list(dates.detect(text))) == got
    finally:
        gate.ENABLED = True
    assert got[0] and got[1]
