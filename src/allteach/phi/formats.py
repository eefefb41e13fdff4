"""Validated formats and cue words: contact details, numbers and codes, addresses, ZIPs."""

import ipaddress
import re
from collections.abc import Iterator

from . import gate, lexicon

Hit = tuple[int, int, str, float, str]

STATE_ABBR = [*lexicon.STATE_CODES, *lexicon.TERRITORY_CODES]
STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|"
    "New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
    "Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming"
)
_STATE = rf"(?:{'|'.join(STATE_ABBR)}|N\.M\.|(?i:{STATE_NAMES}))"
_ZIP = r"\d{5}(?:-\d{4})?"
_CAPWORD = r"[A-Z][A-Za-z'\u00c0-\u024f.-]*"

# ---------------------------------------------------------------- identifiers behind cue words
_CONNECT = (
    r"(?:\s*(?:number|num|nbr|no\.?|#|id|is|was|of|on\s+file|ending(?:\s+in)?|reads?|:|=|-)){0,3}"
    r"(?:\s+(?-i:[A-Z]{2}|RPh|LPN|CDL|LCSW|APRN|CNP|DNP)(?=[\s#:]))?[\s:#=.-]*"
)
_IDTOKEN = (
    r"(?:[A-Za-z]{1,4}[ ](?=\d)\d{2,}[A-Za-z0-9-]*|"
    r"(?=[A-Za-z0-9./-]*\d)[A-Za-z0-9](?:[A-Za-z0-9]|[-./](?=[A-Za-z0-9]))+(?:[ ](?=\d)\d{2,}){0,3})"
)
_CUES: list[tuple[str, str, float]] = [
    ("SSN", r"ssn|social\s+security(?:\s+(?:number|no\.?|#|card))?|ss\s*#|soc\.?\s*sec\.?", 0.95),
    (
        "MRN",
        r"mrn|m\.r\.n\.?|medical\s+record(?:\s+(?:number|no\.?|num|#))?|med(?:ical)?\s+rec(?:ord)?\.?|"
        r"mr\s*#|chart(?:\s+(?:number|no\.?|#|id))?|hospital\s+(?:number|no\.?|#|id)|"
        r"patient\s+(?:id|number|no\.?|#)|pt\.?\s+(?:id|#)|(?:health\s+)?record\s*(?:number|no\.?|#|id)|"
        r"ehr\s+(?:id|number)|emr\s+(?:id|number|#)|unit\s+number",
        0.95,
    ),
    (
        "HEALTH_PLAN",
        r"member(?:ship)?\s*(?:id|#|number|no\.?)|subscriber\s*(?:id|#|number|no\.?)|"
        r"insurance\s*(?:id|#|number|no\.?|card(?:\s+number)?)|polic(?:y|ies)(?:\s*(?:id|#|number|no\.?|holder\s+id))?|"
        r"group\s*(?:id|#|number|no\.?)|medicaid(?:\s*(?:id|#|number|no\.?|card))?|"
        r"medicare(?:\s*(?:id|#|number|no\.?|card|beneficiary\s+identifier))?|mbi|hicn|"
        r"health\s*plan(?:\s*(?:id|#|number|no\.?|beneficiary\s+number))?|beneficiary\s*(?:id|#|number|no\.?)|"
        r"plan\s*(?:id|#|number)|payer\s*(?:id|#)|"
        r"(?:bcbs|blue\s+cross(?:\s+blue\s+shield)?|aetna|cigna|humana|united\s*health(?:care)?|molina|"
        r"presbyterian|centennial\s+care|tricare|kaiser|ambetter|western\s+sky)\s*(?:id|#|number|member\s+id)",
        0.95,
    ),
    (
        "ACCOUNT",
        r"account(?:\s*(?:number|no\.?|#|id))?|acct\.?(?:\s*(?:number|no\.?|#))?|a/c|"
        r"billing\s*(?:number|no\.?|#|id|account)|invoice(?:\s*(?:number|no\.?|#))?|routing(?:\s*(?:number|no\.?|#))?|"
        r"bank\s+account|(?:credit|debit|ebt)\s+card(?:\s*(?:number|no\.?|#))?|card\s*(?:number|no\.?|#)|"
        r"claim\s*(?:number|no\.?|#|id)|guarantor\s*(?:number|no\.?|#|id)|iban|(?-i:FIN)|"
        r"(?:card|account)\s+(?:on\s+file\s+)?ending(?:\s+in)?",
        0.9,
    ),
    (
        "VEHICLE",
        r"licen[cs]e\s+plate(?:\s*(?:number|no\.?|#))?|(?:car|truck|vehicle)?\s*plates?(?:\s*(?:number|no\.?|#))?|"
        r"tag\s*(?:number|no\.?|#)|vin|vehicle\s+identification\s+number|vehicle\s+(?:id|registration)(?:\s*(?:number|no\.?|#))?",
        0.95,
    ),
    (
        "LICENSE",
        r"(?:driver'?s?\s+)?licen[cs]e(?:\s*(?:number|no\.?|#|id))?|lic\.?\s*(?:number|no\.?|#)|lic\.|dl\s*#?|"
        r"dea(?:\s*(?:number|no\.?|#|registration))?|npi(?:\s*(?:number|no\.?|#))?|"
        r"certificat(?:e|ion)\s*(?:number|no\.?|#)|cert\.?\s*(?:number|no\.?|#)|board\s+certification(?:\s*(?:number|no\.?|#))?|"
        r"cdl|state\s+id(?:\s*(?:number|no\.?|#))?|professional\s+registration(?:\s*(?:number|no\.?|#))?",
        0.9,
    ),
    (
        "DEVICE",
        r"serial(?:\s*(?:number|no\.?|#|num))?|s/n|sn\s*[:#]|(?-i:SN)|device\s*(?:id|#|number|serial|identifier)|udi|imei|meid|"
        r"(?:pacemaker|defibrillator|icd|pump|implant|cgm|monitor|sensor|transmitter|hearing\s+aid|"
        r"cochlear\s+implant|insulin\s+pump|stimulator|port)\s+(?:serial|id|sn|s/n)(?:\s*(?:number|no\.?|#))?|"
        r"model\s*/\s*serial|mac\s+address",
        0.9,
    ),
    (
        "OTHER_ID",
        r"case\s*(?:number|no\.?|#|id)|study\s*(?:id|#|number|no\.?)|subject\s*(?:id|#|number|no\.?)|"
        r"participant\s*(?:id|#|number|no\.?)|enrollment\s*(?:id|#|number|no\.?)|"
        r"tribal\s+(?:id|enrollment|census|membership|member)(?:\s*(?:card|number|no\.?|#))?|census\s*(?:number|no\.?|#)|"
        r"cib(?:\s*(?:number|no\.?|#))?|employee\s*(?:id|#|number|no\.?)|badge(?:\s*(?:id|#|number|no\.?))?|"
        r"student\s*(?:id|#|number|no\.?)|inmate\s*(?:id|#|number|no\.?)|booking\s*(?:number|no\.?|#)|"
        r"confirmation\s*(?:number|no\.?|#|code)|reference\s*(?:number|no\.?|#)|ref\s*#|referral\s*(?:number|no\.?|#|id)|"
        r"(?:prior\s+)?auth(?:ori[sz]ation)?\s*(?:number|no\.?|#|code)|accession(?:\s*(?:number|no\.?|#))?|"
        r"encounter\s*(?:number|no\.?|#|id)|visit\s*(?:number|no\.?|#|id)|specimen\s*(?:number|no\.?|#|id)|"
        r"order\s*(?:number|no\.?|#)|ticket\s*(?:number|no\.?|#)|alien\s*(?:number|no\.?|#|registration\s+number)|"
        r"passport(?:\s*(?:number|no\.?|#))?|(?:probation|court|parole|cyfd|aps|cps|criminal|police|legal)\s+case|a-number|uscis\s*(?:number|no\.?|#)|visa\s*(?:number|no\.?|#)|wic\s*(?:id|#|number)|"
        r"(?:patient\s+)?identifier|identification\s*(?:number|no\.?|#)|\bid\s*(?:number|no\.?|#|:)|"
        r"docket(?:\s*(?:number|no\.?|#))?|cause\s*(?:number|no\.?|#)|(?-i:ID)",
        0.85,
    ),
]
_CUE_RES = [
    (
        label,
        re.compile(rf"(?i)(?<![\w])(?:{cue})(?![a-z]){_CONNECT}(?P<id>{_IDTOKEN})(?![\w])"),
        conf,
    )
    for label, cue, conf in _CUES
]
_YEARISH = re.compile(r"(?:19|20)\d\d")
_PLAN_CONTEXT = re.compile(
    r"(?i)medicaid|medicare|insurance|insurer|health\s+plan|payer|centennial|molina|bcbs|"
    r"blue\s+cross|presbyterian|tricare|aetna|cigna|humana|united\s*health|ambetter|western\s+sky"
)


