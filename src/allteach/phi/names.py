"""Names of people and employers, and places smaller than a state, from word lists and context."""

import re
from collections import namedtuple

from . import gate, lexicon
from .lexicon import key

Hit = tuple[int, int, str, float, str]

_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")

TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "doctor",
        "prof",
        "professor",
        "sr",
        "sra",
        "srta",
        "rev",
        "mister",
        "madam",
        "señor",
        "señora",
        "senor",
        "senora",
        "nurse",
        "np",
        "rn",
        "pa",
        "fnp",
        "lpn",
        "chw",
        "pharmacist",
        "don",
        "doña",
        "dona",
    ]
)
RELATIONS = frozenset(
    [
        "daughter",
        "son",
        "wife",
        "husband",
        "mother",
        "father",
        "mom",
        "dad",
        "mama",
        "papa",
        "sister",
        "brother",
        "grandmother",
        "grandfather",
        "grandma",
        "grandpa",
        "granddaughter",
        "grandson",
        "aunt",
        "uncle",
        "niece",
        "nephew",
        "cousin",
        "spouse",
        "partner",
        "boyfriend",
        "girlfriend",
        "fiance",
        "fiancé",
        "fiancee",
        "caregiver",
        "guardian",
        "friend",
        "neighbor",
        "neighbour",
        "roommate",
        "stepson",
        "stepdaughter",
        "stepfather",
        "stepmother",
        "stepmom",
        "stepdad",
        "godmother",
        "godfather",
        "baby",
        "infant",
        "twin",
        "child",
        "kid",
        "patient",
        "pt",
        "client",
        "named",
        "name",
        "called",
        "aka",
        "nicknamed",
        "goes",
        "signed",
        "dictated",
        "attending",
        "cc",
        "resident",
        "member",
        "worker",
        "manager",
        "supervisor",
        "boss",
        "coworker",
        "co-worker",
        "interpreter",
        "advocate",
        "sponsor",
        "prescriber",
        "clinician",
        "provider",
        "presenter",
        "pcp",
        "contact",
    ]
)
_ROLE_TITLES = frozenset({"nurse", "np", "rn", "pa", "fnp", "lpn", "chw", "pharmacist", "doctor"})
CREDENTIALS = frozenset(
    [
        "md",
        "do",
        "rn",
        "np",
        "pa",
        "pa-c",
        "fnp",
        "dnp",
        "pharmd",
        "rph",
        "lpn",
        "cnm",
        "msw",
        "lcsw",
        "lpcc",
        "phd",
        "chw",
        "aprn",
        "crna",
        "dds",
        "dmd",
        "od",
        "mph",
    ]
)
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "after",
        "before",
        "is",
        "was",
        "were",
        "be",
        "been",
        "being",
        "are",
        "am",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "hers",
        "its",
        "their",
        "them",
        "him",
        "me",
        "my",
        "our",
        "your",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "not",
        "no",
        "yes",
        "all",
        "any",
        "some",
        "each",
        "every",
        "both",
        "either",
        "neither",
        "other",
        "another",
        "such",
        "than",
        "then",
        "also",
        "just",
        "only",
        "very",
        "so",
        "too",
        "as",
        "if",
        "because",
        "while",
        "until",
        "per",
        "via",
        "vs",
        "re",
        "mr",
        "mrs",
        "ms",
        "dr",
        "pt",
        "patient",
        "hx",
        "dx",
        "tx",
        "rx",
        "sx",
        "fx",
        "s/p",
        "w/",
        "h/o",
        "c/o",
        "today",
        "tomorrow",
        "yesterday",
        "now",
        "later",
        "please",
        "thanks",
        "thank",
        "hi",
        "hello",
        "dear",
        "regards",
        "sincerely",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
EPONYM_HEADS = frozenset(
    [
        "disease",
        "diseases",
        "syndrome",
        "syndromes",
        "sign",
        "signs",
        "test",
        "tests",
        "criteria",
        "score",
        "scale",
        "scales",
        "fracture",
        "cyst",
        "palsy",
        "phenomenon",
        "procedure",
        "maneuver",
        "manoeuvre",
        "reflex",
        "triad",
        "law",
        "classification",
        "stain",
        "catheter",
        "tube",
        "body",
        "bodies",
        "disorder",
        "tumor",
        "tumour",
        "lymphoma",
        "sarcoma",
        "thyroiditis",
        "paralysis",
        "dementia",
        "ulcer",
        "node",
        "nodes",
        "cell",
        "cells",
        "index",
        "equation",
        "formula",
        "staging",
        "stage",
        "grade",
        "type",
        "questionnaire",
        "inventory",
        "method",
        "position",
        "operation",
        "incision",
        "repair",
        "block",
        "point",
        "points",
        "stockings",
    ]
)
FACILITY_HEADS = (
    "hospital",
    "medical center",
    "medical centre",
    "health center",
    "health centre",
    "healthcare center",
    "health care center",
    "healthcare facility",
    "health care facility",
    "healthcare",
    "clinic",
    "clínica",
    "clinica",
    "service unit",
    "health system",
    "nursing home",
    "care center",
    "rehabilitation center",
    "rehab center",
    "treatment center",
    "recovery center",
    "hospice",
    "pharmacy",
    "school",
    "elementary",
    "elementary school",
    "middle school",
    "high school",
    "academy",
    "college",
    "university",
    "dialysis center",
    "urgent care",
    "senior center",
    "chapter",
    "chapter house",
    "trading post",
    "correctional facility",
    "detention center",
    "jail",
    "shelter",
    "church",
    "mission",
    "head start",
    "daycare",
    "casino",
    "mine",
    "county",
    "pueblo",
    "reservation",
    "township",
    "parish",
    "borough",
    "village",
    "apartments",
    "mobile home park",
    "trailer park",
    "health care",
    "health services",
    "chapel",
    "cathedral",
    "temple",
    "mosque",
    "synagogue",
    "center",
    "centre",
    "high",
    "middle",
    "labs",
    "laboratories",
    "ihs",
    "indian health service",
    "prison",
    "penitentiary",
    "detention facility",
    "group home",
    "assisted living",
    "library",
)
# Heads that are ordinary words too: the words before them must look like a proper name.
_WEAK_HEADS = frozenset({"center", "centre", "high", "middle", "labs", "laboratories"})
_FACILITY_KEYS = {tuple(h.split()) for h in FACILITY_HEADS}
_FACILITY_MAXLEN = max(len(k) for k in _FACILITY_KEYS)
# A head can only start at a token whose key starts some head: most tokens are skipped at once.
_FACILITY_FIRST = frozenset(k[0] for k in _FACILITY_KEYS)
GENERIC = frozenset(
    [
        "the",
        "a",
        "an",
        "our",
        "their",
        "his",
        "her",
        "this",
        "that",
        "local",
        "nearby",
        "rural",
        "county",
        "public",
        "general",
        "community",
        "regional",
        "memorial",
        "primary",
        "care",
        "family",
        "medicine",
        "internal",
        "pediatric",
        "pediatrics",
        "peds",
        "women's",
        "womens",
        "men's",
        "diabetes",
        "pain",
        "cardiology",
        "rheumatology",
        "hepatology",
        "hepatitis",
        "liver",
        "kidney",
        "renal",
        "dialysis",
        "endocrine",
        "endocrinology",
        "ob",
        "obgyn",
        "gyn",
        "dental",
        "eye",
        "vision",
        "wound",
        "behavioral",
        "mental",
        "health",
        "specialty",
        "hiv",
        "id",
        "infectious",
        "methadone",
        "suboxone",
        "prenatal",
        "urgent",
        "walk-in",
        "same-day",
        "student",
        "employee",
        "staff",
        "main",
        "new",
        "old",
        "first",
        "second",
        "third",
        "big",
        "small",
        "high",
        "middle",
        "elementary",
        "charter",
        "private",
        "catholic",
        "christian",
        "state",
        "federal",
        "tribal",
        "indian",
        "native",
        "nursing",
        "skilled",
        "psychiatric",
        "addiction",
        "recovery",
        "treatment",
        "sleep",
        "heart",
        "cancer",
        "oncology",
        "surgery",
        "surgical",
        "orthopedic",
        "orthopaedic",
        "neurology",
        "pulmonary",
        "lung",
        "podiatry",
        "foot",
        "asthma",
        "allergy",
        "travel",
        "vaccine",
        "immunization",
        "covid",
        "flu",
        "lab",
        "laboratory",
        "imaging",
        "radiology",
        "x-ray",
        "mri",
        "ct",
        "ed",
        "er",
        "icu",
        "emergency",
        "inpatient",
        "outpatient",
        "hub",
        "spoke",
        "echo",
        "telehealth",
        "satellite",
        "mobile",
        "home",
        "residential",
        "day",
        "night",
        "weekend",
        "free",
        "sliding-scale",
    ]
)
PLACE_CUES_STRONG = (
    ("lives", "in"),
    ("living", "in"),
    ("lives", "near"),
    ("lives", "outside"),
    ("lives", "outside", "of"),
    ("lives", "on"),
    ("resides", "in"),
    ("residing", "in"),
    ("resident", "of"),
    ("moved", "to"),
    ("moved", "from"),
    ("relocated", "to"),
    ("born", "in"),
    ("grew", "up", "in"),
    ("is", "from"),
    ("originally", "from"),
    ("comes", "from"),
    ("home", "in"),
    ("house", "in"),
    ("hometown", "of"),
    ("hometown",),
    ("lives", "at"),
    ("stays", "in"),
    ("staying", "in"),
    ("travels", "from"),
    ("drives", "from"),
    ("commutes", "from"),
    ("drives", "to"),
    ("drove", "to"),
    ("travels", "to"),
    ("traveled", "to"),
    ("went", "to"),
)
PLACE_CUES_FACILITY = (
    ("seen", "at"),
    ("admitted", "to"),
    ("admitted", "at"),
    ("transferred", "to"),
    ("transferred", "from"),
    ("followed", "at"),
    ("presented", "to"),
    ("discharged", "from"),
    ("treated", "at"),
    ("hospitalized", "at"),
    ("attends",),
    ("student", "at"),
    ("goes", "to"),
    ("incarcerated", "at"),
    ("released", "from"),
    ("delivered", "at"),
)
_CUE_BY_LAST: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _kind, _cues in (("strong", PLACE_CUES_STRONG), ("facility", PLACE_CUES_FACILITY)):
    for _cue in _cues:
        _CUE_BY_LAST.setdefault(_cue[-1], []).append((_kind, _cue))
