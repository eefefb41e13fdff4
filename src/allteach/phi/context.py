"""Cue rules for text written by people rather than templates: chat, e-mail, forms, dictation.

Each rule needs a cue around the candidate (a greeting, a chat timestamp, a form label, a company
suffix, a facility head, a town list with a known town in it ...), so common-word names ("Frank",
"Grace") and businesses missing from every list are caught without flagging the words elsewhere.
Runs after ``names``; its names are then propagated (upper-case and "LAST, FIRST" shapes too).
"""

import re
from bisect import bisect_left
from collections.abc import Iterator

from . import gate, lexicon
from .lexicon import key
from .names import _STATE_WORDS, RELATIONS, STOP, TITLES

Hit = tuple[int, int, str, float, str]

_CAP = r"[A-Z][\w'\u2019-]*[\w]"
_CAPS_RUN = rf"{_CAP}(?:[ \t]+(?:{_CAP}|&|of|de|del|la))*"

# --------------------------------------------------------------------------- people
_GREETING = re.compile(
    rf"(?<![\w])(?:Hey|Hi|Hello|Dear|Morning|Thanks|Thank\s+you|Ty|Thx)[ \t,]+(?P<n>{_CAP})"
    r"(?=[ \t]*[!,:.\-\u2014\n]|$)"
)
_CHAT_SPEAKER = re.compile(
    rf"(?m)^[ \t]*(?P<n>{_CAP}(?:[ \t]{_CAP})?)[ \t]*(?:\(|\[)?\d{{1,2}}:\d{{2}}(?:[ \t]*[AaPp]\.?[Mm]\.?)?"
    r"(?:\)|\])?[ \t]*[-:\u2014]"
)
_CHAT_AFTER_TIME = re.compile(
    rf"\d{{1,2}}:\d{{2}}(?:[ \t]*[AaPp]\.?[Mm]\.?)?[ \t\]]+(?P<n>{_CAP}(?:[ \t]{_CAP})?):"
)
_DASH_SIGN = re.compile(
    r"(?m)^[ \t]*(?:--|\u2014|-|~)[ \t]*(?P<n>[A-Z][a-z'\u2019-]+(?:[ \t][A-Z][a-z'-]+)?)[ \t]*$"
)
_ADDRESSEE = re.compile(rf"(?m)^[ \t]*(?P<n>{_CAP})[ \t]*(?:-|\u2014|,)[ \t]+(?=[a-zA-Z])")
_TALKED = re.compile(
    r"(?i:talked|talking|spoke|spoken|speaking|met|meeting|visited|checked\s+in|went|heard\s+back)"
    rf"[ \t]+(?i:to|with|from)[ \t]+(?P<n>{_CAP}(?:[ \t]{_CAP})?)"
)
_SUBJECT_VERB = re.compile(
    rf"(?<![\w.])(?P<n>{_CAP})[ \t]+(?=(?:did|had|has|went|took|drove|stayed|came|comes|found|died|helped|"
    r"brought|told|tells|called|takes|gave|gives|keeps|kept|noticed|thinks|thought|knows|knew|manages|"
    r"managed|handles|handled|cooks|cleans|lives|lived|works|worked|visits|visited|moved|left|raised|"
    r"passed\s+away)\b)"
)
_FIELD = re.compile(
    r"(?im)^[ \t]*(?:pt|patient|name|pt[ _]name|patient[ _]name|presenter(?:[ _]name)?|provider|"
    r"referring(?:[ _](?:provider|clinician|physician))?|attending|pcp|chw|nurse|caregiver|guardian|"
    r"(?:emergency[ _])?contact|mother|father|parent|spouse|next[ _]of[ _]kin|nok|submitted[ _]by|"
    r"from|to|cc|author|signed)[ \t]*[:=][ \t]*"
    r"(?P<v>(?-i:[A-Z][\w'\u2019.-]*(?:,?[ \t]+[A-Z][\w'\u2019.-]*){0,4}))"
)
_INITIALS = re.compile(
    r"(?i:initials)\)?[ \t]*(?:[:=][ \t]*|[ \t]+|\()(?P<n>(?-i:[A-Z]\.?[ \t]?){2,4})(?![\w])"
)
_DOTTED = re.compile(r"(?<![\w.])(?P<n>[A-Z]\.[A-Z]\.(?:[A-Z]\.)?)(?![\w])")
_DOTTED_NOT = frozenset(
    [
        "U.S.",
        "A.M.",
        "P.M.",
        "M.D.",
        "D.O.",
        "R.N.",
        "N.P.",
        "P.A.",
        "B.P.",
        "O.D.",
        "O.S.",
        "O.U.",
        "N.M.",
        "D.C.",
        "L.A.",
        "U.K.",
        "E.R.",
        "I.V.",
        "P.O.",
        "B.I.D.",
        "T.I.D.",
        "Q.I.D.",
        "H.S.",
        "P.R.N.",
        "A.A.",
        "N.A.",
        "O.B.",
        "G.I.",
        "E.D.",
        "C.O.",
        "S.O.B.",
    ]
)
_PERSON_BEFORE = re.compile(
    r"(?i:student|pt|patient|child|kid|boy|girl|man|woman|client|resident|infant|baby|son|daughter|"
    r"grade|initials|teen|adolescent|mother|father)\b[^.\n]{0,12}$"
)
_OFFICER = re.compile(
    r"(?<![\w])(?:Officer|Deputy|Sheriff|Detective|Det\.|Sgt\.?|Sergeant|Judge|Pastor|Coach|Capt\.?|"
    rf"Captain|Lt\.?|Trooper|Agent)[ \t]+(?P<n>{_CAP}(?:[ \t]{_CAP})?)"
)
_KIN = re.compile(
    r"(?i:uncle|aunt|auntie|grandma|grandpa|grandmother|grandfather|cousin|brother|sister|nephew|niece|"
    r"son|daughter|husband|wife|mom|dad|granny|nana|tata|papa)[ \t]+(?P<n>(?-i:[A-Z][a-z]+))(?![\w'])"
)