_LETTER_ID = re.compile(r"[\s:#=-]*([A-Za-z]{5,12})(?![\w-])")
_LETTER_ID_CUES = [
    (label, re.compile(rf"(?i)(?<![\w])(?:{cue})(?![a-z])"), conf)
    for label, cue, conf in _CUES
    if label in {"DEVICE", "HEALTH_PLAN", "LICENSE", "OTHER_ID", "VEHICLE"}
]


def _letter_ids(text: str) -> Iterator[Hit]:
    """IDs made only of letters ('transmitter ID SHQIBK') right after an ID-ending cue."""
    english = lexicon.english()
    for label, regex, conf in _LETTER_ID_CUES:
        for m in regex.finditer(text):
            cue = m.group().lower()
            if not re.search(r"(?:id|#|no\.?|number|serial|s/n|sn|cdl|vin)$", cue):
                continue
            lm = _LETTER_ID.match(text, m.end())
            if not lm:
                continue
            word = lm.group(1)
            if word.lower() in english or lexicon.key(word) in lexicon.clinical():
                continue
            if word.islower() and not text[m.start() : m.end()].islower():
                continue
            yield lm.start(1), lm.end(1), label, conf - 0.15, f"letters after '{cue}'"


_LOOSE_CUE = re.compile(
    r"(?i)\b(?:mrn|chart\s*(?:number|no\.?|#)|medical\s+record|patient\s+id|pt\s+id|id\s+band|wristband|"
    r"record\s+(?:number|no\.?|#)|account|acct|member\s+(?:id|#|number)|group|policy|application|"
    r"case|docket|booking|inmate|claim|encounter|accession)\b"
)
# fmt: off
_LOOSE_LABEL = {
    "mrn": "MRN", "chart": "MRN", "medical": "MRN", "patient": "MRN", "pt": "MRN", "id": "MRN",
    "wristband": "MRN", "record": "MRN", "account": "ACCOUNT", "acct": "ACCOUNT",
    "claim": "ACCOUNT", "member": "HEALTH_PLAN", "group": "HEALTH_PLAN", "policy": "HEALTH_PLAN",
}
# fmt: on
_LOOSE_ID = re.compile(
    r"(?<![\w/.$-])(?=[A-Za-z0-9-]*\d{4})(?:[A-Za-z]{1,4}-?)?\d[\dA-Za-z]*(?:-[\dA-Za-z]+){0,3}(?![\w/-]|\.\d)"
)
_CODE_CUE = re.compile(
    r"(?i)\b(?:cpt|icd(?:-?(?:9|10|11))?|hcpcs|ndc|loinc|drg|snomed|rev\s+code|bmi)\b"
)
_HASH_ID = re.compile(r"#\s?(?P<id>(?=[A-Za-z0-9-]*\d{4})[A-Za-z0-9][A-Za-z0-9-]{3,})(?![\w/])")


def _loose_ids(text: str) -> Iterator[Hit]:
    """ID-like tokens (4+ digits) a few words after a cue in the same sentence ('chart number
    at Cibola General is CGH-1020374', 'wrong MRN (T8890211 instead of T8890217)')."""
    for m in _LOOSE_CUE.finditer(text):
        window = text[m.end() : m.end() + 48]
        stop = re.search(r"[.;!?](?:\s|$)|\n", window)
        if stop:
            window = window[: stop.start()]
        # A billing or diagnosis code ends the window: "encounter ENC-0043, CPT 99214".
        code = _CODE_CUE.search(window)
        if code:
            window = window[: code.start()]
        first = m.group().split()[0].lower()
        label = _LOOSE_LABEL.get(first, "OTHER_ID")
        for idm in _LOOSE_ID.finditer(window):
            ident = idm.group()
            if _YEARISH.fullmatch(ident) or re.fullmatch(r"\d{1,2}-\d{1,2}-\d{2,4}", ident):
                continue
            if sum(c.isdigit() for c in ident) < 5 and not re.search(r"[A-Za-z-]", ident):
                continue
            s = m.end() + idm.start()
            yield s, s + len(ident), label, 0.7, f"ID-like token after '{m.group().lower()}'"
    for m in _HASH_ID.finditer(text):
        yield m.start("id"), m.end("id"), "OTHER_ID", 0.7, "number after '#'"


# Plan codes written in letters after a pharmacy-benefit or group cue ("RxGroup: NMCAID").
_PLAN_CODE = re.compile(
    r"(?i)\b(?:rx\s*group|rx\s*grp|group\s*(?:id|#|no\.?|number|code)|grp\s*(?:id|#)?|"
    r"plan\s*(?:id|code|#))\s*[:#=]?\s*(?-i:([A-Z][A-Z0-9]{3,11}))(?![\w-])"
)
_NOT_PLAN_CODE = frozenset(
    {"NONE", "NULL", "UNKNOWN", "PENDING", "SELF", "SAME", "MEDICAID", "MEDICARE"}
)


def _plan_codes(text: str) -> Iterator[Hit]:
    for m in _PLAN_CODE.finditer(text):
        if m.group(1) in _NOT_PLAN_CODE:
            continue
        yield m.start(1), m.end(1), "HEALTH_PLAN", 0.7, "plan code after a group cue"


