"""Dates more specific than a year, and ages over 89 (Safe Harbor groups both as dates)."""

import datetime
import re
from collections.abc import Iterator

from . import gate

Hit = tuple[int, int, str, float, str]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thur?s?|fri|sat(?:ur)?|sun)(?:day)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_UNITS_AFTER = re.compile(
    r"\s*(?i:mg|mcg|g\b|ml|units?|tabs?|tablets?|pills?|caps?|doses?|of\b|strength|cm|mm|kg|lbs?|%|weeks?|wks?|days?|hours?|hrs?|x\b|times)"
)

_MONTH_DAY_YEAR = re.compile(
    rf"(?i)\b(?:{_WEEKDAY},?\s+)?(?P<mon>{_MONTH})\.?\s+(?:the\s+)?{_DAY}(?!\d|:\d)(?:,?\s+(?:{_YEAR}|'\d\d))?(?!\d)"
)
_DAY_MONTH_YEAR = re.compile(
    rf"(?i)\b{_DAY}(?:\s+of)?[\s-]+(?P<mon>{_MONTH})\.?(?:,?[\s-]+(?:{_YEAR}|'\d\d|\d\d(?=\W|$)))?\b"
)
_MONTH_YEAR = re.compile(rf"(?i)\b(?P<mon>{_MONTH})\.?,?\s+(?:of\s+)?(?:{_YEAR}|'\d\d)(?!\d)")
_NUMERIC = re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|\.\d)")
_ISO = re.compile(
    r"(?<![\w/.-])(1[89]\d\d|20\d\d)([-/.])(\d{1,2})\2(\d{1,2})(?:[T ]\d\d:\d\d(?::\d\d)?)?(?![\w/-]|\.\d)"
)
_MONTH_SLASH_YEAR = re.compile(r"(?<![\w/.-])(\d{1,2})[/-](1[89]\d\d|20\d\d)(?![\w/-])")
_MONTH_DAY_NUMERIC = re.compile(r"(?<![\w/.-])(\d{1,2})/(\d{1,2})(?![\w/]|\.\d)")
_DATE_CUE = re.compile(
    rf"(?i)\b(?:on|since|dated?|dob|d\.o\.b\.?|born|admitted|admission|discharged|d/c'?d|seen|visit|"
    rf"from|until|till|through|thru|by|starting|started|scheduled|appointment|appt|f/u|follow[-\s]?up|"
    rf"surgery|returned|due|last|next|dx|diagnosed|tested|test|drawn|collected|expired|died|"
    rf"deceased|delivered|edd|lmp|emailed|texted|faxed|messaged|phoned|{_WEEKDAY})\W{{0,3}}$"
)
_SCORE_CUE = re.compile(
    r"(?i)(?:apgar|score|phq|gad|moca|mmse|slums|crafft|vanderbilt|bp|pressure|of|x)\W{0,3}$"
)
_WEEK_OF = re.compile(r"(?i)\b(?:week|month|weekend)\s+of\s+$")
_TIME_AFTER = re.compile(r"\s+\d{1,2}:\d\d(?:\s*[AaPp]\.?[Mm]\.?)?\b")
_DATE_WORDS_AROUND = re.compile(
    rf"(?i)\b(?:yesterday|today|tonight|out|moved\s+to|was|is|until|before|after|week\s+of|"
    rf"{_WEEKDAY})\W{{0,3}}$"
)
_ORDINAL_DAY = re.compile(
    rf"(?i)\b(?:(?:on|by|until|since|before|after|of|from|the|due|moved\s+to|{_WEEKDAY},?)\s+)?the\s+"
    r"(?:[12]?\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:percentile|grade|floor|century|time|times|dose|"
    r"doses|cycle|week|day|visit|episode|attempt|birthday|pregnancy|child|ed|place|edition|version|"
    r"street|st|ave|avenue|rib|toe|finger|digit|vertebra|cranial|nerve|degree|decile|quartile|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|month|trimester|line|round)|-)"
)
# Ordinal days in words ("on the twelfth", "Tuesday the fourth", "april second nineteen fifty").
_ORD_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth|(?:twenty|thirty)[-\s](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))"
)
_ORD_GUARD = (
    r"(?!\s+(?:percentile|grade|floor|century|time|times|dose|doses|cycle|week|day|visit|episode|"
    r"attempt|birthday|pregnancy|child|place|edition|version|street|st|ave|rib|toe|finger|digit|"
    r"vertebra|cranial|nerve|degree|month|trimester|line|round|one|opinion|year|session|of\s+(?:her|his|"
    r"the|their|my|our|four|five|six|seven|eight|nine|ten)))"
)
_SPOKEN_YEAR = (
    r"(?:(?:nineteen|twenty)[-\s](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[-\s]\w+)|two\s+thousand(?:\s+and)?"
    r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty(?:[-\s]\w+)?))?)"
)
_ORDINAL_WORD_DAY = re.compile(
    rf"(?i)\b(?:(?:(?:on|by|until|since|before|after|from|due)\s+)|(?:{_WEEKDAY},?\s+))the\s+"
    rf"{_ORD_WORD}\b{_ORD_GUARD}(?:\s+of\s+{_MONTH}\b)?"
)
_MONTH_ORD_WORD = re.compile(
    rf"(?i)\b(?P<mon>{_MONTH})\s+(?:the\s+)?{_ORD_WORD}\b(?:,?\s+{_SPOKEN_YEAR}\b)?"
)
# Spanish: "15 de agosto de 1958", "el 3 de marzo".
_ES_MONTH = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
_ES_DATE = re.compile(
    rf"(?i)\b(?:[12]\d|3[01]|0?[1-9])\s+de\s+{_ES_MONTH}\b(?:\s+(?:de|del)\s+{_YEAR}\b)?"
)
_WEEKDAY_BEFORE = re.compile(rf"(?i)\b(?:(?:last|next|this|on)\s+)?{_WEEKDAY},?\s+$")
_DOB_DIGITS = re.compile(
    r"(?i)\b(?:dob|d\.o\.b\.?|date\s+of\s+birth|birth\s*date|born(?:\s+on)?)\s*[:#]?\s*(\d{6}|\d{8})(?!\d)"
)
_HOLIDAY_YEAR = re.compile(
    r"(?i)\b(?:christmas(?:\s+(?:eve|day))?|thanksgiving(?:\s+day)?|easter(?:\s+sunday)?|"
    r"new\s+year'?s(?:\s+(?:eve|day))?|halloween|independence\s+day|(?:fourth|4th)\s+of\s+july|"
    r"memorial\s+day|labor\s+day|veterans\s+day|valentine'?s\s+day|mother'?s\s+day|father'?s\s+day|"
    r"cinco\s+de\s+mayo|juneteenth)\s*,?\s*(?:of\s+)?(?:1[89]\d\d|20\d\d)\b"
)