# --------------------------------------------------------------------------- businesses
_STRONG_SUFFIX = (
    r"LLC|L\.L\.C\.|Inc\.?|Corp\.?|Co\.|Ltd\.?|Roofing|Hauling|Construction|Trucking|Nails|Salon|"
    r"Motors|Auto(?:[ \t]+(?:Body|Repair|Sales|Parts))?|Casino|Resort|Dry[ \t]+Cleaners|Cleaners|Plumbing|"
    r"Landscaping|Bakery|Towing|Logistics|Enterprises|Contracting|Concrete|Drilling|Trading[ \t]+Post|"
    r"Laundromat|Barbershop|Tires?|Lumber|Dairy|Feed[ \t]+(?:&|and)[ \t]+Supply|Body[ \t]+Shop|Car[ \t]+Wash"
)
_WEAK_SUFFIX = (
    r"Company|Farms?|Ranch|Market|Foods|Services|Transportation|Transit|Industry|Industries|Mine|"
    r"Electric|Energy|Cafe|Café|Restaurant|Diner|Mart|Store|Supply|Products"
)
_BUSINESS = re.compile(
    rf"(?<![\w])(?P<n>{_CAP}(?:[ \t]+(?:{_CAP}|&|and|of))*?)[ \t]+(?P<s>(?:{_STRONG_SUFFIX})|(?:{_WEAK_SUFFIX}))"
    r"(?:[ \t]+(?:LLC|L\.L\.C\.|Inc\.?|Co\.|Corp\.?))?(?![\w])"
)
_SERVICE_NOT = frozenset(
    {
        "health",
        "human",
        "social",
        "protective",
        "family",
        "children",
        "medical",
        "emergency",
        "indian",
    }
)