def cue_ids(text: str) -> Iterator[Hit]:
    yield from _plan_codes(text)
    yield from _letter_ids(text)
    yield from _loose_ids(text)
    for label, regex, conf in _CUE_RES:
        for m in regex.finditer(text):
            ident = m.group("id")
            digits = sum(c.isdigit() for c in ident)
            if len(ident) < 4 and not (label == "SSN" and digits == 4):
                continue
            if label != "SSN" and _YEARISH.fullmatch(ident):
                continue
            if digits < 2 and not (digits == 1 and len(ident) >= 6):
                continue
            cue = text[m.start() : m.start("id")].strip(" :#=.-").lower()
            if label == "OTHER_ID" and cue == "id":
                if digits < 4:
                    continue
                if _PLAN_CONTEXT.search(text, max(0, m.start() - 48), m.start()):
                    label = "HEALTH_PLAN"
            yield m.start("id"), m.end("id"), label, conf, f"number after '{cue}'"


# ---------------------------------------------------------------- check-digit formats
def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def npi_ok(npi: str) -> bool:
    return len(npi) == 10 and npi[0] in "12" and luhn_ok("80840" + npi)


def dea_ok(dea: str) -> bool:
    dea = dea.upper()
    if len(dea) != 9 or not dea[2:].isdigit() or dea[0] not in "ABCDEFGHJKLMPRSTUX":
        return False
    d = [int(c) for c in dea[2:]]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return check == d[6]


_VIN_VALUES = dict(zip("0123456789", range(10), strict=True))
_VIN_VALUES.update(dict(zip("ABCDEFGH", range(1, 9), strict=True)))
_VIN_VALUES.update(dict(zip("JKLMN", range(1, 6), strict=True)))
_VIN_VALUES.update({"P": 7, "R": 9})
_VIN_VALUES.update(dict(zip("STUVWXYZ", range(2, 10), strict=True)))
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_ok(vin: str) -> bool:
    vin = vin.upper()
    if len(vin) != 17 or any(c not in _VIN_VALUES for c in vin):
        return False
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True))
    check = total % 11
    return vin[8] == ("X" if check == 10 else str(check))


_MBI_A = "AC-HJKMNP-RT-Y"
_MBI = re.compile(
    rf"[1-9](?<![\w-][1-9])[{_MBI_A}][{_MBI_A}0-9]\d-?[{_MBI_A}][{_MBI_A}0-9]\d-?[{_MBI_A}]{{2}}\d\d(?![\w-])"
)
_DEA = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z9]\d{7}(?![\w-])")
_NPI = re.compile(r"[12](?<![\w-][12])\d{9}(?![\w-])")
_VIN = re.compile(r"[A-HJ-NPR-Z0-9](?<![\w-][A-HJ-NPR-Z0-9])[A-HJ-NPR-Z0-9]{16}(?![\w-])")
_CARD = re.compile(r"[3-6](?<![\w-][3-6])\d{3}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?![\w-])")
_SSN = re.compile(r"(?<![\w-])(?!000|666)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])")
_UDI = re.compile(r"\(01\)\d{14}(?:\(\d{2}\)[\w-]+)*")
_MAC = re.compile(
    r"[0-9A-Fa-f](?<![\w:-][0-9A-Fa-f])[0-9A-Fa-f](?:([:-])[0-9A-Fa-f]{2})(?:\1[0-9A-Fa-f]{2}){4}(?![\w:-])"
)


_VEHICLE_WORDS = re.compile(
    r"(?i)\b(?:vin|vehicle|car|truck|crash|mvc|mva|motorcycle|suv|van|pickup|sedan|plate|registration)\b"
)


def checked_numbers(text: str) -> Iterator[Hit]:
    for m in _SSN.finditer(text):
        yield m.start(), m.end(), "SSN", 0.9, "SSN shape ddd-dd-dddd"
    for m in _MBI.finditer(text):
        yield m.start(), m.end(), "HEALTH_PLAN", 0.85, "Medicare beneficiary identifier format"
    for m in _DEA.finditer(text):
        if dea_ok(m.group()):
            yield m.start(), m.end(), "LICENSE", 0.85, "DEA number with valid check digit"
    for m in _NPI.finditer(text):
        if npi_ok(m.group()):
            yield m.start(), m.end(), "LICENSE", 0.7, "NPI with valid check digit"
    for m in _VIN.finditer(text):
        v = m.group()
        if vin_ok(v) and not v.isdigit() and not v.isalpha():
            yield m.start(), m.end(), "VEHICLE", 0.9, "VIN with valid check digit"
        elif sum(c.isdigit() for c in v) >= 5 and sum(c.isalpha() for c in v) >= 3:
            # A mistyped check digit still leaves a VIN-shaped identifier; near a vehicle word
            # it is a VIN, anywhere else still an identifier of some kind.
            near = _VEHICLE_WORDS.search(text, max(0, m.start() - 80), m.end() + 40)
            label = "VEHICLE" if near else "OTHER_ID"
            yield m.start(), m.end(), label, 0.6, "17-character VIN shape"
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            yield m.start(), m.end(), "ACCOUNT", 0.75, "card number with valid Luhn digit"
    for m in _UDI.finditer(text):
        yield m.start(), m.end(), "DEVICE", 0.9, "UDI device identifier"
    for m in _MAC.finditer(text):
        yield m.start(), m.end(), "DEVICE", 0.8, "hardware (MAC) address"


# ---------------------------------------------------------------- contact details and network
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+'-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_EMAIL_SPOKEN = re.compile(
    r"(?i)(?<![\w.])[a-z0-9][a-z0-9._-]*\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+)\s*[a-z0-9-]+"
    r"(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+|\.)\s*[a-z0-9-]+)*"
    r"\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+|\.)\s*(?:com|org|net|edu|gov|us|io)\b"
)
_TLDS = (
    "com|org|net|edu|gov|mil|int|io|us|info|biz|health|care|app|ly|me|co|ai|online|site|tv|uk|ca|mx"
)
_URL = re.compile(
    rf"(?i)(?<![\w@.])(?:(?:https?|ftp)://[^\s<>\"'()\[\]]+|www\.[^\s<>\"'()\[\]]+|"
    rf"(?:[a-z0-9-]+\.)+(?:{_TLDS})(?:/[^\s<>\"'()\[\]]*)?(?![\w@-]))"
)
_IPV4 = re.compile(
    r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)"
)
_IPV6_LOOSE = re.compile(r"(?<![\w:])(?:[0-9A-Za-z]{1,4}:){2,7}:?[0-9A-Za-z]{0,4}(?![\w:])")
_IP_CUE = re.compile(
    r"(?i)(?:\bip|address|log(?:ged|in)?\s+from|from|connected\s+from|via)\W{0,3}$"
)
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%\w+)?(?![\w:])")
_PHONE = re.compile(
    r"(?<![\w+/.-])(?:(?:\+?1|001)[\s.-]?)?(?:\(\d{3}\)[\s.-]?|\d{3}[\s./-])\d{3}[\s.-]\d{4}"
    r"(?:\s*(?i:x|ext\.?|extension)\s*\d{1,6})?(?![\w-])"
)
_PHONE_INTL = re.compile(r"(?<![\w+])\+(?:[2-9]\d{0,2})(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?![\w-])")
_PHONE_LOCAL = re.compile(r"\d(?<![\w/.-]\d)\d\d-\d{4}(?![\w-]|/)")
_PHONE_CUE = re.compile(
    r"(?i)\b(?:phone|ph|tel|telephone|cell|mobile|call|text|contact|number|home|work|pager|fax|faxed\s+to|facsimile|at)"
    r"(?:\s*(?:no\.?|number|#|is))?\W{0,4}$"
)
_PHONE_PLAIN = re.compile(r"\d(?<![\w-]\d)\d{9}(?![\w-])")
_FAX_CUE = re.compile(r"(?i)(?:fax(?:ed)?|facsimile|\bf)\b[^\n\d]{0,12}$")


