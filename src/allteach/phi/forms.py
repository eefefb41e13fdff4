"""Field forms, tables and lower-case text: values read by their field name, not their case.

Rules here need a strong cue that does not depend on capitals: a field label ("pt_name:",
"county:", "pt_age: 90"), a CSV/pipe table header, a lower-case title ("mr august frost"),
"pt"/"patient" before a listed first name and surname, a place cue before a gazetteer place
("lives in chimayó"), a known facility name (``data/facilities.txt``) and rural addresses
("RR 2 Box 71A", "N12 BIA Rte 7", "HC 64 Box 9", "CR 6100", "NM-371 mile 23").
"""

import functools
import re
from collections.abc import Iterator
from importlib import resources

from . import gate, ids, lexicon
from .lexicon import key

Hit = tuple[int, int, str, float, str]

# Field name (without "pt_"/"patient " prefix) -> label of its value.
# fmt: off
_FIELD_LABEL = {
    "name": "NAME", "nombre": "NAME", "first": "NAME", "last": "NAME", "surname": "NAME",
    "pcp": "NAME", "provider": "NAME", "mother": "NAME", "father": "NAME", "guardian": "NAME",
    "caregiver": "NAME", "spouse": "NAME", "nok": "NAME", "contact": "NAME", "employer": "NAME",
    "county": "GEOGRAPHIC", "city": "GEOGRAPHIC", "town": "GEOGRAPHIC", "address": "GEOGRAPHIC",
    "addr": "GEOGRAPHIC", "residence": "GEOGRAPHIC", "community": "GEOGRAPHIC",
    "chapter": "GEOGRAPHIC", "pueblo": "GEOGRAPHIC", "facility": "GEOGRAPHIC",
    "hospital": "GEOGRAPHIC", "school": "GEOGRAPHIC", "street": "GEOGRAPHIC",
    "ciudad": "GEOGRAPHIC", "condado": "GEOGRAPHIC", "direccion": "GEOGRAPHIC",
    "age": "AGE", "edad": "AGE", "dob": "DATE",
}
# fmt: on
_FIELD_BODY = (
    r"(?:(?:pt|patient|client|resident|home|emergency)[ _])?"
    r"(?P<f>name|nombre|first[ _]name|last[ _]name|surname|pcp|provider|mother|father|guardian|"
    r"caregiver|spouse|nok|contact|employer|county|city|town|address|addr|residence|community|"
    r"chapter|pueblo|facility|hospital|school|street|ciudad|condado|direcci[oó]n|age|edad|dob)"
    r"(?:[ _](?:name|of[ _]birth))?[ \t]*[:=][ \t]*"
    r"(?P<v>[^|\n;:=]{1,60}?)(?=[ \t]{2,}|[ \t]*[|;\n]|[ \t]+/[ \t]|(?<!\bSt)(?<!\bDr)(?<!\bMt)\.(?:\s|$)|[ \t]+[\w]+[ _]?\w*[ \t]*[:=]|[ \t]*$)"
)
_FIELD = re.compile(r"(?im)(?:^|(?<=[\s|;,]))" + _FIELD_BODY)
_EMPTY = re.compile(
    r"(?i)(?:none|n/?a|unknown|unk|self|same|declined|pending|tbd|see\s.*|not\s.*|no|yes|other|-+|\?+)$"
)
_TITLE_STRIP = re.compile(r"(?i)^(?:dr|mr|mrs|ms|miss|don|doña|sr|sra)\.?\s+")