# --------------------------------------------------------------------------- places
_LOWER_HEAD = re.compile(
    rf"(?<![\w])(?P<n>{_CAP}(?:[ \t]{_CAP})?)[ \t]+(?=(?:clinic|hospital|health[ \t]+center|chapter(?:[ \t]+house)?|"
    r"school|pharmacy|IHS|service[ \t]+unit|site|nursing[ \t]+home|senior[ \t]+center|jail|shelter|"
    r"trading[ \t]+post|community[ \t]+center|flea[ \t]+market|truck[ \t]+stop|boarding[ \t]+school|"
    r"dormitory|dorm|group[ \t]+home|day[ \t]+care|daycare|head[ \t]+start)\b)"
)
_SAINT = re.compile(
    r"(?<![\w])(?:St\.?|Saint|Sts\.?)[ \t]+[A-Z][a-z]+(?:['\u2019]s)?"
    r"(?:[ \t]+(?:[A-Z][a-z]+|of|the)){0,4}(?![ \t]+(?i:wort|vitus))"
)
_FACILITY = re.compile(
    rf"(?<![\w])(?:{_CAP}[ \t]+){{0,3}}?(?:Memorial|Regional|General|Community|Women['\u2019]s|"
    r"Children['\u2019]s|Presbyterian|Indian|Baptist|Methodist|Veterans|Family)(?:[ \t]+(?:Medical|Health|"
    r"Hospital|Medical[ \t]+Center|Health[ \t]+Center|Health[ \t]+Care|Healthcare|Clinic|Center))+(?![\w])"
    r"(?![ \t]+(?:Plans?|Insurance|Partners|Network|Services|System)\b)"
)
_NUMBERED = re.compile(
    rf"(?<![\w])(?:Motel[ \t]+6|Super[ \t]+8)(?:[ \t]+(?:on|in|off|at)[ \t]+{_CAP}(?:[ \t]+(?:{_CAP}|\d+))*)?"
)
_CHAINS = (
    r"Walgreens|CVS|Walmart|Wal-Mart|Allsup['\u2019]s|Bashas['\u2019]?|Safeway|Smith['\u2019]s|"
    r"Albertsons|Family[ \t]+Dollar|Dollar[ \t]+General|Love['\u2019]s|Maverik|Circle[ \t]+K|"
    r"McDonald['\u2019]s|Sonic|Speedway|Chevron|Giant|Shell|Costco|Target|Home[ \t]+Depot|Lowe['\u2019]s"
)
_CHAIN = re.compile(
    rf"(?<![\w])(?:{_CHAINS})(?:[ \t]*#[ \t]?\d+|[ \t]+(?:on|in|off|at|by)[ \t]+(?:{_CAP}|\d+)"
    rf"(?:[ \t]+(?:{_CAP}|\d+))*|[ \t]+(?:-[ \t]+)?{_CAP}[ \t]+(?:Ave|St|Rd|Blvd|Dr)\.?)"
)
_ORD = r"\d{1,3}(?:st|nd|rd|th)"
_CORNER = re.compile(
    rf"(?i:from|at|near|on|corner\s+of|by|off)[ \t]+(?P<p>(?:{_CAP}|{_ORD})(?:[ \t]{_CAP})?[ \t]*"
    rf"(?:&|and|/)[ \t]*(?:{_CAP}|{_ORD})(?:[ \t]{_CAP})?)"
)
_STREETISH = re.compile(r"(?i)\b(?:st|ave|rd|blvd|dr|ln|way|hwy|street|avenue|road)\b\.?|\d")
_TOWN_LIST = re.compile(
    rf"(?P<l>{_CAP}(?:[ \t]{_CAP})?(?:,[ \t]+{_CAP}(?:[ \t]{_CAP})?)+(?:,?[ \t]+(?:and|or)[ \t]+{_CAP}(?:[ \t]{_CAP})?)?)"
)
_AREA = re.compile(
    rf"(?<![\w])(?P<n>{_CAP}(?:[ \t]{_CAP}){{0,2}})[ \t]+(?:District|neighborhood|neighbourhood|subdivision|"
    r"Subdivision|Apartments|apartments|Estates|trailer[ \t]+park|Mobile[ \t]+Home[ \t]+Park|mobile[ \t]+home[ \t]+park|"
    r"Heights|AFB|Air[ \t]+Force[ \t]+Base|Naval[ \t]+Air[ \t]+Station)(?![\w])"
)
_FORT = re.compile(r"(?<![\w])(?:Fort|Ft\.)[ \t]+[A-Z][a-z]+(?![\w])")
_STATE_AFTER = re.compile(
    rf"(?<![\w])(?P<n>{_CAP}(?:[ \t]{_CAP})?)[ \t]*(?:\([ \t]*|,[ \t]+)(?P<s>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)"
)

