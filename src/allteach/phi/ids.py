"""Generalised cue rule for identifier categories: an ID-like token a few words after a cue.

The fixed cues in ``formats`` need the ID right behind the cue ("member ID 12345"). People also
write "her Molina number is 12345", "DL (NM) 123456789", "pacemaker, serial on the card
PJN442871". Here a cue word of a category opens a window of up to four words in the same
sentence; the first ID-like token in it (>= 4 characters with >= 3 digits, or a letter-digit
mix) is flagged with that category. Doses, lab values, dates, years, codes, phone numbers and
model names are never ID-like; a token some other layer already labelled is left to it.
"""

import re
from collections.abc import Iterator

from . import gate

Hit = tuple[int, int, str, float, str]

# Strong cues may have any words (up to four) before the ID; weak cues only connector words.
# fmt: off
_CUES: dict[str, tuple[str, str]] = {
    "HEALTH_PLAN": (
        r"member(?:ship)?|subscriber|beneficiary|policy(?:holder)?|insurance|insurer|insured|payer|payor|"
        r"medicaid|medicare|mbi|hicn|bcbs(?:nm)?|blue\s+cross(?:\s+blue\s+shield)?|blue\s+shield|aetna|cigna|"
        r"uhc|united\s*health(?:care)?|humana|centennial(?:\s+care)?|molina|tricare|ambetter|"
        r"western\s+sky|kaiser|anthem|wellcare|champva|health\s+plan|turquoise\s+care|chip",
        r"group|grp|plan|ins|presbyterian|ihs|coverage",
    ),
    "SSN": (r"ssn|social\s+security(?:\s+(?:number|no\.?|card))?|soc\s+sec", r"ss"),
    "BIOMETRIC": (
        r"fingerprints?|finger\s+prints?|voiceprints?|voice\s+prints?|palm\s*prints?|iris|retina(?:l)?|"
        r"biometric|face\s*prints?|templates?",
        r"scan|enrol(?:l)?ed",
    ),
    "LICENSE": (
        r"csr|controlled\s+substance(?:\s+registration)?|(?:driver'?s?\s+)?licen[cs]e(?!\s+plate)|licen[cs]ed|lic|dl|cdl|npis?|dea|permit|"
        r"certification|certificate|cert|credential",
        r"(?-i:RN|LPN|LVN|MD|DO|PharmD|RPh|APRN|CNP|NP|PA-C|LCSW|LPCC|LMHC|DDS|OD)|pharmacist|nursing|"
        r"chauffeur|operator",
    ),
    "DEVICE": (
        r"serial|s/n|sn|udi|gudid|imei|meid|esn|device",
        r"pacemaker|defibrillator|aicd|icd(?![-\s]?(?:9|10|11)\b)|pump|cgm|vns|dbs|implant|stimulator|"
        r"transmitter|sensor|receiver|hearing\s+aids?|cochlear|port-a-cath|lvad|loop\s+recorder|ilr|"
        r"glucometer|meter|nebuli[sz]er|concentrator|cpap|bipap|wheelchair|prosthe(?:sis|tic)",
    ),
    "VEHICLE": (
        r"licen[cs]e\s+plates?|plates?|tags?|registration|vin",
        r"car|truck|vehicle|van|suv|pickup|motorcycle|sedan|jeep|reg",
    ),
    "OTHER_ID": (
        r"case|docket|booking|inmate|badge|student|employee|enrol(?:l)?ment|census|passport|visa|itin|"
        r"a-number|alien|uscis|cib|tribal\s+(?:id|enrollment|enrolment|number|membership)|"
        r"warrant|citation|probation|parole|offender|detainee",
        r"(?-i:ID)|file|ref|reference|record|locker|dorm",
    ),
    "ACCOUNT": (
        r"account|acct|billing|invoice|claim|statement|guarantor|har",
        r"card|ending",
    ),
}
# fmt: on
_CONNECTORS = frozenset(
    [
        "id",
        "ids",
        "#",
        "no",
        "no.",
        "num",
        "nbr",
        "number",
        "numbers",
        "is",
        "was",
        "are",
        "of",
        "on",
        "file",
        "ending",
        "in",
        ":",
        "=",
        "-",
        "the",
        "her",
        "his",
        "their",
        "pt's",
        "patient's",
        "pts",
        "patients",
        "its",
        "card",
        "#",
        "reads",
        "read",
        "listed",
        "as",
        "shows",
        "#",
        "and",
        "(",
        ")",
        ":",
        "=",
        "state",
        "mem",
        "mbr",
        "member",
    ]
)
# Words that end a window: another kind of number follows.
_BREAK = re.compile(
    r"(?i)^(?:lot|exp|expires?|expiry|model|version|ver|v|room|rm|bed|ext|extension|phone|tel|"
    r"call|fax|cell|dob|born|mrn|ssn|cpt|icd|code|dx|hcpcs|ndc|loinc|step|size|gauge|fr|french|"
    r"dose|doses|mg|mcg|ml|units?|score|level|a1c|bp|hr|rate|weight|wt|age|aged|years?|days?|"
    r"weeks?|months?|hours?|mins?|x|times|since|until|from|at|by|zip|address|apt|suite|box|"
    r"route|hwy|highway|miles?|mi|\$|percent|%|vs|to|over|under|about|approx|around)$"
)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'./#-]*|[#:=()]")
_CAND = re.compile(
    r"(?:(?!(?:DEA|NPI|DL|CDL|CSR|SSN|MBI|VIN|ID|SN|UDI|MRN|ICD|IMEI)\b)(?-i:[A-Z]{2,4})[ ](?=[A-Z0-9]*\d))?"
    r"(?=[A-Za-z0-9./-]*\d)[A-Za-z0-9]+(?:[-./][A-Za-z0-9]+)*(?:[ ](?=[A-Za-z0-9]*\d)[A-Za-z0-9]{2,}(?:[-][A-Za-z0-9]+)*){0,3}"
)
_UNIT_TAIL = re.compile(
    r"(?i)^\d+(?:[.,]\d+)?(?:mg|mcg|ug|g|kg|ml|l|units?|u|iu|meq|mmol|mm|cm|in|hr|hrs|h|min|d|wk|wks|mo|yr|yrs|"
    r"x|%|k|lb|lbs|oz|cc|mmhg|bpm|mph|st|nd|rd|th|am|pm|s)$"
)
_UNIT_AFTER = re.compile(
    r"(?i)\s*(?:mg|mcg|ug|g\b|kg|ml|units?|iu|meq|mmol|mm\b|cm\b|hrs?\b|hours?|min|days?|weeks?|"
    r"months?|years?|yrs?|x\b|%|lbs?|oz|cc|mmhg|bpm|cells|copies|steps|miles?|dollars|am\b|pm\b|/)"
)
_NOT_ID = re.compile(
    r"(?i)(?:19|20)\d\d|\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?|\d+(?:\.\d+)+|\d+/\d+|\d{1,3}-\d{1,3}|"
    r"[A-TV-Z]\d{2}(?:\.[0-9A-Z]{1,4})?|\d{1,2}:\d{2}|(?:19|20)\d\d-\d\d(?:-\d\d)?|"
    r"(?:covid|sars|h1n1|hba1c|cd4|cd8|b12|d3|t4|t3|k2)[-]?\d*|\d{3}[-.]\d{3}[-.]\d{4}"
)
_MODEL = re.compile(r"(?i)[A-Z]{0,3}\d{1,4}[A-Z]{0,3}")  # "780G", "G7", "X2", "A1", "T20"
_SPECIFIC = frozenset(
    {
        "PHONE",
        "FAX",
        "DATE",
        "EMAIL",
        "URL",
        "IP",
        "SSN",
        "MRN",
        "HEALTH_PLAN",
        "ACCOUNT",
        "LICENSE",
        "VEHICLE",
        "DEVICE",
        "OTHER_ID",
        "PHOTO",
        "BIOMETRIC",
    }
)