_LOWER_TITLE = re.compile(
    r"(?<![\w.])(?:mr|mrs|ms|miss|dr|don|doña|señor|señora|sr|sra)\.?[ \t]+"
    r"(?P<n>[a-zà-ÿ'’-]+(?:[ \t]+[a-zà-ÿ'’-]+){0,3})"
)
_PT_LOWER = re.compile(
    r"(?<![\w])(?:pt|patient|paciente|the\s+pt,?|the\s+patient,?|daughter|son|wife|husband|"
    r"mother|father|mom|dad|sister|brother)[ \t]+(?P<n>[a-zà-ÿ'’-]+(?:[ \t]+(?:de[ \t]+los|de[ \t]+la|"
    r"del|de|y)?[ \t]*[a-zà-ÿ'’-]+){1,3})"
)
_AFTER_NAME = re.compile(r"(?i)\s*(?:,|\(|age\b|aged\b|\d|is\s+a\b|dob\b|who\b|y/?o\b|-year|was\b)")
_PLACE_CUE = re.compile(
    r"(?i)(?<![\w])(?:lives|living|lived|resides|residing|staying|moved|transferred|from|in|at|near|"
    r"to|vive|en)[ \t]+(?P<p>[a-zà-ÿ'’.-]+(?:[ \t]+[a-zà-ÿ'’.-]+){0,2})"
)
_NOT_NAME = frozenset(
    [
        "will",
        "may",
        "can",
        "should",
        "would",
        "could",
        "does",
        "did",
        "has",
        "had",
        "is",
        "was",
        "says",
        "said",
        "denies",
        "reports",
        "states",
        "takes",
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "to",
        "of",
        "in",
        "at",
        "on",
        "for",
        "with",
        "is",
        "was",
        "has",
        "not",
        "no",
        "yes",
        "age",
        "aged",
        "year",
        "years",
        "old",
        "yo",
        "who",
        "here",
        "de",
        "del",
        "la",
        "los",
        "las",
        "el",
        "y",
    ]
)
_RURAL = re.compile(
    r"(?i)(?<![\w])(?:"
    r"(?:rr|rural\s+route|hc|star\s+route|psc|cmr)[ \t]*\d{1,4}[ \t]*,?[ \t]*box[ \t]*#?[ \t]*\d{1,5}[a-z]?"
    r"|[nsew]?\d{1,4}[a-z]?[ \t]+(?:bia|ir|indian|navajo|tribal|county|forest)[ \t]+(?:route|rte|road|rd|hwy)[ \t]*#?[ \t]*\d{1,4}[a-z]?"
    r"|(?-i:CR|Co\.?\s*Rd\.?|County\s+Road|BIA|IR|N)[ \t-]?\d{2,4}[A-Z]?(?![\w.])"
    r"|(?-i:NM|US|AZ|CO|UT|TX|SR|Hwy|Highway)[ \t-]?\d{1,3}[ \t,]+(?:near[ \t]+)?(?:mile|mm|mile\s+marker)[ \t]*\d{1,3}(?:\.\d)?"
    r")(?:,[ \t]*(?-i:[A-Z][\w'-]*(?:[ \t][A-Z][\w'-]*)?),?[ \t]+(?-i:[A-Z]{2})(?:[ \t]+\d{5})?)?"
)
_TABLE_SEP = re.compile(r"\s*[,|\t]\s*")
_HEADER_LABEL = [
    (re.compile(r"(?i)photo|image|img|picture|file"), "PHOTO"),
    (re.compile(r"(?i)serial|device|udi|imei"), "DEVICE"),
    (re.compile(r"(?i)plate|vin|vehicle"), "VEHICLE"),
    (re.compile(r"(?i)licen|dl\b|npi|dea"), "LICENSE"),
    (re.compile(r"(?i)member|policy|medicaid|medicare|mbi|plan|insur|subscriber"), "HEALTH_PLAN"),
    (re.compile(r"(?i)mrn|chart"), "MRN"),
    (re.compile(r"(?i)account|acct|claim"), "ACCOUNT"),
    (re.compile(r"(?i)dob|birth|date"), "DATE"),
    (re.compile(r"(?i)^(?:pt[ _]?)?age$|edad"), "AGE"),
    (re.compile(r"(?i)zip|postal"), "ZIP"),
    (re.compile(r"(?i)name|nombre|patient|pt$|provider|pcp|contact"), "NAME"),
    (re.compile(r"(?i)address|city|county|town|facility|community|chapter"), "GEOGRAPHIC"),
    (re.compile(r"(?i)phone|tel|cell"), "PHONE"),
    (re.compile(r"(?i)e-?mail"), "EMAIL"),
]