# --------------------------------------------------------------------------- dates, ids
_NINETY = re.compile(
    r"(?i)(?<![\w-])(?:ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"(?:one\s+)?hundred(?:\s+and\s+\w+)?)(?![\w-])"
)
_AGE_CONTEXT_BEFORE = re.compile(
    r"(?i)(?:\b(?:is|she['\u2019]s|he['\u2019]s|age|aged|turned|turns|turning|about|or|nearly|almost|"
    r"think|maybe|be)\s*)$"
)
_AGE_CONTEXT_AFTER = re.compile(
    r"(?i)\s*(?:years?|yrs?|yo\b|y/o|-year|or\s+ninety|,\s*not|\.|,|\"|$)"
)
_MONTH_WORD = re.compile(
    r"(?i)(?<![\w])(?:january|february|march|april|june|july|august|september|october|november|december)"
    r"[ \t]+(?:the[ \t]+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty[- ]first)(?![\w])"
)
_HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_])(?![\w@])")
_TATTOO = re.compile(
    r"(?i)tattoo[^\"\u201c\n.]{0,40}[\"\u201c](?P<t>[^\"\u201d\n]{2,40})[\"\u201d]"
)
_PLATE = re.compile(
    r"(?i:plate|tag)[ \t]*(?:#|no\.?|number)?[ \t:]*(?P<p>(?-i:[A-Z]{2})[ \t]+(?=[A-Z0-9]*\d)[A-Z0-9]{2,4}"
    r"(?:[ \t-][A-Z0-9]{2,4})?)(?![\w])"
)


def _is_word(w: str) -> bool:
    k = key(w)
    return k in lexicon.english() or k in lexicon.clinical() or k in STOP


def _namey(w: str) -> bool:
    """A capitalised word that could be a given name or surname (listed, or not an English word)."""
    k = key(w)
    if k in TITLES or k in RELATIONS or k in lexicon.clinical() or k in _STATE_WORDS or k in STOP:
        return k in lexicon.first_names() and k not in TITLES and k not in RELATIONS
    if w.isupper() and len(w) <= 4:
        return False
    return k in lexicon.first_names() or k in lexicon.surnames() or k not in lexicon.english()


def _name_span(m: re.Match, group: str, require_all: bool = False) -> tuple[int, int] | None:
    words = list(re.finditer(r"[^\W\d_][\w'\u2019-]*", m.group(group)))
    ok = [w for w in words if _namey(w.group())]
    if not words or not ok or (require_all and len(ok) != len(words)):
        return None
    base = m.start(group)
    return base + words[0].start(), base + words[-1].end()