PLACE_CUES_WEAK = frozenset(["in", "near", "at", "from", "outside", "around"])
# Last words of every place cue: ``_cued_places`` looks only at the tokens after these.
_PLACE_CUE_LAST = frozenset(_CUE_BY_LAST) | PLACE_CUES_WEAK
EMPLOYER_VERBS = frozenset(
    [
        "works",
        "worked",
        "working",
        "employed",
        "employment",
        "job",
        "employer",
        "employee",
        "hired",
        "clerk",
        "cashier",
        "miner",
        "driver",
    ]
)
_EMPLOYER_PREPS = frozenset({"at", "for", "by", "with"})
_CONNECTORS = frozenset(
    {"of", "de", "del", "la", "los", "las", "el", "the", "and", "&", "y", "du", "van", "der", "da"}
)
_DRUG_SUFFIX = re.compile(
    r"(?:pril|sartan|olol|statin|azole|mab|nib|cillin|mycin|floxacin|tidine|prazole|dipine|gliptin|"
    r"gliflozin|glutide|parin|xaban|triptan|setron|lukast|caine|vir|previr|asvir|buvir|azepam|zolam|"
    r"oxetine|afil|dronate|terol|sone|olone|tide|zumab|ximab|umab|cycline|conazole|thiazide|semide|"
    r"pine|done|pam|lol|zine|mide|tropium|fenac|profen|codone|morphone)$"
)
_KOREAN_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"
)
_HANGUL = re.compile(r"[\uac00-\ud7a3]{2,4}")
_HAN = re.compile(r"[\u4e00-\u9fff]{2,4}(?:\s[\u4e00-\u9fff]{1,3})?")
_OTHER_SCRIPT = re.compile(
    r"[\u0370-\u03ff\u0590-\u05ff\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f\u3040-\u30ff]+"
    r"(?:[ \u200c\u05be-][\u0370-\u03ff\u0590-\u05ff\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f\u3040-\u30ff]+){0,3}"
)
# Every character any of _HANGUL, _HAN or _OTHER_SCRIPT needs at least one of.
_ANY_SCRIPT = re.compile(
    r"[\uac00-\ud7a3\u4e00-\u9fff\u0370-\u03ff\u0590-\u05ff\u0600-\u06ff\u0900-\u097f"
    r"\u0e00-\u0e7f\u3040-\u30ff]"
)
_STATE_WORDS = frozenset(
    [
        "alabama",
        "alaska",
        "arizona",
        "arkansas",
        "california",
        "colorado",
        "connecticut",
        "delaware",
        "florida",
        "georgia",
        "hawaii",
        "idaho",
        "illinois",
        "indiana",
        "iowa",
        "kansas",
        "kentucky",
        "louisiana",
        "maine",
        "maryland",
        "massachusetts",
        "michigan",
        "minnesota",
        "mississippi",
        "missouri",
        "montana",
        "nebraska",
        "nevada",
        "ohio",
        "oklahoma",
        "oregon",
        "pennsylvania",
        "tennessee",
        "texas",
        "utah",
        "vermont",
        "virginia",
        "washington",
        "wisconsin",
        "wyoming",
        "mexico",
    ]
)


_NAME_PARTICLES = frozenset(
    {
        "van",
        "der",
        "den",
        "de",
        "del",
        "la",
        "da",
        "di",
        "von",
        "bin",
        "al",
        "el",
        "le",
        "ni",
        "mac",
    }
)
_HUMAN_AFTER = re.compile(
    r"(?:'s\s+(?:consent|mother|father|wife|husband|daughter|son|dob|mom|dad|family))|"
    r",?\s+(?:is\s+an?\s+)?\d{1,3}\s*(?:-?\s*(?:year|yr|y)[\s-]*(?:old|o\b|/o)|yo\b|y/o|[MF]\b)|"
    r",\s+(?:age|aged)\s+\d|"
    r"\s+\((?:[a-z]+ology|[a-z]+iatry|[a-z]+iatrics|pcp|np|pa|md|rn|do|fnp|pharmacy|family\s+medicine|"
    r"internal\s+medicine|primary\s+care|behavioral\s+health)\)|"
    r"\s+(?:emails?|emailed|calls|called|texts|texted|reports|reported|states|stated|says|said|lives|lived|"
    r"works|worked|is\s+(?:worried|concerned|a\s+\d|an\s+\d)|brings|brought|asks|asked|wants|wanted|agrees|"
    r"agreed|declined|declines|prefers|requested|requests|drives|walks|was\s+(?:seen|admitted)|presents|"
    r"presented|denies|endorses|returned|missed)\b",
    re.IGNORECASE,
)