@functools.lru_cache(maxsize=1)
def _facility_re() -> re.Pattern:
    raw = resources.files("allteach.phi").joinpath("data/facilities.txt").read_text("utf-8")
    names = {key(x.strip()) for x in raw.splitlines() if x.strip() and not x.startswith("#")}
    alt = "|".join(
        r"[ \t]+".join(re.escape(w) for w in n.split())
        for n in sorted(names, key=len, reverse=True)
    )
    return re.compile(rf"(?i)(?<![\w])(?:{alt})(?![\w])")


@functools.lru_cache(maxsize=1)
def _facility_heads() -> tuple[str, ...] | None:
    """First words of the facility names (every match starts with one); None if one is not
    plain lower-case ASCII (then ``find`` could miss a case-insensitive match)."""
    rx = _facility_re()
    heads = gate.prefixes(rx)
    if not heads or not all(h.isascii() and h == h.lower() for h in heads):
        return None
    return tuple(sorted(heads))


@functools.lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    folded = key(c)
    return folded if len(folded) == 1 else c


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(m: re.Match) -> str:
    return "".join(map(_fold_char, m.group()))


def _fold(text: str) -> str:
    """Accents removed character by character, so offsets stay the same."""
    if text.isascii():
        return text.lower()  # key() of an ASCII character is its lower case
    # bytes.lower() lowers ASCII letters only; every other character keeps its own fold.
    return _NON_ASCII.sub(_fold_run, text.encode("utf-8").lower().decode("utf-8"))


@functools.lru_cache(maxsize=4096)
def _re_fold_char(c: str) -> str:
    """The ASCII letter ``c`` matches case-insensitively in ``re`` (k for the Kelvin sign), or
    ``c`` itself."""
    for a, regex in _ASCII_LETTERS:
        if regex.fullmatch(c):
            return a
    return c


_ASCII_LETTERS = [(a, re.compile("(?i)" + a)) for a in "abcdefghijklmnopqrstuvwxyz"]


def _re_fold_run(m: re.Match) -> str:
    return "".join(map(_re_fold_char, m.group()))


def _facilities(folded: str) -> Iterator[re.Match]:
    """``_facility_re().finditer(folded)``, tried only where a name's first word begins."""
    rx, heads = _facility_re(), _facility_heads()
    if len(folded) < 256 or heads is None:
        return rx.finditer(folded)
    # ``folded`` has no upper-case ASCII letters; map the other characters a letter of a name
    # matches in ``re`` (Kelvin sign, long s, dotless i) to it, so ``find`` sees every match.
    look = folded if folded.isascii() else _NON_ASCII.sub(_re_fold_run, folded)
    starts: set[int] = set()
    for h in heads:
        pos = look.find(h)
        while pos != -1:
            starts.add(pos)
            pos = look.find(h, pos + 1)
    return _matches_at(rx, folded, sorted(starts))


def _matches_at(rx: re.Pattern, text: str, starts: list[int]) -> Iterator[re.Match]:
    """What ``rx.finditer(text)`` gives when every match begins at one of ``starts`` (sorted)."""
    end = 0
    for pos in starts:
        if pos < end:
            continue
        m = rx.match(text, pos)
        if m:
            end = m.end()
            yield m