_OLD = r"(?:9\d|1[0-4]\d)"
_AGES = [
    re.compile(rf"(?i)\b{_OLD}\s*-?\s*(?:years?|yrs?|y)\.?\s*-?\s*(?:old|o\b|/o\b|\.o\.)"),
    re.compile(rf"(?i)\b{_OLD}\s*(?:yo|y/o|y\.o\.|yrs?|years?|yr)(?![a-z])"),
    re.compile(rf"(?i)\b(?:age[ds]?|aged)\s*(?:of\s*)?[:=]?\s*{_OLD}\b"),
    re.compile(
        r"(?i)\b(?:in\s+)?(?:his|her|their|the)\s+(?:early\s+|mid[-\s]?|late\s+)?(?:90|1[0-4]0)'?s\b"
    ),
    re.compile(r"(?i)\b(?:super)?(?:nonagenarian|centenarian)s?\b"),
    re.compile(
        r"(?i)\b(?:ninety|one\s+hundred)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
        r"(?:[-\s](?:years?|yrs?)[-\s]old|[-\s]year[-\s]old)\b"
    ),
    re.compile(
        rf"(?i)(?:(?<=\ba\s)|(?<=\ban\s)|(?<=\bpt\s)|(?<=\bis\s)){_OLD}\s?(?:[mf]|yo\s?[mf])\b"
    ),
]
_BORN_YEAR = re.compile(r"(?i)\bborn\s+(?:in\s+)?(1[89]\d\d)\b")
# "she's 102", "dad is 94", "grandma turned 91": a person's age with no "years" after it.
_PERSON_AGE = re.compile(
    rf"(?i)\b(?:she|he|pt|patient|mom|dad|mother|father|grandma|grandpa|grandmother|"
    rf"grandfather|husband|wife|who)(?:'s|’s|\s+is|\s+was|\s+turned|\s+turns|\s+will\s+be)"
    rf"\s+(?:now\s+)?({_OLD})\b(?!\s*(?:%|mg|mcg|kg|lbs?|pounds|bpm|beats|ml|units|minutes|"
    rf"min|percent|/|\.\d|points?|days?|weeks?|wks?|months?|mos?|hours?|hrs?|percentile|feet|ft|inches|cm))"
)