def _compile() -> list[tuple[str, bool, re.Pattern]]:
    out = []
    for label, (strong, weak) in _CUES.items():
        for is_strong, cue in ((True, strong), (False, weak)):
            out.append(
                (label, is_strong, re.compile(rf"(?i)(?<![A-Za-z0-9/-])(?:{cue})(?![A-Za-z0-9'])"))
            )
    return out


_CUE_RES = _compile()
_ANY_CUE = re.compile(
    "(?i)^(?:" + "|".join(f"{s}|{w}" for s, w in _CUES.values()) + r"|mrn|chart|ssn|phone|dob)$"
)


_SPOKEN_UNIT = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|niner|alpha|alfa|bravo|charlie|delta|echo|"
    r"foxtrot|golf|hotel|india|juliett?|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|"
    r"uniform|victor|whiskey|x-?ray|yankee|zulu|[a-z])"
)
_SPOKEN_ID = re.compile(rf"(?i){_SPOKEN_UNIT}(?:[\s,-]+{_SPOKEN_UNIT}){{5,14}}(?![\w])")
_DIGIT_WORDS = re.compile(r"(?i)\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|niner)\b")


def id_like(tok: str, strict: bool = False) -> bool:
    """An identifier shape, not a dose, lab value, date, year, code or model name."""
    core = re.sub(r"[-./ ]", "", tok)
    digits = sum(c.isdigit() for c in core)
    letters = sum(c.isalpha() for c in core)
    if len(core) < 4 or digits == 0 or not core.isalnum():
        return False
    if _NOT_ID.fullmatch(tok) or _UNIT_TAIL.search(tok):
        return False
    head, _, rest = tok.partition(" ")
    if rest and head.isalpha() and (_NOT_ID.fullmatch(rest) or _UNIT_TAIL.search(rest)):
        return False  # a measurement after its name: "BMI 15.9", "CAP 310"
    if letters == 0:
        return digits >= (5 if strict else 4)
    if strict and _MODEL.fullmatch(core) and len(core) <= 5:
        return False
    if letters and digits < 3 and (len(core) < 5 or letters > digits * 3):
        return False
    return digits >= 3 or (digits >= 2 and len(core) >= 5)