def _value_hit(label: str, s: int, value: str, reason: str) -> Iterator[Hit]:
    v = value.rstrip(" .,")
    if not v or _EMPTY.match(v):
        return
    e = s + len(v)
    if label == "AGE":
        if v.isdigit() and int(v) > 89:
            yield s, e, "DATE", 0.85, f"age over 89 in {reason}"
        return
    if label == "NAME":
        tm = _TITLE_STRIP.match(v)
        if tm:
            s += tm.end()
            v = v[tm.end() :]
        if not re.fullmatch(r"[^\W\d_][\w'’.,\" -]*", v) or len(v) < 2:
            return
        words = [key(w) for w in re.findall(r"[^\W\d_]+", v)]
        if all(w in lexicon.clinical() and w not in lexicon.first_names() for w in words):
            return
        yield s, e, "NAME", 0.8, f"value of a name {reason}"
    elif label == "GEOGRAPHIC":
        if re.fullmatch(r"[\d\s.,-]*", v) or all(
            key(w) in lexicon.clinical() for w in re.findall(r"[^\W\d_]+", v)
        ):
            return
        yield s, e, "GEOGRAPHIC", 0.8, f"value of a place {reason}"
    elif label == "DATE":
        if re.search(r"\d", v):
            yield s, e, "DATE", 0.8, f"value of a date {reason}"
    elif label == "ZIP":
        if re.fullmatch(r"\d{5}(?:-\d{4})?", v):
            yield s, e, "GEOGRAPHIC", 0.85, f"ZIP in {reason}"
    elif label == "PHOTO":
        if re.search(r"\.\w{3,4}$", v):
            yield s, e, "PHOTO", 0.85, f"file in {reason}"
    elif label in {"PHONE", "EMAIL"}:
        return  # shapes are found by formats
    elif ids.id_like(v) and " " not in v.strip():
        yield s, e, label, 0.8, f"ID in {reason}"


def _fields(text: str) -> Iterator[Hit]:
    for m in _FIELD.finditer(text):
        f = key(m.group("f")).replace(" ", "_").split("_")[0]
        label = _FIELD_LABEL.get(f, _FIELD_LABEL.get(key(m.group("f")).replace("ó", "o")))
        if label:
            yield from _value_hit(label, m.start("v"), m.group("v"), "form field")


def _tables(text: str) -> Iterator[Hit]:
    lines = text.split("\n")
    offs, pos = [], 0
    for ln in lines:
        offs.append(pos)
        pos += len(ln) + 1
    i = 0
    while i < len(lines):
        cells = _TABLE_SEP.split(lines[i].strip().strip("|"))
        if len(cells) >= 3 and all(re.fullmatch(r"[A-Za-z][\w /#.-]{0,30}", c) for c in cells):
            labels = []
            for c in cells:
                labels.append(next((lab for rx, lab in _HEADER_LABEL if rx.search(c)), None))
            if sum(lab is not None for lab in labels) >= 2:
                j = i + 1
                while j < len(lines) and lines[j].strip():
                    row = lines[j]
                    if re.fullmatch(r"[\s|:-]+", row):
                        j += 1
                        continue
                    for cm in re.finditer(r"[^,|\t]+", row):
                        col = len(_TABLE_SEP.findall(row[: cm.start()]))
                        if col < len(labels) and labels[col]:
                            v = cm.group()
                            lead = len(v) - len(v.lstrip())
                            yield from _value_hit(
                                labels[col], offs[j] + cm.start() + lead, v.strip(), "table column"
                            )
                    j += 1
                i = j
                continue
        i += 1


def _listed_name(words: list[str]) -> bool:
    first, sur = lexicon.first_names(), lexicon.surnames()
    ks = [key(w) for w in words if key(w) not in {"de", "del", "la", "los", "y"}]
    if any(k in _NOT_NAME for k in ks):
        return False
    return bool(ks) and ks[0] in first and all(k in first or k in sur for k in ks[1:])


def _lower_names(text: str) -> Iterator[Hit]:
    eng = lexicon.english()
    for m in _LOWER_TITLE.finditer(text):
        words = m.group("n").split()
        keep = []
        for w in words:
            k = key(w)
            if k in _NOT_NAME or not (k in lexicon.first_names() or k in lexicon.surnames()):
                break
            keep.append(w)
        if keep:
            s = m.start("n")
            e = (
                s + len(" ".join(keep))
                if len(keep) == len(words)
                else text.find(keep[-1], s) + len(keep[-1])
            )
            yield s, e, "NAME", 0.75, "lower-case name after a title"
    for m in _PT_LOWER.finditer(text):
        words = re.findall(r"[^\W\d_][\w'’-]*", m.group("n"))
        while len(words) >= 2:
            if key(words[0]) not in _NOT_NAME and _listed_name(words):
                break
            words = words[:-1]
        if len(words) < 2:
            continue
        s = m.start("n")
        e = text.find(words[-1], s + len(" ".join(words[:-1]))) + len(words[-1])
        common = sum(key(w) in eng for w in words)
        if common == len(words) and not _AFTER_NAME.match(text, e):
            continue
        yield s, e, "NAME", 0.7, "lower-case first name and surname after 'pt'"