def contacts(text: str) -> Iterator[Hit]:
    for m in _EMAIL.finditer(text):
        yield m.start(), m.end(), "EMAIL", 0.97, "e-mail address"
    for m in _EMAIL_SPOKEN.finditer(text):
        yield m.start(), m.end(), "EMAIL", 0.8, "e-mail address written out ('at', 'dot')"
    for m in _URL.finditer(text):
        url = m.group().rstrip(".,;:!?")
        if url.lower() in {"e.g", "i.e"}:
            continue
        yield m.start(), m.start() + len(url), "URL", 0.9, "web address"
    for m in _IPV4.finditer(text):
        before = text[max(0, m.start() - 8) : m.start()].lower()
        if "v" in before[-2:] or "version" in before:
            continue
        yield m.start(), m.end(), "IP", 0.9, "IPv4 address"
    for m in _IPV6.finditer(text):
        cand = m.group()
        if cand.count(":") < 2 or not any(c.isalnum() for c in cand):
            continue
        try:
            ipaddress.IPv6Address(cand.split("%")[0])
        except ValueError:
            continue
        yield m.start(), m.end(), "IP", 0.9, "IPv6 address"
    for m in _IPV6_LOOSE.finditer(text):
        cand = m.group()
        shaped = (cand.count(":") >= 4 or "::" in cand) and any(c.isdigit() for c in cand)
        if shaped and _IP_CUE.search(text[max(0, m.start() - 20) : m.start()]):
            yield m.start(), m.end(), "IP", 0.6, "IPv6-shaped address after 'from'/'IP'"
    for regex, conf, need_cue in (
        (_PHONE, 0.9, False),
        (_PHONE_INTL, 0.8, False),
        (_PHONE_LOCAL, 0.6, False),
        (_PHONE_PLAIN, 0.8, True),
    ):
        for m in regex.finditer(text):
            before = text[max(0, m.start() - 24) : m.start()]
            if need_cue and not _PHONE_CUE.search(before):
                continue
            if regex is _PHONE_INTL and sum(c.isdigit() for c in m.group()) < 8:
                continue
            if _FAX_CUE.search(before):
                yield m.start(), m.end(), "FAX", 0.92, "number after 'fax'"
            else:
                yield m.start(), m.end(), "PHONE", conf, "telephone number shape"


# ---------------------------------------------------------------- photos and biometrics
_PHOTO_FILE = re.compile(
    r"(?i)(?<![\w.-])[\w\-.()]*\w\.(?:jpe?g|png|gif|heic|heif|bmp|tiff?|webp|dcm|dicom|raw|cr2|nef|mp4|mov|avi|m4v|3gp)(?![\w])"
)
_PHOTO_NAMED = re.compile(
    r"(?i)\b(?:screen\s?shot|screen\s+capture|img|image|photo|pxl|dsc|scan|picture|snapshot)[\w \-.,()@]{0,40}?"
    r"\.(?:jpe?g|png|gif|heic|heif|bmp|tiff?|webp|dcm)\b"
)
_PHOTO_REF = re.compile(
    r"(?i)\b(?:(?:full[-\s]?face|facial|face|frontal|head[-\s]?and[-\s]?shoulders?|profile|clinical\s+face)\s+"
    r"(?:photo(?:graph)?s?|pictures?|pics?|images?|selfies?|shots?)|"
    r"(?:photo(?:graph)?s?|pictures?|pics?|images?|selfies?|snapshots?|video)\s+(?:showing|of)\s+"
    r"(?:(?:his|her|their|the\s+patient'?s?|the\s+pt'?s?|pt'?s?|patient'?s?|my|your|the\s+child'?s?|the\s+baby'?s?)\s+)?"
    r"(?:whole\s+|entire\s+)?(?:face|faces|head\s+and\s+face)|selfies?|head[-\s]?shots?|mug\s?shots?)\b"
)
_BIOMETRIC = re.compile(
    r"(?i)\b(?:(?:(?:his|her|their|the\s+patient'?s|pt'?s|right|left|a)\s+)?(?:(?:index|middle|ring|little|pinky)\s+)?(?:finger|thumb|palm|voice|hand)\s?-?prints?|"
    r"retinal?\s+scans?|gait\s+(?:captures?|recordings?|data)|"
    r"palm[-\s]vein\s+scans?|iris\s+(?:scans?|patterns?|templates?|images?)|retina\s+scans?|"
    r"retina(?:l)?\s+(?:patterns?|templates?|signatures?)|voice\s+recordings?(?:\s+of\s+(?:him|her|them)(?:\s+[a-z]+ing\s+[\w\s]{0,40}?(?=[.,;]))?)?|facial\s+(?:recognition|geometry)(?:\s+(?:templates?|data|ids?|scans?))?|"
    r"face\s+(?:prints?|templates?)|biometric\s+(?:ids?|identifiers?|templates?|signatures?|records?|data|scans?|logins?)|"
    r"gait\s+(?:signatures?|patterns?)|dna\s+(?:profiles?|fingerprints?))"
    r"(?:\s+(?:templates?|ids?|records?|samples?|scans?|on\s+file))?(?:"
    + _CONNECT.replace("[\\s:#=.-]*", "[\\s:#=-]*")
    + r"(?:"
    + _IDTOKEN
    + r"))?"
)


_PHOTO_OF_PERSON = re.compile(
    r"(?i)\b(?:photo(?:graph)?s?|pictures?|pics?|selfies?|videos?|images?)\s+of\s+(?:him|her|them|the\s+(?:pt|patient|baby|child))"
    r"\b[^.,;:\n]{0,40}?(?=\s+(?:for|to|so|but|because|that)\b|[.,;:\n]|$)"
)
_PHOTO_SPACED = re.compile(
    r"(?i)\b(?:pic|photo|picture|image|img|screenshot)\b[\w ]{0,30}?\.(?:jpe?g|png|gif|heic|heif|mp4|mov)\b"
)
_DIGIT_WORD = r"(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine)"
_SPOKEN_PHONE = re.compile(rf"(?i)\b{_DIGIT_WORD}(?:[\s,.-]+{_DIGIT_WORD}){{6,12}}\b")