# Patterns whose every match begins at a word that starts with one of a few literal heads
# (read from the pattern, gate.word_heads) are tried only at those words, found in one index
# of the words of the text shared by every such pattern (see gate.at_words).
_DIGITS = frozenset("0123456789")
_MONTH_DAY_YEAR = gate.at_words(_MONTH_DAY_YEAR)
_MONTH_YEAR = gate.at_words(_MONTH_YEAR)
_ORDINAL_DAY = gate.at_words(_ORDINAL_DAY)
_ORDINAL_WORD_DAY = gate.at_words(_ORDINAL_WORD_DAY)
_MONTH_ORD_WORD = gate.at_words(_MONTH_ORD_WORD)
_DOB_DIGITS = gate.at_words(_DOB_DIGITS)
_HOLIDAY_YEAR = gate.at_words(_HOLIDAY_YEAR)
_BORN_YEAR = gate.at_words(_BORN_YEAR)
_ISO = gate.at_words(_ISO)
# These start with a digit at a word start ("\b" or a look-behind that rules out "\w").
_DAY_MONTH_YEAR = gate.at_words(_DAY_MONTH_YEAR, _DIGITS)
_ES_DATE = gate.at_words(_ES_DATE, _DIGITS)
_NUMERIC = gate.at_words(_NUMERIC, _DIGITS)
_MONTH_SLASH_YEAR = gate.at_words(_MONTH_SLASH_YEAR, _DIGITS)
_MONTH_DAY_NUMERIC = gate.at_words(_MONTH_DAY_NUMERIC, _DIGITS)
_AFTER_A = frozenset({"a "})  # the whole word "a"
_AFTER_AN = frozenset({"an ", "pt ", "is "})


def _age_after_article_starts(text: str) -> list[int]:
    """'(?<=\\ba\\s)' and the like: one white-space character after the word 'a', 'an'..."""
    return [q + 2 for q in gate.word_head_starts(text, _AFTER_A)] + [
        q + 3 for q in gate.word_head_starts(text, _AFTER_AN)
    ]


_AGES[:6] = [gate.at_words(regex) for regex in _AGES[:6]]
_AGES[6] = gate.Anchored(_AGES[6], _age_after_article_starts, gated=False)


def _mon_ok(m: re.Match, text: str) -> bool:
    """Reject 'may', 'mar', 'march' used as words when no day or year pins them down."""
    mon = m.group("mon")
    if re.search(r"\.|\d(?:st|nd|rd|th)\b", m.group()):
        return True
    return not (mon.islower() and mon in {"may", "mar", "march", "dec", "jan", "sat", "sun"})


def _md_valid(a: int, b: int) -> bool:
    return (1 <= a <= 12 and 1 <= b <= 31) or (1 <= b <= 12 and 1 <= a <= 31)


# Safe Harbor removes every element of a date but the year, so a month on its own ("in June",
# "last March") is an identifier too. Month names that are also common words (May, March)
# or first names (April, June, August) count only with a time word before them.
_MONTH_ALONE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|"
    r"DECEMBER)\b"
)
_MONTH_TIME_CUE = re.compile(
    r"(?i)\b(?:in|on|since|until|till|by|during|last|next|this|early|late|mid|of|from|"
    r"through|thru|before|after|around|every|each|past|since early|since late)[\s-]+$"
)
_NEEDS_CUE = {"may", "march", "april", "june", "august"}


def _month_alone_ok(m: re.Match, text: str) -> bool:
    """A bare month name that reads as a time, not a name, a verb or part of an eponym."""
    after = text[m.end() : m.end() + 4]
    if after[:1] in "-'’" and after[:1]:
        return False  # May-Thurner, June's
    cue = _MONTH_TIME_CUE.search(text, max(0, m.start() - 16), m.start())
    if m.group().lower() in _NEEDS_CUE and not cue:
        return False
    # "April Yazzie", "June Begay": a capitalised word right after makes it a first name.
    following = re.match(r"\s+([A-Z][a-z]+)", text[m.end() : m.end() + 30])
    return not (following and not cue and following.group(1) not in _MONTH_FOLLOWERS)


_MONTH_FOLLOWERS = {"The", "And", "Or", "But", "She", "He", "They", "We", "Pt", "Patient"}


def _sibling_dates(text: str, hits: list[Hit]) -> Iterator[Hit]:
    """A bare month/day next to a date already found is a date too ("seen 2/3 and again 2/17")."""
    found = [(s, e) for s, e, *_ in hits]
    for _start, e, _label, _conf, reason in hits:
        if not reason.startswith(("month/day", "numeric date", "ISO date", "month and day")):
            continue
        window_end = min(len(text), e + 40)
        for m in _MONTH_DAY_NUMERIC.finditer(text, e, window_end):
            between = text[e : m.start()]
            if (
                "." in between
                or "\n" in between
                or any(a < m.end() and m.start() < b for a, b in found)
            ):
                continue
            a, b = int(m.group(1)), int(m.group(2))
            if not (1 <= a <= 12 and 1 <= b <= 31) or _UNITS_AFTER.match(text, m.end()):
                continue
            if _SCORE_CUE.search(text[max(0, m.start() - 30) : m.start()]):
                continue
            found.append((m.start(), m.end()))
            yield m.start(), m.end(), "DATE", 0.65, "month/day beside another date"