@functools.lru_cache(maxsize=1)
def _place_heads() -> frozenset[str]:
    """Every place name and every run of its words up to a space: what a place's first word
    keyed (alone, or followed by a space) must be."""
    out: set[str] = set()
    for p in lexicon.places():
        out.add(p)
        at = p.find(" ")
        while at != -1:
            out.add(p[:at])
            at = p.find(" ", at + 1)
    return frozenset(out)


def _lower_places(text: str) -> Iterator[Hit]:
    places = lexicon.places()
    heads = _place_heads()
    eng = lexicon.english()
    for m in _PLACE_CUE.finditer(text):
        words = m.group("p").split()
        # Each key tried below starts with key(words[0]) and a space, or is key(words[0])
        # stripped of ".,"; no place starts that way: nothing to find.
        if key(words[0]) not in heads and key(words[0].rstrip(".,")) not in heads:
            continue
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n]).rstrip(".,")
            k = " ".join(key(w) for w in cand.split())
            if k in places and (n > 1 or k not in eng):
                s = m.start("p")
                yield s, s + len(cand), "GEOGRAPHIC", 0.7, "place after 'in'/'from' (any case)"
                break


_PHOTO_QUOTED = re.compile(
    r"(?i)[\"'\u201c\u2018](?P<f>[^\"'\u201d\u2019\n]{1,80}?\.(?:jpe?g|png|heic|heif|gif|bmp|tiff?|webp|dcm|"
    r"dicom|raw|mp4|mov|avi))[\"'\u201d\u2019]"
)
_PHOTO_APP = re.compile(
    r"(?<![\w])(?:IMG|DSC|DSCN|PXL|MVIMG|VID|DCIM)_\d{3,}(?:_\d+)*(?:\.\w{3,4})?(?![\w])|"
    r"(?<![\w])(?i:whatsapp\s+(?:image|video)|screenshot|screen\s+shot|photo|pxl|img|dsc|mvimg|vid)"
    r"[ _-]\d{4}[-_.]?\d{2}[-_.]?\d{2}(?:[ _-](?:at[ _])?\d{1,2}[.:_]\d{2}(?:[.:_]\d{2})?(?:[ _]?[ap]m)?)?"
    r"(?:\s*\(\d+\))?(?:\.(?:jpe?g|png|heic|heif|mp4|mov|gif|webp))?"
)
_PHOTO_FACE = re.compile(
    r"(?i)(?<![\w])(?:(?:video[ -]?call|facetime|zoom|webcam|video[ -]?visit)\s+(?:screenshots?|screen\s?shots?|"
    r"screen\s+captures?|stills?|photos?|pictures?|snapshots?)|profile\s+(?:picture|pic|photo)|head\s?shots?|"
    r"full[- ]face\s+(?:photo(?:graph)?|picture|image)s?|"
    r"(?:photo(?:graph)?|picture|pic|selfie|image|snapshot|video|close[- ]?up|closeup|shot)s?\s+(?:of|showing)\s+"
    r"(?:(?:his|her|their|the\s+(?:pt|patient|child|baby)['\u2019]?s?|pt['\u2019]?s?|mom['\u2019]s|dad['\u2019]s)\s+)?face)"
)
_USERNAME = re.compile(
    r"(?i)(?<![\w])(?:(?:user\s?name|user\s+id|screen\s?name|gamertag)\s*(?:is|:|=|-)?\s*[\"'\u201c@]?|"
    r"(?:handle|login|snap(?:chat)?|instagram|ig|tiktok|facebook|fb)\s*(?:is\s+|:\s*|=\s*)[\"'\u201c@]?|"
    r"(?:handle|login|snap(?:chat)?|instagram|ig|tiktok|facebook|fb)\s+[\"'\u201c@])(?P<u>(?=[\w.-]*[\d_])[A-Za-z][\w.-]{2,29})"
)
_NATO = (
    r"alpha|alfa|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliet|juliett|kilo|lima|mike|"
    r"november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiskey|x-?ray|yankee|zulu|"
    r"zero|oh|one|two|three|four|five|six|seven|eight|nine"
)
_SPOKEN_PLATE = re.compile(
    rf"(?i)(?:plate|tag|plates|licen[cs]e)\s*(?:number|no\.?|#)?\s*(?:is|reads|:)?\s*"
    rf"(?P<p>(?:{_NATO})(?:[\s,-]+(?:{_NATO})){{3,9}})(?![\w])"
)
_AGE_IS = re.compile(
    r"(?i)(?<![\w])(?:pt|patient|he|she|they|mom|dad|grandma|grandpa|who)\s+(?:is|was|'s|\u2019s|turned|turns|"
    r"will\s+be|just\s+turned|is\s+now)\s+(?P<a>9\d|1[0-2]\d)(?![\d.,%/]|\s*(?:%|mg|mcg|kg|lbs?|pounds|bpm|"
    r"beats|percent|mmhg|/|days?|d\b|weeks?|wks?|months?|mo\b|hours?|hrs?|min|th\b|percentile|units?|"
    r"points?|cm|in\b|inches|minutes?|seconds?|steps|feet|ft\b|miles?))"
)
_DIRECTION_OF = re.compile(
    r"(?i)(?<![\w.])\d{1,3}(?:\.\d)?\s*(?:mi|miles?|km)\.?\s+(?:[nsew]|[ns][ew]|north|south|east|west|"
    r"northeast|northwest|southeast|southwest)\s+of\s+(?-i:[A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?)"
    r"(?:\s+(?:on|off|along)\s+(?:(?-i:[A-Z][\w-]*)\s+){0,2}(?i:rte|route|rd|road|hwy|highway|cr)\.?\s*\d{1,4})?"
)
_CAPS_LAST_FIRST = re.compile(
    r"(?<![\w])(?P<l>[A-Z][A-Z'\u2019-]{1,})[ \t]*,[ \t]*(?P<f>[A-Z][A-Z'\u2019-]{1,})(?:[ \t]+[A-Z]\.?(?![\w]))?"
)
_CAPS_FULL = re.compile(
    r"(?<![\w])(?P<f>[A-Z]{2,}(?:-[A-Z]{2,})?)(?:[ \t]+[A-Z]\.?)?[ \t]+(?P<l>[A-Z]{2,}(?:-[A-Z]{2,})?)(?![\w])"
)