def media(text: str) -> Iterator[Hit]:
    for m in _PHOTO_OF_PERSON.finditer(text):
        yield m.start(), m.end(), "PHOTO", 0.7, "photo or video of the person"
    for m in _PHOTO_SPACED.finditer(text):
        yield m.start(), m.end(), "PHOTO", 0.75, "image file name with spaces"
    for m in _SPOKEN_PHONE.finditer(text):
        if sum(w.lower() != "o" for w in re.findall(r"[A-Za-z]+", m.group())) >= 7:
            yield m.start(), m.end(), "PHONE", 0.75, "phone number spoken as words"
    for m in _PHOTO_FILE.finditer(text):
        yield m.start(), m.end(), "PHOTO", 0.9, "image file name"
    for m in _PHOTO_NAMED.finditer(text):
        yield m.start(), m.end(), "PHOTO", 0.85, "image file name"
    for m in _PHOTO_REF.finditer(text):
        yield m.start(), m.end(), "PHOTO", 0.8, "reference to a face photo"
    for m in _BIOMETRIC.finditer(text):
        yield m.start(), m.end(), "BIOMETRIC", 0.75, "biometric identifier"


# ---------------------------------------------------------------- addresses and ZIP codes
_SUFFIX = (
    r"(?i:street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|circle|cir|"
    r"place|pl|trail|trl|highway|hwy|parkway|pkwy|terrace|ter|loop|plaza|plz|square|sq|alley|"
    r"crossing|path|pike|row|run|walk|cove|cv|ridge|canyon|heights|hts|hollow|bend|view|estates|pass)(?![A-Za-z])\.?"
)
_DIR = r"(?:[NSEW]\.?|[NS][EW]\.?|North|South|East|West|Northeast|Northwest|Southeast|Southwest|(?i:nw|ne|sw|se))"
_UNIT = r"(?:,?\s*(?i:apt|apartment|unit|suite|ste|lot|space|spc|trlr|trailer|bldg|building|room|rm|#)\.?\s*#?\s*[A-Za-z0-9-]+)?"
_CITY_TAIL = rf"(?:,?\s+(?:{_CAPWORD}\s+){{0,2}}{_CAPWORD},?\s+{_STATE}\.?(?:,?\s+{_ZIP})?)?"
_ADDRESS = re.compile(
    rf"\d(?<![\w/.-]\d)\d{{0,5}}[A-Za-z]?(?:-\d{{1,4}})?\s+(?!(?i:mg|mcg|ml|units?|tabs?|g|kg|lbs?|x|times|days?|weeks?)\b)(?:{_DIR}\s+)?"
    rf"(?:(?:[A-Z][\w'.-]*|\d{{1,3}}(?:st|nd|rd|th)|de|del|la|los|las|el)\s+){{1,4}}{_SUFFIX}(?:\s+{_DIR}(?![\w]))?"
    rf"{_UNIT}{_CITY_TAIL}"
)
_ADDRESS_PREFIXED = re.compile(
    rf"\d(?<![\w/.-]\d)\d{{0,5}}\s+(?i:calle|camino|avenida|paseo|via|county\s+road|cr|state\s+road|"
    rf"highway|hwy|route|rte|indian\s+route|navajo\s+route|bia\s+route|n)\s+(?:[A-Z0-9][\w'.-]*|(?:de|del|la|las|los|el)\s+[A-Z][\w'.-]*)"
    rf"(?:\s+(?:[A-Z][\w'.-]*|de|del|la|las|los|el)){{0,3}}(?<![a-z] de)(?<! del)(?<! la)(?<! las)(?<! los)(?<! el){_UNIT}{_CITY_TAIL}"
)
_ROAD = re.compile(
    r"\b(?i:county\s+road|cr|indian\s+route|navajo\s+route|bia\s+route|n|state\s+road|nm)[\s-]?\d{1,4}[A-Za-z]?\b"
    r"(?:\s+(?:and|&|at)\s+(?i:county\s+road|cr|indian\s+route|navajo\s+route|bia\s+route|n)[\s-]?\d{1,4})?"
)
_HIGHWAY = re.compile(
    r"(?i:\bmile\s+marker|\bmm)\s*\d{1,3}(?:\.\d)?(?:\s+(?:on|of|along|off)\s+(?:(?-i:US|NM|AZ|CO|UT|TX|SR|I)|"
    r"(?i:u\.s\.|interstate|highway|hwy|route|rte|state\s+road|indian\s+route|navajo\s+route|county\s+road))[\s-]?\d{1,4})?"
    r"|(?:(?<=\boff )|(?<=\bnear )|(?<=\balong ))(?:(?i:old)\s+)?(?:(?-i:US|NM|AZ|SR|I)|(?i:u\.s\.|interstate|highway|hwy|route|rte))[\s-]?\d{1,4}\b"
)
_STREET_NAMED = re.compile(
    r"(?<![\w-])(?:Calle|Camino|Avenida|Paseo|Callej[oó]n|Vereda|Carretera|Rancho|Placita)\s+"
    r"(?:(?:de|del|la|las|los|el|San|Santa)\s+)*[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019-]*){0,2}"
    r"|(?:(?<=\bon )|(?<=\boff )|(?<=\bnear )|(?<=\balong ))(?:[A-Z][\w'\u2019.-]*\s+){1,3}"
    r"(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Trail|Highway|Hwy|Parkway|"
    r"Pkwy|Loop|Way|Court|Circle|Place|Terrace|Drive)(?![\w])"
)
_CITY_STATE = re.compile(
    r"(?<![\w-])(?!(?:The|This|That|In|At|On|From|And|But|Dr|Mr|Mrs|Ms)\b)(?:[A-Z][\w'\u2019.-]+\s+){0,2}[A-Z][\w'\u2019.-]+,\s+"
    r"(?:NM|AZ|CO|UT|TX|CA|NV|NY|FL|WA|IL|GA|NC|OH|MI|NJ|VA|MN|WI|KS|NE|SD|ND|MT|WY|AR|LA|MS|AL|TN|KY|SC|OR)(?![\w-])"
)
_NOT_TOWN = frozenset(
    [
        "PharmD",
        "MD",
        "DO",
        "RN",
        "LPN",
        "NP",
        "PA",
        "Frontier",
        "Rebel",
        "Silverado",
        "Tacoma",
        "Ranger",
        "Civic",
        "Camry",
        "Corolla",
        "Accord",
        "Altima",
        "Sierra",
        "Tundra",
        "Wrangler",
        "Cherokee",
        "Explorer",
        "Escape",
        "Malibu",
        "Impala",
        "Outback",
        "Forester",
    ]
)
_LICENCE_AFTER = re.compile(
    r"\s+(?i:licen[cs]e|lic\b|plates?|tags?|motorcycle|registration|rph|lpn|rn|md|csr|dea|"
    r"medicaid|claim|vin)"
)
_STREET_ABBR = re.compile(
    r"(?<![\w-])(?!(?:The|A|An|This|That|Our|His|Her|My|On|Off)\s)(?:[A-Z][\w'\u2019.-]*\s+){1,2}"
    r"(?:Ave|Blvd|Rd|St|Hwy|Pkwy|Ln)\.?(?![\w])"
)
_FACILITY_ACRONYM = re.compile(
    r"(?<![\w-])(?:RMCH|UNMCC|UNMMG|PIMC|GIMC|NNMC|CIMC|SJRMC|TCRHCC|RMCHCS|CSVRMC|PHS\s+Kaseman|"
    r"UNMH(?!\s+(?:(?:Project\s+)?ECHO|MRN)\b))(?![\w-])"
)
_ROAD_CUE = re.compile(r"(?i)(?:off|on|near|along|lives|at|by|mile\s+marker\s+\d+\s+(?:on|of))\s+$")
# San Juan County and other rural areas number their roads: "22 Road 6100", "#45 Rd 5860".
_NUMBERED_ROAD = re.compile(r"(?<![\w#/.-])#?\d{1,6}[ \t]+(?:Road|ROAD|Rd\.?|RD)[ \t]+\d{3,5}\b")
_POBOX = re.compile(
    rf"(?i)\b(?:p\.?\s?o\.?\s*box|post\s+office\s+box|hc\s*\d+\s*,?\s*box|rr\s*\d+\s*,?\s*box|"
    rf"rural\s+route\s+\d+(?:\s*,?\s*box)?|general\s+delivery)\s*#?\s*\d*(?-i:{_CITY_TAIL})"
)
_CITY_STATE_ZIP = re.compile(
    rf"(?:{_CAPWORD}\s+){{0,2}}{_CAPWORD},?\s+{_STATE}\.?,?\s+{_ZIP}(?![\w-])"
)
_STATE_ZIP = re.compile(rf"(?<![\w-]){_STATE}\.?,?\s+({_ZIP})(?![\w-])")
_ZIP_CUE = re.compile(
    r"(?i)\b(?:zip(?:\s*code)?|postal\s+code)\s*(?:is|of|:|#)?\s*(\d{5}(?:-\d{4})?)(?![\w-])"
)
_BARE_ZIP = re.compile(r"(?<![\w$#.,/:-])\d{5}(?:-\d{4})?(?![\w-]|[.,/]\d)")
_NOT_ZIP_AFTER = re.compile(
    r"\s*(?i:mg|mcg|g\b|ml|l\b|units?|u\b|iu|cells|copies|cpm|k\b|x\b|%|/|per|steps|cal|kcal|dollars|usd|miles|mi\b|feet|ft|lbs?|kg)"
)
_NOT_ZIP_BEFORE = re.compile(
    r"(?i)(?:load|count|rna|dna|level|titer|platelets?|plt|wbc|ck|cpk|bnp|ferritin|lipase|afp|ldh|score|"
    r"steps|cost|weight|\$|copies|iu|x|of|than|about|approximately|to|-|id|number|#|mrn|no\.?|"
    r"cpt|icd|hcpcs|drg|code)\W{0,3}$"
)