def detect(text: str, prior: list[Hit]) -> list[Hit]:
    hits: list[Hit] = []
    add = hits.append
    places = lexicon.places()
    first = lexicon.first_names()

    # People ---------------------------------------------------------------------------------
    for rx, reason, conf in (
        (_GREETING, "name after a greeting", 0.75),
        (_CHAT_SPEAKER, "chat speaker before a time stamp", 0.8),
        (_CHAT_AFTER_TIME, "chat speaker after a time stamp", 0.8),
        (_TALKED, "name after 'talked to' / 'spoke with'", 0.7),
        (_OFFICER, "name after an officer/judge/coach title", 0.85),
        (_KIN, "name after a kinship word", 0.75),
    ):
        for m in rx.finditer(text):
            sp = _name_span(m, "n", require_all=rx is _CHAT_SPEAKER)
            if sp:
                add((*sp, "NAME", conf, reason))
    for m in _SUBJECT_VERB.finditer(text):
        w = m.group("n")
        k = key(w)
        if k in first and k not in lexicon.clinical() and k not in TITLES and k not in RELATIONS:
            add(
                (m.start("n"), m.end("n"), "NAME", 0.7, "first name as the subject of a human verb")
            )
    last_line = text.rstrip().rsplit("\n", 1)[-1]
    for m in _DASH_SIGN.finditer(text):
        w = m.group("n")
        at_end = text[m.end() :].strip() == "" or m.group(0).strip().startswith("--")
        if at_end and (key(w.split()[0]) in first or not _is_word(w.split()[0])) and last_line:
            add((m.start("n"), m.end("n"), "NAME", 0.7, "sign-off after a dash"))
    for m in _ADDRESSEE.finditer(text):
        w = m.group("n")
        if key(w) in first and not _is_word(w):
            add((m.start("n"), m.end("n"), "NAME", 0.7, "addressee at the start of a line"))
    for m in _FIELD.finditer(text):
        sp = _name_span(m, "v")
        v = m.group("v")
        if sp and not all(_is_word(w) for w in re.findall(r"[^\W\d_]+", v)):
            add((*sp, "NAME", 0.8, "value of a name field"))
    for m in _INITIALS.finditer(text):
        add((m.start("n"), m.end("n"), "NAME", 0.8, "initials after 'initials'"))
    for m in _DOTTED.finditer(text):
        if m.group("n") not in _DOTTED_NOT and _PERSON_BEFORE.search(
            text[max(0, m.start() - 40) : m.start()]
        ):
            add((m.start("n"), m.end("n"), "NAME", 0.65, "initials beside a person word"))

    # Businesses (employers are NAME) -----------------------------------------------------------
    for m in _BUSINESS.finditer(text):
        words = re.findall(r"[^\W\d_][\w'\u2019-]*", m.group("n"))
        while words and key(words[0]) in {"the", "a", "at", "for", "from", "by", "with"}:
            words = words[1:]
        if not words:
            continue
        strong = re.match(_STRONG_SUFFIX, m.group("s")) is not None
        if not strong:
            if any(key(w) in _SERVICE_NOT for w in words):
                continue
            if not any(_namey(w) or " ".join(key(x) for x in [w]) in places for w in words):
                continue
        elif all(key(w) in lexicon.clinical() for w in words):
            continue
        start = m.start("n") + m.group("n").find(words[0])
        add((start, m.end(), "NAME", 0.75, f"business name before '{m.group('s')}'"))

    # Places -----------------------------------------------------------------------------------
    for m in _LOWER_HEAD.finditer(text):
        words = m.group("n").split()
        if all(w.isupper() for w in words):
            continue
        if " ".join(key(w) for w in words) in places or all(not _is_word(w) for w in words):
            add((m.start("n"), m.end("n"), "GEOGRAPHIC", 0.65, "name before a facility word"))
    for rx, reason in (
        (_SAINT, "saint's name (church, hospital, school)"),
        (_FACILITY, "facility name"),
        (_NUMBERED, "numbered motel"),
        (_CHAIN, "chain store with its location"),
        (_FORT, "fort / base"),
    ):
        for m in rx.finditer(text):
            add((m.start(), m.end(), "GEOGRAPHIC", 0.8, reason))
    for m in _AREA.finditer(text):
        words = m.group("n").split()
        if all(_is_word(w) for w in words) and len(words) == 1 and m.group(0).split()[-1] != "AFB":
            continue
        add((m.start(), m.end(), "GEOGRAPHIC", 0.65, "neighbourhood / district / base"))
    for m in _CORNER.finditer(text):
        p = m.group("p")
        sides = re.split(r"[ \t]*(?:&|\band\b|/)[ \t]*", p)
        if len(sides) != 2 or any(key(s.split()[0]) in RELATIONS | TITLES for s in sides):
            continue
        if any(s.isupper() for s in sides):
            continue
        if "&" in p or any(_STREETISH.search(s) for s in sides):
            add((m.start("p"), m.end("p"), "GEOGRAPHIC", 0.6, "street intersection"))
    for m in _TOWN_LIST.finditer(text):
        items = [s.strip() for s in re.split(r",|\band\b|\bor\b", m.group("l")) if s.strip()]
        keys = [" ".join(key(w) for w in s.split()) for s in items]
        if any(k in _STATE_WORDS for k in keys):
            pass
        known = [k in places for k in keys]
        if any(
            not kn and any(_is_word(w) for w in s.split())
            for s, kn in zip(items, known, strict=True)
        ):
            continue
        if sum(known) >= 1 and sum(known) * 2 >= len(items) - 0:
            pos = m.start("l")
            for s, k in zip(items, keys, strict=True):
                at = text.find(s, pos)
                pos = at + len(s)
                if k in _STATE_WORDS or k in lexicon.clinical():
                    continue
                add((at, at + len(s), "GEOGRAPHIC", 0.6, "town in a list with known towns"))
    for m in _STATE_AFTER.finditer(text):
        if (
            key(m.group("s")) in _STATE_WORDS
            or " ".join(key(w) for w in m.group("s").split()) in _STATE_WORDS
        ):
            words = m.group("n").split()
            if all(_is_word(w) for w in words) and not any(
                " ".join(key(x) for x in words) == p for p in places
            ):
                continue
            add((m.start("n"), m.end("n"), "GEOGRAPHIC", 0.65, "place before a state name"))

    # Dates and identifiers ----------------------------------------------------------------------
    for m in _NINETY.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        if _AGE_CONTEXT_BEFORE.search(before) and _AGE_CONTEXT_AFTER.match(text, m.end()):
            add((m.start(), m.end(), "DATE", 0.7, "age over 89 in words"))
    for m in _MONTH_WORD.finditer(text):
        add((m.start(), m.end(), "DATE", 0.8, "month and day in words"))
    for m in _HANDLE.finditer(text):
        add((m.start(), m.end(), "OTHER_ID", 0.8, "social media handle"))
    for m in _TATTOO.finditer(text):
        add((m.start("t"), m.end("t"), "OTHER_ID", 0.75, "tattoo wording"))
    for m in _PLATE.finditer(text):
        add((m.start("p"), m.end("p"), "VEHICLE", 0.9, "plate after 'plate'"))

    hits.extend(_propagate(text, prior + hits))
    return hits