def _misc(text: str) -> Iterator[Hit]:
    for m in _PHOTO_QUOTED.finditer(text):
        yield m.start("f"), m.end("f"), "PHOTO", 0.85, "quoted image file name"
    for m in _PHOTO_APP.finditer(text):
        yield m.start(), m.end(), "PHOTO", 0.8, "camera or app image name"
    for m in _PHOTO_FACE.finditer(text):
        s, e = m.span()
        if text[max(0, s - 2) : s].lower() == "a ":
            s -= 2
        tail = _FACE_TAIL.match(text, e)
        yield s, tail.end() if tail else e, "PHOTO", 0.8, "reference to a face image"
    for m in _USERNAME.finditer(text):
        yield m.start("u"), m.end("u"), "OTHER_ID", 0.75, "user name / handle"
    for m in _SPOKEN_PLATE.finditer(text):
        yield m.start("p"), m.end("p"), "VEHICLE", 0.8, "plate spelled out in words"
    for m in _AGE_IS.finditer(text):
        yield m.start("a"), m.end("a"), "DATE", 0.7, "age over 89"
    for m in _DIRECTION_OF.finditer(text):
        yield m.start(), m.end(), "GEOGRAPHIC", 0.8, "distance and direction from a place"
    first, sur, clin = lexicon.first_names(), lexicon.surnames(), lexicon.clinical()
    for rx in (_CAPS_LAST_FIRST, _CAPS_FULL):
        for m in rx.finditer(text):
            f, last = key(m.group("f")), key(m.group("l"))
            eng = lexicon.english()
            if (
                f in first
                and (last in sur or (rx is _CAPS_FULL and last not in eng and len(last) >= 4))
                and f not in clin
                and last not in clin
            ):
                if rx is _CAPS_FULL and len(text) > 40 and text[:200].isupper():
                    continue  # an all-caps note: too many plain words
                yield m.start(), m.end(), "NAME", 0.75, "upper-case listed first name and surname"