def detect(text: str, prior: list[Hit]) -> Iterator[Hit]:
    taken = [(s, e, lab) for s, e, lab, _c, _r in prior if lab in _SPECIFIC]
    for label, strong, rx in sorted(_CUE_RES, key=lambda c: not c[1]):
        for m in rx.finditer(text):
            cue = m.group()
            # A sentence ends the window; so does the next cue of any category.
            tail = text[m.end() : m.end() + 60]
            stop = re.search(r"[.;!?](?:\s|$)|\n|,\s+(?:and|but)\b", tail)
            if stop:
                tail = tail[: stop.start()]
            pos, words = 0, 0
            while words <= 4 and pos < len(tail):
                while pos < len(tail) and tail[pos] in " \t,":
                    pos += 1
                if pos >= len(tail):
                    break
                sm = _SPOKEN_ID.match(tail, pos) if strong else None
                if sm and len(_DIGIT_WORDS.findall(sm.group())) >= 4:
                    s = m.end() + pos
                    e = s + len(sm.group())
                    if not any(a < e and s < b and lab != "PHONE" for a, b, lab in taken):
                        taken.append((s, e, label))
                        yield s, e, label, 0.8, f"ID spoken as words after '{cue}'"
                    break
                cm = _CAND.match(tail, pos)
                wm = _WORD.match(tail, pos)
                if not wm and not cm:
                    pos += 1
                    continue
                word = wm.group() if wm else cm.group()
                if cm:
                    cand = cm.group().rstrip(".-/")
                    direct = strong and _direct(tail[:pos])
                    strict = not direct or label in {"HEALTH_PLAN", "VEHICLE"} or not strong
                    if id_like(cand, strict=strict):
                        s = m.end() + pos
                        e = s + len(cand)
                        if text[m.end() : s] == "-" and cue.isupper():
                            s = m.start()  # the cue is part of the ID: "IHS-CHS 22-104-889"
                        if (
                            not _UNIT_AFTER.match(text, e)
                            and text[s - 1 : s] != "$"
                            and not any(a < e and s < b and lab != label for a, b, lab in taken)
                            and not any(a <= s and e <= b for a, b, _lab in taken)
                        ):
                            taken.append((s, e, label))
                            yield s, e, label, 0.8, f"ID-like token after '{cue.lower()}'"
                            yield from _listed(text, e, cand, label, cue, taken)
                        elif any(a <= s and e <= b and lab == label for a, b, lab in taken):
                            yield from _listed(text, e, cand, label, cue, taken)
                        break
                low = word.lower().rstrip(":.") or word
                if _BREAK.match(low) or (
                    words and low not in _CONNECTORS and _ANY_CUE.match(low) and low != cue.lower()
                ):
                    break
                if not strong and low not in _CONNECTORS and not low.isupper():
                    break
                if re.search(r"\d", word):
                    break  # a number that is not an ID (a dose, a count) ends the window
                pos += len(word)
                words += word[0].isalnum()


_LIST_NEXT = re.compile(
    r"\s*(?:,|;|/|&|\band\b)\s*(?:and\s+)?(?P<id>[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*)"
)


def _listed(text: str, e: int, first: str, label: str, cue: str, taken: list) -> Iterator[Hit]:
    """IDs of the same shape listed after the first ("NPIs: 1457382916, 1093817265")."""
    shape = re.sub(r"[A-Za-z]", "a", re.sub(r"\d", "9", first))
    while m := _LIST_NEXT.match(text, e):
        nxt = m.group("id").rstrip(".-/")
        if re.sub(r"[A-Za-z]", "a", re.sub(r"\d", "9", nxt)) != shape or not id_like(nxt):
            return
        s, e = m.start("id"), m.start("id") + len(nxt)
        if any(a < e and s < b for a, b, _lab in taken):
            return
        taken.append((s, e, label))
        yield s, e, label, 0.75, f"ID listed after another one after '{cue.lower()}'"


def _direct(between: str) -> bool:
    """Only connector words ('#', 'no.', 'number is') between the cue and the token."""
    return all(w.lower().rstrip(":.") in _CONNECTORS for w in _WORD.findall(between))


# A cue starts after a character that is not an ASCII letter, digit, "/" or "-": at a word
# start (a word beginning with one of the cue's first words; see gate.word_head_starts), or
# right after a word character that is not an ASCII letter or digit ("_", "é").
_ODD_WORD_CHAR = re.compile(r"[^\W0-9A-Za-z]")


def _cue_starts(heads: frozenset[str]):
    def starts(text: str) -> list[int]:
        return gate.word_head_starts(text, heads) + gate.match_ends(_ODD_WORD_CHAR, text)

    return starts


def _anchor(rx: re.Pattern):
    heads = gate.prefixes(rx)
    if not heads or not all(h[0].isalpha() for h in heads):
        return rx
    return gate.Anchored(rx, _cue_starts(heads))


_CUE_RES = [(label, strong, _anchor(rx)) for label, strong, rx in _CUE_RES]

gate.install(globals())