# Where the slowest address patterns can start, from one fast pass each (see gate.Anchored).
# Every ZIP of those patterns follows white space and starts a run of digits.
_ZIP_AFTER_SPACE = re.compile(r"\s\d{5}")
_FIVE_DIGITS = re.compile(r"\d\d{4}")  # a class first, so that re skips ahead quickly
_BACK_SPACE = re.compile(r"\s+")
# Read right to left from a ZIP: "Santa Fe, New Mexico 87501" holds at most five runs of space.
_BACK_CITY = re.compile(r"\s+(?:\S+\s+){0,4}\S*")
_UPPER = re.compile(r"[A-Z]")
_MAX_STATE = max(map(len, [*STATE_NAMES.split("|"), *STATE_ABBR, "N.M."]))
# The road/street look-behinds ("off ", "near ") are case-sensitive; the match starts after them.
_AFTER_ROAD_CUE = re.compile(r"(?:on|off|near|along) ")
_STREET_WORD = re.compile(r"Calle|Camino|Avenida|Paseo|Vereda|Carretera|Rancho|Placita")


def _zips_after_space(text: str) -> list[int]:
    return [s + 1 for s in gate.match_starts(_ZIP_AFTER_SPACE, text)]


def _state_zip_starts(text: str) -> Iterator[int]:
    for z in _zips_after_space(text):
        space = gate.run_start(text, z, _BACK_SPACE)
        yield from range(max(0, space - 2 - _MAX_STATE), space)


def _city_state_zip_starts(text: str) -> Iterator[int]:
    for z in _zips_after_space(text):
        for m in _UPPER.finditer(text, gate.run_start(text, z, _BACK_CITY), z):
            yield m.start()


# "(?<=\\boff )" and the like: the whole word (case-sensitive, so a subset of the folded
# words the index holds) and one space; the match starts after them.
_ROAD_CUE_WORDS = {frozenset({w + " "}): len(w) + 1 for w in ("on", "off", "near", "along")}
_HIGHWAY_CUE_WORDS = {h: n for h, n in _ROAD_CUE_WORDS.items() if "on " not in h}
_MILE_HEADS = frozenset({"mile", "mm"})


def _after_cue_words(text: str, cues: dict) -> list[int]:
    out: list[int] = []
    for heads, n in cues.items():
        out.extend([q + n for q in gate.word_head_starts(text, heads)])
    return out


def _highway_starts(text: str) -> list[int]:
    # "\\bmile" and "\\bmm" begin a word; the rest start after "off ", "near ", "along ".
    return gate.word_head_starts(text, _MILE_HEADS) + _after_cue_words(text, _HIGHWAY_CUE_WORDS)


def _street_named_starts(text: str) -> list[int]:
    return _after_cue_words(text, _ROAD_CUE_WORDS) + gate.match_starts(_STREET_WORD, text)


_SSN_MIDDLE = re.compile(r"-\d\d(?=-)")  # "-dd" of ddd-dd-dddd; the next may start at its dash


_SSN = gate.Anchored(
    _SSN, lambda text: [p - 3 for p in gate.match_starts(_SSN_MIDDLE, text) if p >= 3]
)
_CITY_STATE_ZIP = gate.Anchored(_CITY_STATE_ZIP, _city_state_zip_starts)
_STATE_ZIP = gate.Anchored(_STATE_ZIP, _state_zip_starts)
_BARE_ZIP = gate.Anchored(_BARE_ZIP, lambda text: gate.match_starts(_FIVE_DIGITS, text))
_HIGHWAY = gate.Anchored(_HIGHWAY, _highway_starts)
_STREET_NAMED = gate.Anchored(_STREET_NAMED, _street_named_starts)