def detect(text: str) -> Iterator[Hit]:
    hits = list(_detect(text))
    hits.extend(_sibling_dates(text, hits))
    for s, e, label, conf, reason in hits:
        # "last tuesday 3/12": the weekday in front belongs to the date.
        w = _WEEKDAY_BEFORE.search(text, max(0, s - 20), s)
        if w and reason != "age over 89":
            s = w.start() if not w.group().lower().startswith("on") else w.start() + 3
        yield s, e, label, conf, reason


def _detect(text: str) -> Iterator[Hit]:
    for m in _MONTH_DAY_YEAR.finditer(text):
        if _UNITS_AFTER.match(text, m.end()) and not re.search(r"\d{4}|'\d\d$", m.group()):
            continue
        if not _mon_ok(m, text) and not re.search(r"\d{4}$", m.group()):
            continue
        yield m.start(), m.end(), "DATE", 0.9, "month and day"
    for m in _DAY_MONTH_YEAR.finditer(text):
        if not _mon_ok(m, text) and not re.search(r"\d{4}$", m.group()):
            continue
        yield m.start(), m.end(), "DATE", 0.85, "day and month"
    for m in _MONTH_YEAR.finditer(text):
        yield m.start(), m.end(), "DATE", 0.85, "month and year"
    for m in _NUMERIC.finditer(text):
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        if not _md_valid(a, b):
            continue
        if sep == "." and len(y) == 2:
            continue
        yield m.start(), m.end(), "DATE", 0.92, "numeric date"
    for m in _ISO.finditer(text):
        if 1 <= int(m.group(3)) <= 12 and 1 <= int(m.group(4)) <= 31:
            yield m.start(), m.end(), "DATE", 0.95, "ISO date"
    for m in _MONTH_SLASH_YEAR.finditer(text):
        if 1 <= int(m.group(1)) <= 12 and not _UNITS_AFTER.match(text, m.end()):
            yield m.start(), m.end(), "DATE", 0.75, "month/year"
    for m in _MONTH_DAY_NUMERIC.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if not (1 <= a <= 12 and 1 <= b <= 31):
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        if _WEEK_OF.search(before):
            yield m.start(), m.end(), "DATE", 0.75, "month/day after 'week of'"
            continue
        if _SCORE_CUE.search(before) or _UNITS_AFTER.match(text, m.end()):
            continue
        if _DATE_CUE.search(before):
            yield m.start(), m.end(), "DATE", 0.75, "month/day after a date word"
        elif _TIME_AFTER.match(text, m.end()) or _DATE_WORDS_AROUND.search(before):
            yield m.start(), m.end(), "DATE", 0.7, "month/day beside a time or date word"
    for m in _ORDINAL_DAY.finditer(text):
        yield m.start(), m.end(), "DATE", 0.6, "day of the month ('the 14th')"
    for m in _ORDINAL_WORD_DAY.finditer(text):
        s = m.start()
        if text[s : s + 3].lower() in {"on ", "by "}:
            s += 3
        yield s, m.end(), "DATE", 0.6, "day of the month in words ('on the twelfth')"
    for m in _MONTH_ORD_WORD.finditer(text):
        mon = m.group("mon")
        if (
            mon.lower() in {"may", "mar", "march"}
            and mon.islower()
            and not re.search(r"\s(?:nineteen|twenty|two)", m.group())
        ):
            continue  # "you may second that"
        yield m.start(), m.end(), "DATE", 0.75, "month and day in words"
    for m in _ES_DATE.finditer(text):
        yield m.start(), m.end(), "DATE", 0.85, "Spanish date ('3 de marzo')"
    for m in _DOB_DIGITS.finditer(text):
        yield m.start(1), m.end(1), "DATE", 0.9, "digits after 'DOB'"
    for m in _HOLIDAY_YEAR.finditer(text):
        yield m.start(), m.end(), "DATE", 0.8, "holiday with a year"
    for regex in _AGES:
        for m in regex.finditer(text):
            yield m.start(), m.end(), "DATE", 0.9, "age over 89"
    for m in _MONTH_ALONE.finditer(text):
        if _month_alone_ok(m, text):
            yield m.start(), m.end(), "DATE", 0.6, "month on its own (an element of a date)"
    for m in _PERSON_AGE.finditer(text):
        yield m.start(1), m.end(1), "DATE", 0.75, "age over 89 after a person"
    this_year = datetime.date.today().year
    for m in _BORN_YEAR.finditer(text):
        if this_year - int(m.group(1)) > 89:
            yield m.start(1), m.end(1), "DATE", 0.6, "birth year of someone over 89"


gate.install(globals())