_FACE_TAIL = re.compile(r"(?i)\s+(?:showing|with)\s+(?:the\s+|his\s+|her\s+|a\s+)?[a-z]+\b")
# Mobile-home and trailer parks with or without the lot: "space 14, desert rose mhp, bloomfield".
_PARK = re.compile(
    r"(?i)(?:\b(?:space|spc|lot|site|unit|trailer|pad)\s*#?\s*\d{1,4}[a-z]?\s*,?\s+(?:(?:at|in)\s+)?(?:the\s+)?)?"
    r"(?P<name>\b[a-z][\w'\u2019-]*(?:\s+[a-z][\w'\u2019-]*){0,2})\s+"
    r"(?:mhp|mobile\s+home\s+(?:park|community|estates)|trailer\s+(?:park|court)|rv\s+park)\b"
    r"(?:,\s+(?P<town>[a-z][\w'\u2019-]*(?:\s+[a-z][\w'\u2019-]*)?)(?=\s*(?:[.,;:\n]|$)))?"
)


_PARK_HEAD = re.compile(r"(?i)\b(?:mhp|mobile\s+home|trailer\s+(?:park|court)|rv\s+park)\b")
_PARK_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "our",
        "my",
        "at",
        "in",
        "to",
        "of",
        "from",
        "by",
        "near",
        "lives",
        "live",
        "living",
        "lived",
        "stays",
        "is",
        "was",
        "and",
        "or",
        "same",
        "old",
        "new",
        "local",
        "nearby",
    ]
)


def _parks(text: str) -> Iterator[Hit]:
    if not _PARK_HEAD.search(text):
        return
    places = lexicon.places()
    for m in _PARK.finditer(text):
        words = m.group("name").split()
        lead = 0
        while lead < len(words) and words[lead].lower() in _PARK_STOP:
            lead += 1
        if lead == len(words):
            continue  # "lives in the trailer park": no park name
        s = m.start()
        if lead and s == m.start("name"):
            s = m.start("name") + m.group("name").index(words[lead])
        e = m.end()
        if m.group("town") and lexicon.key(m.group("town")) not in places:
            e = m.start("town") - 2
        yield s, e, "GEOGRAPHIC", 0.85, "mobile-home or trailer park"


def detect(text: str) -> list[Hit]:
    hits: list[Hit] = []
    hits.extend(_parks(text))
    hits.extend(_misc(text))
    hits.extend(_fields(text))
    hits.extend(_tables(text))
    hits.extend(_lower_names(text))
    hits.extend(_lower_places(text))
    folded = _fold(text)
    for m in _facilities(folded):
        hits.append((m.start(), m.end(), "GEOGRAPHIC", 0.8, "known facility name"))
    for m in _RURAL.finditer(text):
        hits.append((m.start(), m.end(), "GEOGRAPHIC", 0.85, "rural address or road location"))
    return hits


# Where the slowest patterns can start (see gate.Anchored; tested against plain finditer in
# tests/phi/test_phi_speed_forms_anchors.py). A field label begins a word (after a line start,
# a space or |;,) with one of the label's first letters.
_FIELD = gate.at_words(_FIELD, gate.prefixes(re.compile("(?im)" + _FIELD_BODY)))