def addresses(text: str) -> Iterator[Hit]:
    for m in _ADDRESS.finditer(text):
        yield m.start(), m.end(), "GEOGRAPHIC", 0.9, "street address"
    for m in _ADDRESS_PREFIXED.finditer(text):
        yield m.start(), m.end(), "GEOGRAPHIC", 0.85, "street address"
    for m in _ROAD.finditer(text):
        word = re.split(r"[\s\d-]", m.group(), maxsplit=1)[0].lower()
        if word in {"n", "nm", "cr"} and not _ROAD_CUE.search(
            text[max(0, m.start() - 30) : m.start()]
        ):
            continue
        yield m.start(), m.end(), "GEOGRAPHIC", 0.75, "rural road used as an address"
    for m in _HIGHWAY.finditer(text):
        yield m.start(), m.end(), "GEOGRAPHIC", 0.75, "highway location used as an address"
    for m in _STREET_NAMED.finditer(text):
        yield m.start(), m.end(), "GEOGRAPHIC", 0.7, "street name"
    for m in _CITY_STATE.finditer(text):
        last = m.group().split(",")[0].split()[-1]
        if (
            any(c.isdigit() for c in m.group())
            or (last.isupper() and len(last) <= 5)
            or last in _NOT_TOWN
            or _LICENCE_AFTER.match(text, m.end())
        ):
            continue  # "RN, NM license", "Ford F-150, NM plate", "USMC, VA claim"
        yield m.start(), m.end(), "GEOGRAPHIC", 0.8, "place before a state abbreviation"
    for m in _STREET_ABBR.finditer(text):
        if m.group().split()[0] in ("Dr", "St") or m.group().startswith(("Hep ", "Vitamin ")):
            continue
        yield m.start(), m.end(), "GEOGRAPHIC", 0.7, "street name with an abbreviated suffix"
    for m in _FACILITY_ACRONYM.finditer(text):
        yield m.start(), m.end(), "GEOGRAPHIC", 0.8, "acronym of a known facility"
    for m in _POBOX.finditer(text):
        yield m.start(), m.end(), "GEOGRAPHIC", 0.9, "post-office box or rural route"
    for m in _NUMBERED_ROAD.finditer(text):
        yield m.start(), m.end(), "GEOGRAPHIC", 0.85, "house number on a numbered road"
    for m in _CITY_STATE_ZIP.finditer(text):
        yield m.start(), m.end(), "GEOGRAPHIC", 0.9, "city, state and ZIP line"
    for m in _STATE_ZIP.finditer(text):
        yield m.start(1), m.end(1), "GEOGRAPHIC", 0.95, "ZIP code after a state"
    for m in _ZIP_CUE.finditer(text):
        yield m.start(1), m.end(1), "GEOGRAPHIC", 0.95, "number after 'ZIP'"
    valid = lexicon.zips()
    for m in _BARE_ZIP.finditer(text):
        if m.group()[:5] not in valid:
            continue
        if _NOT_ZIP_AFTER.match(text, m.end()):
            continue
        if _NOT_ZIP_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        yield m.start(), m.end(), "GEOGRAPHIC", 0.5, "5-digit number that is a real ZIP code"


# Patterns whose every match begins at a word that starts with one of a few literal heads
# (read from the pattern, gate.word_heads) are tried only at those words, found in one index
# of the words of the text that every such pattern shares (see gate.at_words).
_VEHICLE_HEADS = frozenset({"licen", "car", "truck", "vehicle", "plate", "tag", "vin"})
_PLATE = frozenset({"plate"})


def _vehicle_cue_starts(text: str) -> list[int]:
    """VEHICLE cues start at one of their words, or (with no word before 'plate') anywhere in
    the white space before 'plate': "(car|truck|vehicle)?\\s*plates?"."""
    out = list(gate.word_head_starts(text, _VEHICLE_HEADS))
    for q in gate.word_head_starts(text, _PLATE):
        out.extend(range(gate.run_start(text, q, _BACK_SPACE), q))
    return out


def _at_cue_words(label: str, regex):
    regex = getattr(regex, "pattern_obj", regex)
    if label == "VEHICLE":
        return gate.Anchored(regex, _vehicle_cue_starts, gated=False)
    return gate.at_words(regex)


_CUE_RES[:] = [(label, _at_cue_words(label, regex), conf) for label, regex, conf in _CUE_RES]
_LETTER_ID_CUES[:] = [
    (label, _at_cue_words(label, regex), conf) for label, regex, conf in _LETTER_ID_CUES
]
_LOOSE_CUE = gate.at_words(_LOOSE_CUE)
_PLAN_CODE = gate.at_words(_PLAN_CODE)
_PHOTO_NAMED = gate.at_words(_PHOTO_NAMED)
_PHOTO_REF = gate.at_words(_PHOTO_REF)
_BIOMETRIC = gate.at_words(_BIOMETRIC)
_PHOTO_OF_PERSON = gate.at_words(_PHOTO_OF_PERSON)
_PHOTO_SPACED = gate.at_words(_PHOTO_SPACED)
_SPOKEN_PHONE = gate.at_words(_SPOKEN_PHONE)
_ROAD = gate.at_words(_ROAD)
_FACILITY_ACRONYM = gate.at_words(_FACILITY_ACRONYM)
_POBOX = gate.at_words(_POBOX)
_ZIP_CUE = gate.at_words(_ZIP_CUE)


_DIGITS = frozenset("0123456789")
_IPV4 = gate.at_words(_IPV4, _DIGITS)  # "(?<![\\w.])" then a digit: a word start


def _char_starts(char: str):
    def starts(text: str) -> list[int]:
        return gate.feature(text, ("char", char), lambda t: _find_all(t, char))

    return starts


def _find_all(text: str, needle: str) -> list[int]:
    out = []
    pos = text.find(needle)
    while pos != -1:
        out.append(pos)
        pos = text.find(needle, pos + 1)
    return out


_PHONE_INTL = gate.Anchored(_PHONE_INTL, _char_starts("+"), gated=False)
_HASH_ID = gate.Anchored(_HASH_ID, _char_starts("#"), gated=False)

# Spoken e-mail addresses: every marker ("[at]", "(at)", "{at}", " at ") holds the whole word
# "at"; the match starts in the run of name characters (and white space) just before it.
_AT_WORD = frozenset({"at "})
_BACK_SPOKEN_NAME = re.compile(r"(?i)[\[({]?\s*[a-z0-9._-]*")


def _email_spoken_starts(text: str) -> list[int]:
    out: list[int] = []
    for q in gate.word_head_starts(text, _AT_WORD):
        out.extend(range(gate.run_start(text, q, _BACK_SPOKEN_NAME), q))
    return out


# Image file names: the match ends in "\\w.ext" and starts in the run of file-name characters
# before that dot.
_IMAGE_EXT = re.compile(
    r"(?i)\.(?:jpe?g|png|gif|heic|heif|bmp|tiff?|webp|dcm|dicom|raw|cr2|nef|mp4|mov|avi|m4v|3gp)"
)
_BACK_FILE_NAME = re.compile(r"[\w\-.()]*")


def _photo_file_starts(text: str) -> list[int]:
    out: list[int] = []
    for d in gate.match_starts(_IMAGE_EXT, text):
        out.extend(range(gate.run_start(text, d, _BACK_FILE_NAME), d))
    return out


_EMAIL_SPOKEN = gate.Anchored(_EMAIL_SPOKEN, _email_spoken_starts)
_PHOTO_FILE = gate.Anchored(_PHOTO_FILE, _photo_file_starts)


# Patterns that once scanned the whole text, now tried only where a fast pass over one
# literal or one short shape says a match can start (gate.Anchored, exact: every start of a
# match is among the candidates). Each reason is beside its finder.