_NAMEY_NEXT = re.compile(r"[ \t]+(?:[A-Z]|did|had|has|went|was|is|said|says|told|called|and)")


def _propagate(text: str, found: list[Hit]) -> list[Hit]:
    """Every other mention of a token of a found name, in any case, incl. 'LAST, FIRST'."""
    eng = lexicon.english()
    clin = lexicon.clinical()
    tokens: set[str] = set()
    for s, e, label, conf, _ in found:
        if label != "NAME" or conf < 0.65:
            continue
        for w in re.findall(r"[^\W\d_][\w'\u2019-]*", text[s:e]):
            k = key(w)
            if "-" in w and any(p[:1].islower() for p in w.split("-")[1:]):
                continue
            if (
                len(k) >= 3
                and k not in clin
                and k not in STOP
                and k not in TITLES
                and k not in RELATIONS
            ):
                tokens.add(w)
    out: list[Hit] = []
    if not tokens:
        return out
    for m in _mentions(text, tokens):
        raw = m.group()
        english = key(raw) in eng
        if raw[0].islower() and english:
            continue
        if english and raw == raw.upper() and len(raw) <= 4:
            continue
        if english and raw[0].isupper():
            # A sentence-initial English word needs a name-ish neighbour or verb.
            before = text[max(0, m.start() - 2) : m.start()]
            if (
                m.start() == 0 or before.rstrip().endswith((".", "!", "?", "\n")) or "\n" in before
            ) and not _NAMEY_NEXT.match(text, m.end()):
                continue
        out.append((m.start(), m.end(), "NAME", 0.65, "another mention of a name found earlier"))
    return out