_FACTS: dict[str, tuple] = {}


def _facts(raw: str, lists: tuple) -> tuple:
    """What the word lists say about one spelling (cached: the same words recur constantly)."""
    first, sur, eng, clin, epo = lists
    k = key(raw)
    fn = k in first
    sn = k in sur
    if not (fn or sn) and "-" in k:
        parts = [p for p in k.split("-") if len(p) > 2]
        fn = any(p in first for p in parts)
        sn = any(p in sur for p in parts)
    en = k in eng
    epo_ = k in epo
    stop = k in STOP or k in TITLES or k in RELATIONS
    is_clin = (
        k in clin
        or k in _STATE_WORDS
        or (len(k) > 5 and bool(_DRUG_SUFFIX.search(k)) and not (fn or sn))
    )
    return k, fn, sn, en, epo_, stop, is_clin


_TOKEN_MEMO: list = []


def token_matches(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, group)`` of every ``_TOKEN`` match in ``text``; the last text's list is
    kept, so the name layers that each tokenise one scan's body share one pass (read-only).
    When ``tokens`` has already scanned ``text`` the matches are read back off its tokens
    (a possessive 's it cut off is the two characters after the token: an uncut token is
    never followed by 's, which ``_TOKEN`` would have taken)."""
    memo = _TOKEN_MEMO
    if memo and memo[0] is text:
        return memo[1]
    toks = _TOKS_MEMO[1] if _TOKS_MEMO and _TOKS_MEMO[0] is text else None
    if toks is not None:
        found = []
        append = found.append
        for t in toks:
            e = t[1]
            tail = text[e : e + 2]
            if tail == "'s" or tail == "\u2019s":
                append((t[0], e + 2, t[2] + tail))
            else:
                append((t[0], e, t[2]))
    else:
        found = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    memo[:] = [text, found]
    return found


_TOK_FIELDS = (
    "start",
    "end",
    "raw",
    "k",
    "cap",
    "fn",
    "sn",
    "en",
    "clin",
    "epo",
    "stop",
    "initial",
    # The name model's view of the same spelling (see ``namemodel``): upper-case first letter,
    # list memberships without the hyphen rule, place words, and its veto.
    "ucap",
    "nfn",
    "nsn",
    "place",
    "veto",
)


class Tok(namedtuple("_TokBase", _TOK_FIELDS)):
    """One word token: a tuple built in one step (``tokens``), fields read by name."""

    __slots__ = ()


_new_tuple = tuple.__new__
_TAILS: dict[str, tuple] = {}
_INITIAL_AT = _TOK_FIELDS.index("initial") - 2  # its place in a tail (start, end left off)


def _tails(raw: str) -> tuple:
    """``(trim, tail for mixed case, tail otherwise, may be an initial)`` for one spelling:
    everything about a token but its offsets (cached: the same words recur constantly)."""
    trim = 0
    if raw[-2:] in ("'s", "\u2019s") and len(raw) > 3:
        raw = raw[:-2]
        trim = 2
    facts = _FACTS.get(raw)
    if facts is None:
        facts = _facts(
            raw,
            (
                lexicon.first_names(),
                lexicon.surnames(),
                lexicon.english(),
                lexicon.clinical(),
                lexicon.eponyms(),
            ),
        )
        if len(_FACTS) < 200_000:
            _FACTS[raw] = facts
    k, fn, sn, en, epo, stop, clin = facts
    from . import namemodel  # late: namemodel imports this module

    nm = namemodel.raw_facts(raw)  # k, ucap, fn, sn, en, place, veto
    c0 = raw[0]
    after = (nm[1], nm[2], nm[3], nm[5], nm[6])
    mixed = (raw, k, c0.isupper() or not c0.islower(), fn, sn, en, clin, epo, stop, False, *after)
    other = (raw, k, True, fn, sn, en, clin, epo, stop, False, *after)
    return trim, mixed, other, len(raw) == 1 and raw.isupper()


def _with_initial(tail: tuple) -> tuple:
    return (*tail[:_INITIAL_AT], True, *tail[_INITIAL_AT + 1 :])


_TOKS_MEMO: list = []
_CARE = object()  # the ``k`` of a stand-in tail: this occurrence is built by ``_tok_slow``


class _PlainTails(dict):
    """Spelling -> the tail (every field but the offsets) of its token in one casing mode,
    for spellings that need no per-occurrence care (no possessive to cut, cannot be an
    initial), so the common token is ``span + tail`` in one step. A new spelling is worked
    out once (``__missing__``); one that needs care gets a stand-in tail (``_CARE`` for ``k``,
    the raw match kept) that ``tokens`` replaces."""

    def __init__(self, mixed: bool) -> None:
        super().__init__()
        self.mixed = mixed
        self.care = 0  # stand-ins handed out since ``tokens`` last reset it

    def __missing__(self, raw: str) -> tuple:
        ent = _TAILS.get(raw)
        if ent is None:
            ent = _tails(raw)
            if len(_TAILS) < 200_000:
                _TAILS[raw] = ent
        if ent[0] or ent[3]:
            self.care += 1
            return (raw, _CARE)
        tail = ent[1] if self.mixed else ent[2]
        if len(self) < 200_000:
            self[raw] = tail
        return tail


_PLAIN = {True: _PlainTails(True), False: _PlainTails(False)}


def _tok_slow(text: str, s: int, e: int, raw: str, mixed: bool) -> tuple:
    """The fields of the token of one match whose spelling needs per-occurrence care."""
    ent = _TAILS.get(raw)
    if ent is None:
        ent = _tails(raw)
        if len(_TAILS) < 200_000:
            _TAILS[raw] = ent
    tail = ent[1] if mixed else ent[2]
    if ent[0]:
        e -= ent[0]
    if ent[3] and text[e : e + 1] == ".":
        tail = _with_initial(tail)
    return (s, e, *tail)


def tokens(text: str) -> list[Tok]:
    """The ``Tok`` of every ``_TOKEN`` match in ``text`` (possessive 's cut off); the last
    text's list is kept, so ``names`` and ``namemodel`` share one build (read-only)."""
    memo = _TOKS_MEMO
    if memo and memo[0] is text:
        return memo[1]
    mixed = _casing(text) == "mixed"
    plain = _PLAIN[mixed]
    plain.care = 0
    new = _new_tuple
    tok = Tok
    out = [new(tok, m.span() + plain[m[0]]) for m in _TOKEN.finditer(text)]
    if plain.care:
        care = _CARE
        for i, t in enumerate(out):
            if t[3] is care:
                out[i] = new(tok, _tok_slow(text, t[0], t[1], t[2], mixed))
    memo[:] = [text, out]
    return out


# Bytes that are not A-Z (not a-z): deleting them from the text's ASCII bytes leaves the
# letters to count, the same count as ``re.findall(r"[A-Z]", text)`` but in one C pass.
_NOT_UPPER = bytes(b for b in range(256) if not 65 <= b <= 90)
_NOT_LOWER = bytes(b for b in range(256) if not 97 <= b <= 122)
_LETTER_MEMO: list = []


def _ascii_letters(text: str) -> tuple[int, int]:
    """``(upper, lower)``: how many A-Z and a-z letters ``text`` holds (last text memoised)."""
    memo = _LETTER_MEMO
    if memo and memo[0] is text:
        return memo[1]
    raw = text.encode("ascii", "ignore")  # non-ASCII characters are never A-Z / a-z
    counts = (len(raw.translate(None, _NOT_UPPER)), len(raw.translate(None, _NOT_LOWER)))
    memo[:] = [text, counts]
    return counts


def _casing(text: str) -> str:
    upper, lower = _ascii_letters(text)
    letters = upper + lower
    if upper == 0 and lower >= 8:
        return "lower"
    if letters < 20:
        return "mixed"
    if upper > 0.75 * letters:
        return "upper"
    if upper < 0.015 * letters:
        return "lower"
    return "mixed"


def _eligible(t: Tok) -> bool:
    """Could this token be part of a person's name?"""
    return (
        t.cap
        and not t.stop
        and not t.clin
        and not t.epo
        and (t.fn or t.sn or not t.en)
        and (len(t.k) > 1 or not t.raw.isascii())
    )


def _abbrev(t: Tok) -> bool:
    return t.initial or t.k in {"st", "mt", "ft", "sta", "pt", "jr", "sr"}


def _gap_ok(text: str, a: Tok, b: Tok) -> bool:
    gap = text[a.end : b.start]
    if a.initial:
        return gap in (". ", ".")
    return gap == " "


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.mode = _casing(text)
        self.toks = tokens(text)
        # Every token's key, in order: loops that act on a few keys pick their tokens from
        # this list (a set lookup per key) instead of visiting every token.
        self.ks = [t[3] for t in self.toks]
        self.hits: list[Hit] = []

    # ---------------------------------------------------------------- helpers
    def run_from(self, i: int, first_any: bool = False, limit: int = 4) -> int:
        """Index one past the last token of the name-like run starting at token i."""
        toks, text = self.toks, self.text
        j = i
        while j < len(toks) and j - i < limit:
            t = toks[j]
            ok = (
                _eligible(t)
                or t.initial
                or (first_any and j == i and t.cap and not t.stop and not t.clin)
            )
            if (
                not ok
                and j > i
                and t.raw[0].isupper()
                and (t.fn or t.sn)
                and (not t.clin or t.k in _STATE_WORDS)
                and self.mode == "mixed"
            ):
                ok = t.k not in TITLES and t.k not in RELATIONS
            if (
                not ok
                and j > i
                and t.k in _NAME_PARTICLES
                and j + 1 < len(toks)
                and toks[j + 1].cap
                and text[t.end : toks[j + 1].start] == " "
            ):
                ok = True
            if not ok:
                break
            if j > i and not _gap_ok(text, toks[j - 1], t):
                break
            j += 1
        # A trailing initial is not a name on its own.
        while j > i and toks[j - 1].initial and j - 1 > i and False:
            j -= 1
        return j

    def followed_by_eponym_head(self, j: int) -> bool:
        if j < len(self.toks):
            nxt = self.toks[j]
            return nxt.k in EPONYM_HEADS and self.text[
                self.toks[j - 1].end : nxt.start
            ].strip() in ("", "'s")
        return False

    def add(self, i: int, j: int, label: str, conf: float, reason: str) -> None:
        self.hits.append((self.toks[i].start, self.toks[j - 1].end, label, conf, reason))

    def prev_words(self, i: int, n: int) -> tuple[str, ...]:
        out = []
        for t in self.toks[max(0, i - n) : i]:
            out.append(t.k)
        return tuple(out)

    # ---------------------------------------------------------------- person names
    def names(self) -> None:
        toks, text = self.toks, self.text
        n = len(toks)
        used_until = -1
        for i in range(n):
            if i < used_until:
                continue
            t = toks[i]
            # Title or relation cue: the next capitalised words are a name.
            if t.k in TITLES or t.k in RELATIONS:
                j0 = i + 1
                gap_end = toks[j0].start if j0 < n else len(text)
                gap = text[t.end : gap_end]
                if t.k in TITLES:
                    if t.k in _ROLE_TITLES:
                        if gap != " " or text[t.start - 2 : t.start] in (", ", ". "):
                            continue
                    elif gap not in (" ", ". ", "."):
                        continue
                if t.k in RELATIONS:
                    if (
                        j0 < n
                        and toks[j0].k in {"is", "named", "was"}
                        and toks[j0].start - t.end <= 3
                    ):
                        j0 += 1
                    if gap.strip() not in ("", ",", ":", "-", "(", "—") or "\n" in gap:
                        continue
                    if (
                        t.k in {"pt", "patient", "name", "named", "called", "aka"}
                        and self.mode == "mixed"
                        and not toks[j0].cap
                        if j0 < n
                        else True
                    ):
                        continue
                if j0 >= n:
                    continue
                first_any = t.k in TITLES
                nxt = toks[j0]
                if first_any and (self.mode != "mixed" or t.k in _ROLE_TITLES):
                    looks_named = nxt.fn or nxt.sn or not nxt.en
                    if not looks_named or nxt.clin or not nxt.cap:
                        continue
                j = self.run_from(j0, first_any=first_any)
                if j > j0 and not (not first_any and self.followed_by_eponym_head(j)):
                    cand = toks[j0:j]
                    if (
                        t.k in RELATIONS
                        and self.mode != "mixed"
                        and not any(c.fn or c.sn for c in cand)
                    ):
                        continue
                    if t.k in RELATIONS and all(c.en and not (c.fn or c.sn) for c in cand):
                        continue
                    if (
                        t.k in RELATIONS
                        and t.k
                        in {
                            "resident",
                            "member",
                            "worker",
                            "goes",
                            "baby",
                            "child",
                            "kid",
                            "infant",
                            "twin",
                        }
                        and not any(c.fn for c in cand)
                    ):
                        continue
                    label_reason = (
                        "title + capitalised word" if t.k in TITLES else f"name after '{t.raw}'"
                    )
                    self.add(j0, j, "NAME", 0.9, label_reason)
                    used_until = j
                continue
            if t.initial:
                # "J. R. McAllister", "K. Natani": initials, then a surname-like word.
                if t.start and text[t.start - 1] not in " \n\t(\"'":
                    continue
                if (
                    i
                    and toks[i - 1].cap
                    and toks[i - 1].raw[0].isupper()
                    and "\n" not in text[toks[i - 1].end : t.start]
                ):
                    p = toks[i - 1]
                    if not (p.k in TITLES or p.k in RELATIONS or p.k in CREDENTIALS):
                        continue
                j = i
                while (
                    j < n
                    and toks[j].initial
                    and j - i < 3
                    and _gap_ok(text, toks[j], toks[j + 1] if j + 1 < n else toks[j])
                ):
                    j += 1
                if (
                    j < n
                    and j > i
                    and toks[j - 1].initial
                    and _eligible(toks[j])
                    and len(toks[j].k) > 1
                    and (toks[j].sn or toks[j].fn or not toks[j].en)
                    and text[toks[j - 1].end : toks[j].start] in (". ", ".")
                    and self.mode == "mixed"
                ):
                    k2 = self.run_from(j, limit=2)
                    self.add(i, k2, "NAME", 0.75, "initials + surname")
                    used_until = k2
                continue
            if not _eligible(t):
                continue
            j = self.run_from(i)
            cand = toks[i:j]
            # Credentials after a name: "Maria Lopez, FNP" / "Lopez MD".
            if (
                j < n
                and toks[j].k in CREDENTIALS
                and text[toks[j - 1].end : toks[j].start] in (", ", " ")
                and (toks[j].raw[0].isupper() or text[toks[j - 1].end] == ",")
                and not text[toks[j].end : toks[j].end + 1].isalnum()
                and any(c.fn or c.sn or not c.en for c in cand)
            ):
                self.add(i, j, "NAME", 0.85, "name before a credential")
                used_until = j
                continue
            if self.followed_by_eponym_head(j):
                used_until = j
                continue
            # "Lopez, Maria": surname, comma, first name.
            if (
                j == i + 1
                and t.sn
                and j + 1 <= n - 1
                and text[t.end : toks[j].start] == ", "
                and toks[j].fn
                and _eligible(toks[j])
            ):
                k2 = self.run_from(j, limit=2)
                self.add(i, k2, "NAME", 0.8, "surname, first name")
                used_until = k2
                continue
            # A person's name as the subject of a human verb or followed by an age.
            after = text[toks[j - 1].end : toks[j - 1].end + 24]
            if (
                _HUMAN_AFTER.match(after)
                and (self.mode == "mixed" or any(c.fn or c.sn for c in cand))
                and all(not c.en or c.fn or c.sn for c in cand)
                and not (len(cand) == 1 and cand[0].en)
            ):
                self.add(i, j, "NAME", 0.8, "capitalised words before an age or a human verb")
                used_until = j
                continue
            if any((c.k,) in _FACILITY_KEYS for c in cand):
                used_until = j
                continue
            has_fn = any(c.fn for c in cand)
            strong = [c for c in cand if (c.fn or c.sn) and not c.en]
            if len(cand) >= 2:
                named = [c for c in cand if c.fn or c.sn]
                unknown = [c for c in cand if not (c.fn or c.sn) and not c.initial]
                ok = False
                if (
                    has_fn
                    and (len(named) >= 2 or unknown)
                    and (strong or len(named) >= 2)
                    or strong
                    and (len(named) >= 2 or unknown)
                    or has_fn
                    and unknown
                    and self.mode == "mixed"
                ):
                    ok = True
                shouting = self.mode != "mixed" or all(c.raw.isupper() for c in cand)
                if ok and shouting and not strong and len(named) < 2:
                    ok = False
                if ok and self.mode == "mixed" and all(c.raw.isupper() for c in cand):
                    ok = len(named) == len(cand) and bool(strong)
                if ok:
                    self.add(i, j, "NAME", 0.85, "first name + surname from name lists")
                    used_until = j
                    continue
            # A single listed name that is not also an English word.
            for c_idx in range(i, j):
                c = toks[c_idx]
                if (
                    (c.fn or c.sn)
                    and not c.en
                    and len(c.k) > (2 if self.mode == "mixed" else 3)
                    # Upper-case clinical abbreviations (OSA, LADA, ANA, EDD) are not names alone.
                    and not (self.mode == "mixed" and c.raw.isupper() and len(c.k) <= 4)
                    # A field label ("Lang: Vietnamese") or a hyphenated term ("Cross-taper").
                    and text[c.end : c.end + 1] != ":"
                    and not re.search(r"-[a-z]", c.raw)
                    and c.k not in _WEEKDAY_ABBR
                ):
                    conf = 0.65 if self.mode == "mixed" else 0.55
                    self.add(c_idx, c_idx + 1, "NAME", conf, "word from the name lists")
            used_until = j

    # ---------------------------------------------------------------- other scripts
    def scripts(self) -> None:
        text = self.text
        if text.isascii() or not _ANY_SCRIPT.search(text):
            return  # no character of the three patterns' ranges: none of them can match
        for m in _HANGUL.finditer(text):
            conf = 0.8 if m.group()[0] in _KOREAN_SURNAMES else 0.55
            self.hits.append((m.start(), m.end(), "NAME", conf, "Korean name (Hangul)"))
        surnames = lexicon.surnames()
        for m in _HAN.finditer(text):
            if m.group()[0] in surnames or m.group()[:2] in surnames:
                self.hits.append(
                    (
                        m.start(),
                        m.end(),
                        "NAME",
                        0.8,
                        "Chinese/Japanese name starting with a surname",
                    )
                )
        latin = sum(_ascii_letters(text))
        for m in _OTHER_SCRIPT.finditer(text):
            if latin > 4 * len(m.group()):
                self.hits.append(
                    (m.start(), m.end(), "NAME", 0.7, "words in another script inside English text")
                )

    # ---------------------------------------------------------------- places
    def places(self) -> None:
        toks, text = self.toks, self.text
        places = lexicon.places()
        first_words = lexicon.place_first_words()
        n = len(toks)
        for i in [i for i, k in enumerate(self.ks) if k in first_words]:
            t = toks[i]
            if not t.cap:
                continue
            for length in range(min(5, n - i), 0, -1):
                seq = toks[i : i + length]
                if any(not s.cap and s.k not in _CONNECTORS and s.k != "or" for s in seq):
                    continue
                if any(
                    text[a.end : b.start] != " "
                    and not (text[a.end : b.start] == ". " and _abbrev(a))
                    for a, b in zip(seq, seq[1:], strict=False)
                ):
                    continue
                k = " ".join(s.k for s in seq)
                if k not in places:
                    continue
                end = i + length
                # Extend "San Juan" + "County" and similar.
                if (
                    end < n
                    and toks[end].k in {"county", "pueblo", "chapter", "reservation"}
                    and toks[end].cap
                ):
                    end += 1
                ambiguous = length == 1 and (t.en or t.fn or t.sn or t.clin or t.stop)
                prev = toks[i - 1].k if i else ""
                cued = prev in PLACE_CUES_WEAK or prev in {"lives", "resides", "from"}
                after = text[toks[end - 1].end : toks[end - 1].end + 5]
                state_next = bool(
                    re.match(r",?\s+(?:[A-Z]{2}\b|New Mexico|Arizona|Colorado|Texas|Utah)", after)
                )
                if ambiguous and not (cued or state_next):
                    break
                if self.followed_by_eponym_head(end):
                    break
                self.add(
                    i,
                    end,
                    "GEOGRAPHIC",
                    0.85 if not ambiguous else 0.7,
                    "place name from the gazetteer",
                )
                break
        self._facilities()
        self._cued_places()

    def _facilities(self) -> None:
        toks, text = self.toks, self.text
        n = len(toks)
        for j in range(n):
            if toks[j].k not in _FACILITY_FIRST:
                continue
            for hl in range(_FACILITY_MAXLEN, 0, -1):
                if j + hl > n:
                    continue
                head = tuple(t.k for t in toks[j : j + hl])
                if head not in _FACILITY_KEYS or not all(t.cap for t in toks[j : j + hl]):
                    continue
                # Walk left over capitalised words and connectors.
                i = j
                while i > 0:
                    p = toks[i - 1]
                    gap = text[p.end : toks[i].start]
                    if gap not in (" ", "'s ", "\u2019s ", " & ") and not (
                        gap == ". " and _abbrev(p)
                    ):
                        break
                    if not (p.cap or p.k in _CONNECTORS) or p.stop and p.k not in _CONNECTORS:
                        break
                    if p.k in {"and", "the", "&"} or (
                        (p.k,) in _FACILITY_KEYS and p.k not in {"county", "health"}
                    ):
                        break
                    if p.k in RELATIONS or p.k in TITLES:
                        break
                    i -= 1
                while (
                    i < j
                    and toks[i].k in _CONNECTORS
                    and (toks[i].raw.isupper() or toks[i].raw.islower())
                ):
                    i += 1
                prefix = toks[i:j]
                end = j + hl
                # "Pueblo of Laguna", "La Clínica de Familia", "Chapter House", "... Hospital in Taos".
                suffix = []
                if (
                    end + 1 < n
                    and toks[end].k in {"of", "de", "del", "para", "for"}
                    and toks[end + 1].cap
                ):
                    k2 = end + 1
                    while (
                        k2 < n
                        and k2 - end < 4
                        and (toks[k2].cap or toks[k2].k in _CONNECTORS)
                        and text[toks[k2 - 1].end : toks[k2].start] == " "
                    ):
                        k2 += 1
                    while toks[k2 - 1].k in _CONNECTORS:
                        k2 -= 1
                    suffix = toks[end + 1 : k2]
                    end = k2
                if end < n and toks[end].k == "house" and head == ("chapter",):
                    end += 1
                if (
                    end + 1 < n
                    and toks[end].k == "in"
                    and toks[end + 1].cap
                    and (toks[end + 1].k in lexicon.places() or not toks[end + 1].en)
                    and not toks[end + 1].clin
                ):
                    end += 2
                specific = [
                    p for p in prefix + suffix if p.k not in GENERIC and p.k not in _CONNECTORS
                ]
                specific = [
                    p for p in specific if self.mode == "mixed" and not p.raw.isupper() or not p.en
                ]
                if any(p.clin and p.k not in lexicon.place_first_words() for p in prefix):
                    specific = []
                if head[0] in _WEAK_HEADS and len(head) == 1:
                    places = lexicon.places()
                    specific = [
                        p
                        for p in specific
                        if not p.en
                        or p.fn
                        or p.sn
                        or p.k in places
                        or p.k in lexicon.place_first_words()
                    ]
                    if (
                        not prefix
                        or text[toks[j - 1].end : toks[j].start] != " "
                        or self.mode != "mixed"
                    ):
                        specific = []
                if not specific:
                    break
                start_tok = i if prefix else j
                self.add(start_tok, end, "GEOGRAPHIC", 0.85, f"named {' '.join(head)}")
                break

    def _cued_places(self) -> None:
        toks, text = self.toks, self.text
        n = len(toks)
        # Only a token right after a cue's last word can be a cued place; i is never 0.
        ks = self.ks
        cued = [c + 1 for c, k in enumerate(ks[:-1]) if k in _PLACE_CUE_LAST]
        for i in cued:
            matched = None
            if i:
                for kind, cue in _CUE_BY_LAST.get(ks[i - 1], ()):
                    # The cue's words are the keys just before token i.
                    if i >= len(cue) and tuple(ks[i - len(cue) : i]) == cue:
                        matched = (kind, cue)
                        break
            t = toks[i]
            if matched is None:
                if (
                    i
                    and toks[i - 1].k in PLACE_CUES_WEAK
                    and self.mode == "mixed"
                    and t.cap
                    and not t.raw.isupper()
                    and not (t.en or t.fn or t.sn or t.clin or t.stop or t.epo)
                    and len(t.k) > 3
                    and text[toks[i - 1].end : t.start] == " "
                ):
                    j = i + 1
                    if (
                        j < n
                        and toks[j].cap
                        and not toks[j].en
                        and text[t.end : toks[j].start] == " "
                    ):
                        j += 1
                    if not self.followed_by_eponym_head(j) and t.k not in COUNTRIES:
                        self.add(
                            i,
                            j,
                            "GEOGRAPHIC",
                            0.45,
                            f"unknown capitalised word after '{toks[i - 1].raw}'",
                        )
                continue
            if text[toks[i - 1].end : t.start] not in (" ", ": "):
                continue
            j = i
            while j < n and j - i < 5:
                s = toks[j]
                if not (s.cap or (s.k in _CONNECTORS and j > i)):
                    break
                if s.stop and s.k not in _CONNECTORS:
                    break
                gap = text[toks[j - 1].end : s.start] if j > i else " "
                if gap not in (" ", "-") and not (gap == ". " and _abbrev(toks[j - 1])):
                    break
                j += 1
            while j > i and toks[j - 1].k in _CONNECTORS:
                j -= 1
            if j == i:
                continue
            seq = toks[i:j]
            if all(s.clin or s.k in GENERIC or (s.en and matched[0] == "facility") for s in seq):
                continue
            if all(s.k in _STATE_WORDS for s in seq):
                continue
            conf = 0.75 if matched[0] == "strong" else 0.7
            self.add(i, j, "GEOGRAPHIC", conf, f"place after '{' '.join(matched[1])}'")

    # ---------------------------------------------------------------- employers
    def employers(self) -> None:
        toks, text = self.toks, self.text
        n = len(toks)
        for i, t in enumerate(toks):
            if t.k not in EMPLOYER_VERBS:
                continue
            # find "at/for/by" within the next five words
            for p in range(i + 1, min(n, i + 7)):
                if toks[p].k in _EMPLOYER_PREPS:
                    break
                if toks[p].k in {".", "and"} or "." in text[toks[p - 1].end : toks[p].start]:
                    p = n
                    break
            else:
                continue
            if p >= n - 1:
                continue
            j0 = p + 1
            if toks[j0].k == "the" and j0 + 1 < n:
                j0 += 1
            if text[toks[p].end : toks[j0].start].strip() not in ("", "the"):
                continue
            j = j0
            while j < n and j - j0 < 6:
                s = toks[j]
                gap = text[toks[j - 1].end : s.start] if j > j0 else " "
                if gap not in (" ", "'s ", "\u2019s ", " & ", "-") and not (
                    gap == ". " and _abbrev(toks[j - 1])
                ):
                    break
                if not (s.cap or (j > j0 and s.k in _CONNECTORS)):
                    break
                j += 1
            while j > j0 and toks[j - 1].k in _CONNECTORS:
                j -= 1
            if j == j0:
                continue
            seq = toks[j0:j]
            if all(s.k in GENERIC or s.clin or s.stop for s in seq):
                continue
            end = toks[j - 1].end
            if text[end : end + 2] in ("'s", "\u2019s"):
                end += 2
            self.hits.append((toks[j0].start, end, "NAME", 0.88, "employer after a work verb"))

    def _name_neighbour(self, t: "Tok", keys: dict[str, float]) -> bool:
        """Is the token next to another known name part, a title or a relation word?"""
        toks = self.toks
        idx = self._index.get(t.start)
        if idx is None:
            return False
        prev = toks[idx - 1] if idx else None
        nxt = toks[idx + 1] if idx + 1 < len(toks) else None
        if (
            prev
            and self.text[prev.end : t.start] in (" ", ". ", ", ")
            and (prev.k in TITLES or prev.k in RELATIONS or (prev.k in keys and not prev.en))
        ):
            return True
        return bool(nxt and self.text[t.end : nxt.start] == " " and nxt.k in keys and not nxt.en)

    # ---------------------------------------------------------------- extra cues
    def extra_cues(self) -> None:
        """Nicknames, names before credentials written with English words, employers after a comma."""
        text, hits = self.text, self.hits
        lower_ok = self.mode != "mixed"
        for m in _NICK_CUE.finditer(text):
            name = m.group("name")
            words = name.split()
            if not lower_ok and not words[0][0].isupper():
                continue
            ks = [key(w.strip("'\u2019")) for w in words]
            if any(k in STOP or k in lexicon.clinical() or k in _STATE_WORDS for k in ks):
                continue
            quoted = bool(m.group("q"))
            if (
                not quoted
                and m.group("cue").lower().startswith("called")
                and not any(k in lexicon.first_names() for k in ks)
            ):
                continue
            hits.append((m.start("name"), m.end("name"), "NAME", 0.85, "name after a nickname cue"))
        for m in _QUOTED_NICK.finditer(text):
            a, b = key(m.group(1)), key(m.group(3))
            if (a in lexicon.first_names() or b in lexicon.surnames()) and a not in STOP:
                hits.append((m.start(), m.end(), "NAME", 0.85, "name with a quoted nickname"))
        toks = self.toks
        for c in [c for c, k in enumerate(self.ks) if k in CREDENTIALS]:
            if not c:
                continue
            ct = toks[c]
            gap = text[toks[c - 1].end : ct.start]
            if gap not in (", ", " ") or not ct.raw[0].isupper():
                continue
            if gap == " " and not ct.raw.isupper():
                continue
            if text[ct.end : ct.end + 1].isalnum():
                continue
            i = c
            while i > 0 and c - i < 4:
                p = toks[i - 1]
                if not p.cap or p.stop or p.clin or p.k in CREDENTIALS or p.k in GENERIC:
                    break
                g = text[p.end : toks[i].start] if i < c else " "
                if g not in (" ", ". ") or (g == ". " and not p.initial):
                    break
                i -= 1
            cand = toks[i:c]
            if not cand or all(x.initial for x in cand):
                continue
            if not any((x.fn or x.sn or not x.en) and not x.initial for x in cand):
                continue
            if self.mode == "mixed" and any(x.raw.isupper() and len(x.raw) > 1 for x in cand):
                continue
            hits.append((cand[0].start, cand[-1].end, "NAME", 0.85, "name before a credential"))
        for m in _SIGN_OFF.finditer(text):
            ks = [key(w) for w in m.group("name").split()]
            if any(k in STOP or k in lexicon.clinical() or k in GENERIC for k in ks):
                continue
            if ks[0] in lexicon.english() and ks[0] not in lexicon.first_names():
                continue
            hits.append((m.start("name"), m.end("name"), "NAME", 0.8, "name after a sign-off"))
        # Lower-case first names in chat style ("tell jolene", "spoke w/ maria").
        first = lexicon.first_names()
        for idx in [i for i, k in enumerate(self.ks) if k in first]:
            t = toks[idx]
            if not idx or not t.raw.islower() or len(t.k) < 4:
                continue
            if t.clin or t.stop or t.epo:
                continue
            prev = toks[idx - 1].k
            before = text[max(0, t.start - 12) : t.start].lower()
            strong = prev in _LOWER_NAME_STRONG or before.endswith(
                ("spoke w/ ", "spoke with ", "talked to ", "talked w/ ", "msg to ")
            )
            if t.en and not strong or self.followed_by_eponym_head(idx + 1):
                continue
            if not (strong or prev in _LOWER_NAME_CUE or before.endswith("w/ ")):
                continue
            hits.append((t.start, t.end, "NAME", 0.6, "lower-case first name after a cue"))
        for m in _EMPLOYER_COMMA.finditer(text):
            words = m.group("name").split()
            if all(key(w.strip("'\u2019")) in GENERIC or key(w) in STOP for w in words):
                continue
            hits.append((m.start("name"), m.end("name"), "NAME", 0.85, "employer after 'employer'"))

    def extend(self) -> None:
        """Grow name findings over leading initials and trailing Jr./Sr./III."""
        text = self.text
        out = []
        for h in self.hits:
            if h[2] == "NAME":
                s, e = h[0], h[1]
                m = _INITIALS_BEFORE.search(text, max(0, s - 10), s)
                if m and self.mode == "mixed":
                    s = m.start()
                m = _SUFFIX_AFTER.match(text, e)
                if m:
                    e = m.end()
                if text[e : e + 1] in ("'", "\u2019") and not text[e + 1 : e + 2].isalnum():
                    e += 1
                h = (s, e, *h[2:])
            out.append(h)
        self.hits = out

    # ---------------------------------------------------------------- more mentions of the same name
    def propagate(self) -> None:
        keys: dict[str, float] = {}
        for start, end, label, conf, _ in self.hits:
            if label != "NAME":
                continue
            for m in _TOKEN.finditer(self.text, start, end):
                k = key(m.group())
                if k.endswith("'s"):
                    k = k[:-2]
                if len(k) > 1 and k not in STOP and k not in TITLES and k not in lexicon.clinical():
                    keys[k] = max(keys.get(k, 0), conf)
        if not keys:
            return
        covered = [(h[0], h[1]) for h in self.hits]
        for t in self.toks:
            if t.k not in keys or not t.cap:
                continue
            if t.en and not t.raw[0].isupper():
                continue
            if t.en and self.mode != "mixed" and keys[t.k] < 0.8:
                continue
            if t.en:
                # "Hope" the name vs "hope" the word: an English word needs support nearby.
                after = self.text[t.end : t.end + 24]
                if not (_HUMAN_AFTER.match(after) or self._name_neighbour(t, keys)):
                    continue
            if any(s <= t.start and t.end <= e for s, e in covered):
                continue
            self.hits.append(
                (t.start, t.end, "NAME", 0.7, "another mention of a name found earlier")
            )


_WEEKDAY_ABBR = frozenset(
    {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
)
# Countries are larger than a state: "refugee from Afghanistan" is not an identifier.
COUNTRIES = frozenset(
    [
        "afghanistan",
        "albania",
        "algeria",
        "angola",
        "argentina",
        "armenia",
        "australia",
        "austria",
        "bangladesh",
        "belarus",
        "belgium",
        "bhutan",
        "bolivia",
        "bosnia",
        "brazil",
        "bulgaria",
        "burma",
        "burundi",
        "cambodia",
        "cameroon",
        "canada",
        "chile",
        "china",
        "colombia",
        "congo",
        "cuba",
        "cyprus",
        "czechia",
        "denmark",
        "ecuador",
        "egypt",
        "eritrea",
        "estonia",
        "ethiopia",
        "fiji",
        "finland",
        "france",
        "germany",
        "ghana",
        "greece",
        "guatemala",
        "guinea",
        "haiti",
        "honduras",
        "hungary",
        "iceland",
        "india",
        "indonesia",
        "iran",
        "iraq",
        "ireland",
        "israel",
        "italy",
        "jamaica",
        "japan",
        "kazakhstan",
        "kenya",
        "korea",
        "kosovo",
        "kuwait",
        "laos",
        "latvia",
        "lebanon",
        "liberia",
        "libya",
        "lithuania",
        "madagascar",
        "malawi",
        "malaysia",
        "mali",
        "mexico",
        "moldova",
        "mongolia",
        "morocco",
        "mozambique",
        "myanmar",
        "namibia",
        "nepal",
        "netherlands",
        "nicaragua",
        "niger",
        "nigeria",
        "norway",
        "pakistan",
        "palestine",
        "panama",
        "paraguay",
        "peru",
        "philippines",
        "poland",
        "portugal",
        "romania",
        "russia",
        "rwanda",
        "samoa",
        "senegal",
        "serbia",
        "sierra",
        "singapore",
        "slovakia",
        "somalia",
        "spain",
        "sudan",
        "sweden",
        "switzerland",
        "syria",
        "taiwan",
        "tajikistan",
        "tanzania",
        "thailand",
        "togo",
        "tonga",
        "tunisia",
        "turkey",
        "turkmenistan",
        "uganda",
        "ukraine",
        "uruguay",
        "uzbekistan",
        "venezuela",
        "vietnam",
        "yemen",
        "zambia",
        "zimbabwe",
    ]
)
_NICK_CUE = re.compile(
    r"(?P<cue>(?i:goes\s+by|nick-?named|a\.?k\.?a\.?|also\s+known\s+as|known\s+as|prefers\s+to\s+be\s+called|"
    r"called\s+herself|called\s+himself|calls\s+(?:herself|himself)|called))\s+"
    r"(?P<q>[\"\u201c\u2018'])?(?P<name>[^\W\d_][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2})"
    r"(?(q)[\"\u201d\u2019']|(?![\w]))"
)
_QUOTED_NICK = re.compile(
    r"\b([A-Z][a-z]+)\s+[\"\u201c(']([A-Z][a-z]+)[\"\u201d)']\s+([A-Z][\w'-]+)"
)
_EMPLOYER_COMMA = re.compile(
    r"(?i:employer|employed\s+by|works\s+for|work\s+for|job\s+at|works\s+at)\s*[,:(]\s*"
    r"(?P<name>[A-Z][\w&'\u2019.-]*(?:\s+(?:[A-Z][\w&'\u2019.-]*|&|of|de))*[\w'\u2019])"
)
_INITIALS_BEFORE = re.compile(r"(?<![\w/.])(?:[A-Z]\.\s?){1,3}$")
_SUFFIX_AFTER = re.compile(r",?\s(?:Jr|Sr|II|III|IV)\b\.?|\s[A-Z]\.(?!\w)")
_SIGN_OFF = re.compile(
    r"(?im)^[ \t]*(?:thanks|thank\s+you|many\s+thanks|regards|best|best\s+regards|kind\s+regards|"
    r"warm\s+regards|sincerely|cheers|respectfully|gracias|saludos|atentamente|cordially)[ \t]*[,!.]?"
    r"[ \t]*(?:\n[ \t]*|,?[ \t]+|[ \t]*-+[ \t]*)(?-i:(?P<name>[A-Z][\w'\u2019-]+(?:[ \t]+[A-Z][\w'\u2019.-]+){0,2}))"
)
_LOWER_NAME_STRONG = frozenset(
    {"tell", "told", "ask", "asked", "texted", "emailed", "messaged", "pinged", "per", "cc"}
)
_LOWER_NAME_CUE = frozenset(
    {
        "tell",
        "told",
        "ask",
        "asked",
        "w/",
        "with",
        "spoke",
        "per",
        "call",
        "called",
        "text",
        "texted",
        "email",
        "emailed",
        "msg",
        "message",
        "messaged",
        "cc",
        "ping",
        "pinged",
        "and",
        "from",
        "to",
        "thanks",
        "thx",
    }
)


def detect(text: str) -> list[Hit]:
    scanner = _Scanner(text)
    scanner._index = {t.start: i for i, t in enumerate(scanner.toks)}
    scanner.names()
    scanner.extra_cues()
    scanner.scripts()
    scanner.employers()
    scanner.places()
    scanner.extend()
    scanner.propagate()
    return scanner.hits


# Phrases whose words are on the name lists but that name a brand, an insurer, a program, a
# time zone or a role, never a person: "Boston Scientific", "Molina member", "America/Denver",
# "Geri ECHO", "NM RN", "[9:03] Coord:". Applied to every layer's NAME findings by the engine;
# a title in front ("Dr. Abbott") still wins.
_NOT_NAME = re.compile(
    r"(?i)\bboston(?=\s+scientific\b)|\bst\.?\s+jude(?=\s+medical\b)|"
    r"\bmolina(?=\s+(?:healthcare|member|mbr|plan|id|number|no\b|#|medicaid|medicare|complete|"
    r"insurance|marketplace)|\))|"
    r"\b(?:america|us|pacific)/\w+|\bcinco\s+de\s+mayo\b|"
    r"\b\w++(?=\s+ECHO\b)|"
    r"(?-i:\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
    r"NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\b)|"
    r"\b(?:coord|coordinator|moderator|facilitator|presenter|host|admin|npis|id'd|n[uú]mero|toma|"
    r"tiene|vive)\b|"
    r"\b[a-z]+-[a-z](?![\w-])"
)


def not_name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of brand, insurer, program, time-zone, state-code and role words (see _NOT_NAME)."""
    return [m.span() for m in _NOT_NAME.finditer(text)]


# Every alternative of _NOT_NAME begins at a word start (``\b`` then a word character), so a
# match can only begin (a) where one of its cue words begins, (b) at the word before "ECHO",
# (c) at an upper-case state code, or (d) at the letters before a hyphen. ``_not_name_starts``
# lists those places (a superset), and ``gate.Anchored`` tries the pattern only there.
_NOT_NAME_HEADS = frozenset(
    {"boston", "st", "molina", "america", "us", "pacific", "cinco", "coord", "coordinator"}
    | {"moderator", "facilitator", "presenter", "host", "admin", "npis", "id'd", "toma"}
    | {"tiene", "vive"}
)
_STATE_CODES = frozenset(lexicon.STATE_CODES)
# Any two upper-case ASCII letters, left to right without overlap: a state code that begins a
# word is always one of these pairs (the character before it is not a letter, so no pair ends
# there), and this simple class scan is several times faster than the ``\b``-alternation.
_UPPER_PAIR = re.compile(r"[A-Z][A-Z]")


def _word_run_start(text: str, at: int) -> int:
    """Start of the run of word characters (as ``\\w``) that ends at ``at``."""
    while at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_"):
        at -= 1
    return at


def _not_name_starts(text: str) -> list[int]:
    out = gate.word_starts(text, _NOT_NAME_HEADS)
    out.extend(m.start() for m in _UPPER_PAIR.finditer(text) if m.group() in _STATE_CODES)
    folded = gate._folded(text).folded
    pos = folded.find("mero")  # n[uú]mero, whatever the case of the accented letter
    while pos != -1:
        if pos >= 2:
            out.append(pos - 2)
        pos = folded.find("mero", pos + 1)
    pos = folded.find("echo")
    while pos != -1:
        # "\w++" is possessive: it starts where the word run before the spaces starts.
        at = pos
        while at > 0 and text[at - 1].isspace():
            at -= 1
        if at < pos:
            out.append(_word_run_start(text, at))
        pos = folded.find("echo", pos + 1)
    pos = text.find("-")
    while pos != -1:
        out.append(_word_run_start(text, pos))
        pos = text.find("-", pos + 1)
    return out


gate.install(globals())
_NOT_NAME = gate.Anchored(_NOT_NAME.pattern_obj, _not_name_starts)