# E-mail: the match holds "@"; it starts in the run of local-part characters just before it.
_BACK_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9._%+'-]*")


def _email_starts(text: str) -> list[int]:
    out: list[int] = []
    for q in _char_starts("@")(text):
        out.extend(range(gate.run_start(text, q, _BACK_EMAIL_LOCAL), q))
    return out


# URL: "http"/"ftp"/"www." begin the first two kinds; a bare domain "name.tld" starts at the
# start of the run of [a-z0-9-] before its first dot, or just after a "-" in that run (a
# look-behind rules out a word character before the start), and that dot is followed by one
# of [a-z0-9-] (the next label or the TLD).
_URL_DOT = re.compile(r"(?i)\.[a-z0-9-]")
_BACK_URL_LABEL = re.compile(r"(?i)[a-z0-9-]*")
_URL_HEADS = ("http", "ftp", "www.")


def _url_starts(text: str) -> list[int]:
    out = list(gate.word_starts(text, _URL_HEADS))
    for q in gate.match_starts(_URL_DOT, text):
        start = gate.run_start(text, q, _BACK_URL_LABEL)
        if start < q:
            out.append(start)
            out.extend([p + 1 for p in range(start, q - 1) if text[p] == "-"])
    return out


# IPv6: two colons with at most four characters ([0-9A-Za-z], a superset of hex) between; the
# match starts at most four characters before the first colon.
_COLON_PAIR = re.compile(r":(?=[0-9A-Za-z]{0,4}:)")


def _ipv6_starts(text: str) -> list[int]:
    out: list[int] = []
    for q in gate.match_starts(_COLON_PAIR, text):
        out.extend(range(max(0, q - 4), q + 1))
    return out


# MAC: two hex digits after the first separator, then the same separator again.
_MAC_SEP = re.compile(r"[:-](?=[0-9A-Fa-f]{2}[:-])")


def _mac_starts(text: str) -> list[int]:
    return [q - 2 for q in gate.match_starts(_MAC_SEP, text) if q >= 2]


# Runs of seven or more digits, whole (finditer starts each at the run's first digit).
# A DEA number ends a run (its last 7 or 8 digits) two letters after its start; a plain
# ten-digit phone number is a whole run of exactly ten.
_DIGIT_RUN7 = re.compile(r"\d{7,}")


def _digit_runs7(text: str) -> list[tuple[int, int]]:
    return gate.feature(
        text, ("spans", "digit_run7"), lambda t: [m.span() for m in _DIGIT_RUN7.finditer(t)]
    )


def _dea_starts(text: str) -> list[int]:
    return [e - 9 for _, e in _digit_runs7(text) if e >= 9]


def _phone_plain_starts(text: str) -> list[int]:
    return [s for s, e in _digit_runs7(text) if e - s == 10]


# Phone: every match ends in "ddd", one of [\s.-], then "dddd" not followed by a digit (an
# extension or the end comes next); the three digits begin a run. The match starts at most
# ten characters before them: "+1 " or "001 " and "(ddd) " or "ddd-".
_PHONE_CORE = re.compile(r"\d{3}[\s.-]\d{4}(?!\d)")


def _phone_starts(text: str) -> list[int]:
    out: list[int] = []
    for c in gate.match_starts(_PHONE_CORE, text):
        out.extend(range(max(0, c - 10), c + 1))
    return out


# "Place, NM": the comma and state abbreviation, then up to three capitalised words back.
_COMMA_STATE = re.compile(
    r",\s+(?:NM|AZ|CO|UT|TX|CA|NV|NY|FL|WA|IL|GA|NC|OH|MI|NJ|VA|MN|WI|KS|NE|SD|ND|MT|WY|AR|LA|"
    r"MS|AL|TN|KY|SC|OR)(?![\w-])"
)
_BACK_WORDS3 = re.compile(r"[\w'\u2019.-]+(?:\s+[\w'\u2019.-]+){0,2}")


def _city_state_starts(text: str) -> list[int]:
    out: list[int] = []
    for q in gate.match_starts(_COMMA_STATE, text):
        start = gate.run_start(text, q, _BACK_WORDS3)
        out.extend([m.start() for m in _UPPER.finditer(text, start, q)])
    return out


# "Coors Blvd": the suffix after white space, then one or two capitalised words back.
_ABBR_SUFFIX = re.compile(r"(?:Ave|Blvd|Rd|St|Hwy|Pkwy|Ln)\.?(?!\w)")
_BACK_WORDS2 = re.compile(r"\s+[\w'\u2019.-]+(?:\s+[\w'\u2019.-]+)?")


def _street_abbr_starts(text: str) -> list[int]:
    out: list[int] = []
    for s in gate.match_starts(_ABBR_SUFFIX, text):
        start = gate.run_start(text, s, _BACK_WORDS2)
        if start < s:
            out.extend([m.start() for m in _UPPER.finditer(text, start, s)])
    return out


_EMAIL = gate.Anchored(getattr(_EMAIL, "pattern_obj", _EMAIL), _email_starts)
_URL = gate.Anchored(getattr(_URL, "pattern_obj", _URL), _url_starts)
_IPV6 = gate.Anchored(getattr(_IPV6, "pattern_obj", _IPV6), _ipv6_starts)
_IPV6_LOOSE = gate.Anchored(getattr(_IPV6_LOOSE, "pattern_obj", _IPV6_LOOSE), _ipv6_starts)
_MAC = gate.Anchored(getattr(_MAC, "pattern_obj", _MAC), _mac_starts)
_DEA = gate.Anchored(getattr(_DEA, "pattern_obj", _DEA), _dea_starts)
_PHONE_PLAIN = gate.Anchored(
    getattr(_PHONE_PLAIN, "pattern_obj", _PHONE_PLAIN), _phone_plain_starts
)
_PHONE = gate.Anchored(getattr(_PHONE, "pattern_obj", _PHONE), _phone_starts)
_CITY_STATE = gate.Anchored(getattr(_CITY_STATE, "pattern_obj", _CITY_STATE), _city_state_starts)
_STREET_ABBR = gate.Anchored(
    getattr(_STREET_ABBR, "pattern_obj", _STREET_ABBR), _street_abbr_starts
)


def detect(text: str) -> Iterator[Hit]:
    yield from cue_ids(text)
    yield from checked_numbers(text)
    yield from contacts(text)
    yield from media(text)
    yield from addresses(text)
    yield from marks(text)


_TATTOO = re.compile(
    r"(?i)\btattoos?\s+(?:reading|that\s+reads|saying|says|of|with)\s+"
    r"(?P<q>['\"\u201c\u2018])(?P<body>[^'\"\u201d\u2019\n]{1,60})['\"\u201d\u2019]"
)


_TATTOO = gate.at_words(_TATTOO)


def marks(text: str) -> Iterator[Hit]:
    for m in _TATTOO.finditer(text):
        yield m.start("q"), m.end(), "OTHER_ID", 0.8, "words of a tattoo (a unique mark)"


gate.install(globals())