# A token is a run of [\w'\u2019-] (see _propagate), so a mention is a whole such run that
# equals a token ignoring case.
_RUN = re.compile(r"(?i)(?<![\w'\u2019-])[\w'\u2019-]+")


def _mentions(text: str, tokens: set[str]) -> Iterator[re.Match]:
    r"""Matches of one IGNORECASE alternation of the tokens, each a whole run of [\w'’-]."""
    if len(text) < 256:
        yield from _alternation(tokens).finditer(text)
        return
    # A match is a whole run of [\w'’-] (every token is one), so runs matching the ASCII tokens
    # and runs matching the others are found apart and merged by position: runs never overlap.
    # ASCII tokens: ``folded_text`` maps every character to the ASCII letter it matches in
    # ``re`` ignoring case (else keeps it), so a run matches a token iff its fold equals the
    # token lowered. Every run starts a word (its first character is a letter of a token).
    lowered = {w.lower() for w in tokens if w.isascii()}
    others = [w for w in tokens if not w.isascii()]
    found: list[re.Match] = []
    if lowered:
        folded = gate.folded_text(text)
        for pos in gate.word_head_starts(text, frozenset(lowered)):
            m = _RUN.match(text, pos)
            if m and folded[pos : m.end()] in lowered:
                found.append(m)
    if not others:
        found.sort(key=re.Match.start)
        yield from found
        return
    seen = {m.start() for m in found}
    found.extend(m for m in _alternation(others).finditer(text) if m.start() not in seen)
    found.sort(key=re.Match.start)
    yield from found


def _alternation(tokens) -> re.Pattern:
    alt = "|".join(re.escape(w) for w in sorted(tokens, key=len, reverse=True))
    return re.compile(rf"(?<![\w'\u2019-])(?:{alt})(?![\w'\u2019-])", re.IGNORECASE)


# Names and places start a capitalised word: an ASCII capital not after a word character,
# which no earlier run of the finder can cover (see gate.Anchored).
_CAP_START = re.compile(r"[A-Z]\w*")


def _cap_starts(text: str) -> list[int]:
    return gate.match_starts(_CAP_START, text)


for _name in (
    "_SAINT",
    "_FACILITY",
    "_NUMBERED",
    "_CHAIN",
    "_AREA",
    "_FORT",
    "_DOTTED",
):
    globals()[_name] = gate.Anchored(globals()[_name], _cap_starts)

# Greetings and officer titles start a word with one of their cue words.
_GREETING = gate.at_words(_GREETING)
_OFFICER = gate.at_words(_OFFICER)

# A business name ends in a company suffix ("Roofing", "LLC") after a space or tab; before it,
# back to where the match starts, come only capitalised words, "&", "and", "of" and blanks. So
# a match starts at a capitalised word inside the run of such characters that ends at a suffix.
_SUFFIX_HEADS = gate.prefixes(re.compile(rf"(?:{_STRONG_SUFFIX})|(?:{_WEAK_SUFFIX})"))
_NAME_RUN_BACK = re.compile(r"[\w'\u2019&\- \t]*")  # read right to left
_reversed: tuple[str, str] = ("", "")  # the last text, and it back to front