def _whole_words(pattern: re.Pattern) -> frozenset[str]:
    """The cue words a pattern starts with, as whole words (each needs a space right after)."""
    heads = gate.word_heads(pattern)
    if heads is None or not all(h.isalpha() for h in heads):
        raise ValueError(f"{pattern.pattern[:60]!r} does not start with a cue word")
    return frozenset(h + " " for h in heads)


# "in chimayó", "pt is 93": the cue word, then whitespace.
_PLACE_CUE = gate.at_words(_PLACE_CUE, _whole_words(_PLACE_CUE))
_AGE_IS = gate.at_words(_AGE_IS, _whole_words(_AGE_IS))
# Upper-case names start an upper-case run of two letters (not after a word character, so no
# earlier run of the finder covers it); distances start a run of digits.
_UPPER_PAIR = re.compile(r"[A-Z][A-Z'\u2019-]")
_DIGITS = re.compile(r"\d+")
_CAPS_LAST_FIRST = gate.Anchored(_CAPS_LAST_FIRST, lambda t: gate.match_starts(_UPPER_PAIR, t))
_CAPS_FULL = gate.Anchored(_CAPS_FULL, lambda t: gate.match_starts(_UPPER_PAIR, t))
_DIRECTION_OF = gate.Anchored(_DIRECTION_OF, lambda t: gate.match_starts(_DIGITS, t))


# A park match runs from a word start (its lot word or its name) over word characters, blanks,
# "#", "," and apostrophes or hyphens to a park word ("mhp", "mobile home ...", "trailer
# park", "rv park") after a blank. So it starts at a word start in the run of such characters
# that ends at a word beginning "mhp", "mobile", "trailer" or "rv".
_PARK_WORDS = frozenset(["mhp", "mobile", "trailer", "rv"])
_PARK_RUN_BACK = re.compile(r"[\w\s#,'\u2019-]*")  # read right to left
_WORD_START = re.compile(r"\b\w")


def _park_starts(text: str) -> list[int]:
    out: list[int] = []
    for at in gate.word_head_starts(text, _PARK_WORDS):
        lo = gate.run_start(text, at, _PARK_RUN_BACK)
        out.extend(m.start() for m in _WORD_START.finditer(text, lo, at + 1))
    return out


# A rural address starts (not after a word character) with a cue word: "RR", "Star Route" ...
# (any case), "CR", "Co", "BIA", "US", "Hwy" ... (capitalised), or "N" and digits ("N 1234"),
# or with a number, maybe after n/s/e/w, then blanks and "BIA", "Navajo", "County" ... ("N12
# BIA Rte 9"): that number is found by reading back from the word.
_RURAL_ANY_CASE = frozenset(["rr", "rural", "hc", "star", "psc", "cmr"])
_RURAL_CAPITAL = frozenset(
    ["cr", "co", "bia", "ir", "nm", "us", "az", "ut", "tx", "sr", "hwy", "highway"]
)
_RURAL_ROAD_OWNER = frozenset(["bia", "ir", "indian", "navajo", "tribal", "county", "forest"])
_RURAL_N = re.compile(r"N[ \t-]?\d")
_RURAL_NUMBER_BACK = re.compile(r"[ \t]+[^\W\d_]?\d+")  # read right to left


def _rural_starts(text: str) -> list[int]:
    out = list(gate.word_head_starts(text, _RURAL_ANY_CASE))
    out.extend(p for p in gate.word_head_starts(text, _RURAL_CAPITAL) if text[p] in "CBINUATSH")
    out.extend(m.start() for m in _RURAL_N.finditer(text))
    for at in gate.word_head_starts(text, _RURAL_ROAD_OWNER):
        p = gate.run_start(text, at, _RURAL_NUMBER_BACK)
        if p < at:  # the number's first digit (a longer run cannot match), or n/s/e/w before it
            out.append(p)
            if p:
                out.append(p - 1)
    return out


_PARK = gate.Anchored(_PARK, _park_starts)
_RURAL = gate.Anchored(_RURAL, _rural_starts)

gate.install(globals())