def _run_start(text: str, at: int, back: re.Pattern) -> int:
    """Where the run of text before ``at`` that ``back`` matches (right to left) begins."""
    global _reversed
    last = _reversed
    if last[0] is not text:
        last = _reversed = (text, text[::-1])
    m = back.match(last[1], len(text) - at)
    return at - (m.end() - m.start())


def _business_starts(text: str) -> list[int]:
    caps = _cap_starts(text)
    out: list[int] = []
    for at in gate.word_head_starts(text, _SUFFIX_HEADS):
        if at == 0 or text[at - 1] not in " \t":
            continue
        lo = bisect_left(caps, _run_start(text, at, _NAME_RUN_BACK))
        hi = bisect_left(caps, at)
        out.extend(caps[lo:hi])
    return out


_BUSINESS = gate.Anchored(_BUSINESS, _business_starts)


# These end their name part (one or two capitalised words) at something found quickly: a verb
# after blanks ("Rosa drove"), a facility head after blanks ("Crownpoint clinic"), a comma or
# bracket before a capitalised word ("Gallup, New Mexico"). Before it, back to where the match
# starts, come at most two runs of word characters, apostrophes or hyphens, one blank or tab
# between them, then blanks or tabs: the match starts at a capital in that stretch.
_TWO_WORDS_BACK = re.compile(r"[ \t]*[\w'\u2019-]*(?:[ \t][\w'\u2019-]*)?")  # right to left
_COMMA_CAP = re.compile(r",[ \t]+[A-Z]")
_BRACKET_CAP = re.compile(r"\([ \t]*[A-Z]")
_UPPER = re.compile(r"[A-Z]")
_VERBS = frozenset(
    re.sub(r"\\s\+away", "", _SUBJECT_VERB.pattern.split("(?=(?:")[1].split(")\\b)")[0]).split("|")
)
_HEADS = frozenset(
    [
        "clinic",
        "hospital",
        "health",
        "chapter",
        "school",
        "pharmacy",
        "ihs",
        "service",
        "site",
        "nursing",
        "senior",
        "jail",
        "shelter",
        "trading",
        "community",
        "flea",
        "truck",
        "boarding",
        "dormitory",
        "dorm",
        "group",
        "day",
        "daycare",
        "head",
    ]
)


def _caps_before(text: str, ends) -> list[int]:
    caps = _cap_starts(text)
    out: list[int] = []
    for at in ends:
        lo = bisect_left(caps, _run_start(text, at, _TWO_WORDS_BACK))
        out.extend(caps[lo : bisect_left(caps, at)])
    return out


def _after_blank(text: str, heads) -> list[int]:
    return [p for p in gate.word_head_starts(text, heads) if p and text[p - 1] in " \t"]


def _state_after_starts(text: str) -> list[int]:
    ends = gate.match_starts(_COMMA_CAP, text) + gate.match_starts(_BRACKET_CAP, text)
    return _caps_before(text, ends)


def _town_list_starts(text: str) -> list[int]:
    # No look-behind here: a town list may start at any capital, even inside a word.
    out: list[int] = []
    for at in gate.match_starts(_COMMA_CAP, text):
        lo = _run_start(text, at, _TWO_WORDS_BACK)
        out.extend(m.start() for m in _UPPER.finditer(text, lo, at))
    return out


_SUBJECT_VERB = gate.Anchored(_SUBJECT_VERB, lambda t: _caps_before(t, _after_blank(t, _VERBS)))
_LOWER_HEAD = gate.Anchored(_LOWER_HEAD, lambda t: _caps_before(t, _after_blank(t, _HEADS)))
_STATE_AFTER = gate.Anchored(_STATE_AFTER, _state_after_starts)
_TOWN_LIST = gate.Anchored(_TOWN_LIST, _town_list_starts)


gate.install(globals())
