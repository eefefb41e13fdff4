"""Run every layer over the shadow text and merge what they find into clean findings."""

import re
from bisect import bisect_left, bisect_right

from . import context, dates, formats, forms, ids, lexicon, namemodel, names
from .model import MAX_CHARS, Finding, PhiInputError
from .normalize import shadow

# When two findings of different labels overlap, the more specific layer wins ties.
_LABEL_RANK = {
    "SSN": 9,
    "EMAIL": 9,
    "URL": 8,
    "IP": 8,
    "FAX": 8,
    "MRN": 8,
    "HEALTH_PLAN": 8,
    "ACCOUNT": 8,
    "LICENSE": 8,
    "VEHICLE": 8,
    "DEVICE": 8,
    "OTHER_ID": 7,
    "BIOMETRIC": 7,
    "PHOTO": 7,
    "PHONE": 6,
    "DATE": 6,
    "GEOGRAPHIC": 5,
    "NAME": 4,
}


def _check(text: object) -> str:
    if not isinstance(text, str):
        raise PhiInputError(
            f"scan() needs str, got {type(text).__name__}; decode bytes with scan_bytes()"
        )
    if len(text) > MAX_CHARS:
        raise PhiInputError(
            f"text is {len(text):,} characters; the limit is {MAX_CHARS:,} (split it into smaller parts)"
        )
    return text


def _merge(hits: list[tuple[int, int, str, float, str]], text: str) -> list[Finding]:
    """Keep the strongest finding where labels disagree; join overlapping ones of one label."""
    hits = [h for h in hits if h[1] > h[0]]
    hits.sort(key=lambda h: (-h[3], -_LABEL_RANK[h[2]], -(h[1] - h[0])))
    # The kept findings never overlap one another (a hit overlapping one is dropped, merged into
    # it or swallows it), so sorted by start they are sorted by end too, and the ones a hit
    # overlaps are one run of neighbours, found by bisection. Each keeps its order of arrival
    # (k[5]): where a hit joins several of its label, the first to arrive absorbs the rest.
    starts: list[int] = []
    ends: list[int] = []
    kept: list[list] = []
    for seq, (start, end, label, conf, reason) in enumerate(hits):
        lo = bisect_right(ends, start)
        hi = bisect_left(starts, end, lo)
        if lo == hi:
            starts.insert(lo, start)
            ends.insert(lo, end)
            kept.insert(lo, [start, end, label, conf, reason, seq])
            continue
        overlapping = kept[lo:hi]
        same = [k for k in overlapping if k[2] == label]
        # A weaker finding of another label loses, unless it is a confident one that
        # swallows the stronger ones whole ("Screenshot 2024-05-13 at 9.42.png").
        if len(same) < hi - lo and (
            conf < 0.8
            or not all(
                start <= k[0] and k[1] <= end and (end - start) > (k[1] - k[0])
                for k in overlapping
                if k[2] != label
            )
        ):
            continue
        if same:
            k = min(same, key=lambda k: k[5])
            k[0] = min(start, *(x[0] for x in same))
            k[1] = max(end, *(x[1] for x in same))
        else:
            k = [start, end, label, conf, reason, seq]
        starts[lo:hi] = [k[0]]
        ends[lo:hi] = [k[1]]
        kept[lo:hi] = [k]
    # Join pieces of one name split only by a comma or space ("Lopez, Juan"), and pieces of one
    # place split by a space ("Santa Fe County" + "Adult Detention Center").
    joined: list[list] = []
    for k in kept:
        k = k[:5]
        if joined:
            p = joined[-1]
            gap = text[p[1] : k[0]]
            if (
                p[2] == k[2]
                and k[0] >= p[1]
                and (p[2] == "NAME" and gap in (" ", ", ") or p[2] == "GEOGRAPHIC" and gap == " ")
            ):
                p[1] = k[1]
                p[3] = max(p[3], k[3])
                continue
        joined.append(k)
    return [Finding(s, e, lab, round(c, 2), r) for s, e, lab, c, r in joined]


def scan(text: str) -> list[Finding]:
    """Find suspected Safe Harbor identifiers in ``text``; offsets index ``text`` itself."""
    text = _check(text)
    if not text:
        return []
    sh = shadow(text)
    body = sh.text
    hits: list[tuple[int, int, str, float, str]] = []
    hits.extend(formats.detect(body))
    hits.extend(dates.detect(body))
    hits.extend(names.detect(body))
    hits.extend(forms.detect(body))
    hits.extend(context.detect(body, hits))
    hits.extend(ids.detect(body, hits))
    hits.extend(namemodel.detect(body, hits))
    hits = _drop_not_names(hits, body)
    if sh.index is not None:
        hits = [(*sh.span(s, e), lab, c, r) for s, e, lab, c, r in hits]
    findings = _merge(hits, text)
    findings = _with_titles(_with_unlisted_first_names(_repeat(findings, text), text), text)
    return _join_address_parts(_with_place_heads(findings, text), text)


# An honorific belongs to the name it precedes: redacting "Mrs. [NAME]" still says too much
# about who is meant, and annotators commonly mark the title as part of the name.
_TITLE_BEFORE = re.compile(
    r"(?i)(?<![\w.])(?:mr|mrs|ms|miss|mx|dr|sr|sra|srta|don|doña|dona|prof|rev|fr)\.?\s{1,3}$"
)


_MONTH_FIRST_NAME = re.compile(r"(?<![\w.])(?:April|May|June|August|January)[ \t]{1,2}$")


def _with_titles(findings: list[Finding], text: str) -> list[Finding]:
    result: list[Finding] = []
    for f in findings:
        if f.label == "NAME" and f.start:
            match = _TITLE_BEFORE.search(text, max(0, f.start - 8), f.start)
            # Never grow into the finding before (findings stay disjoint).
            if match and not (result and result[-1].end > match.start()):
                f = Finding(match.start(), f.end, f.label, f.confidence, f.reason)
            else:
                # "June Begay": a month that is also a first name belongs to the surname after it.
                month = _MONTH_FIRST_NAME.search(text, max(0, f.start - 10), f.start)
                if month and not (result and result[-1].end > month.start()):
                    f = Finding(month.start(), f.end, f.label, f.confidence, f.reason)
        result.append(f)
    return result


def _drop_not_names(hits: list, body: str) -> list:
    """Drop NAME findings lying wholly inside a brand/insurer/role phrase (not after a title)."""
    spans = names.not_name_spans(body)
    if not spans:
        return hits
    # A span holding h starts at or before h[0]; of those, the one reaching furthest decides.
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    reach: list[int] = []
    far = None
    for _, b in spans:
        far = b if far is None or b > far else far
        reach.append(far)
    out = []
    for h in hits:
        if h[2] == "NAME" and not h[4].startswith("title"):
            i = bisect_right(starts, h[0]) - 1
            if i >= 0 and h[1] <= reach[i]:
                continue
        out.append(h)
    return out


def _repeat(findings: list[Finding], text: str) -> list[Finding]:
    """Flag every other exact occurrence of an identifier already found (same label)."""
    extra: list[Finding] = []
    seen: set[str] = set()
    # The findings are disjoint and sorted by start (so by end too), and so are the ones added:
    # a span overlaps one of them exactly when the last to start before its end ends after it.
    f_starts = [f.start for f in findings]
    f_ends = [f.end for f in findings]
    x_starts: list[int] = []
    x_ends: list[int] = []
    for f in findings:
        value = text[f.start : f.end]
        if (
            f.label == "NAME"
            or len(value) < 4
            or value in seen
            or not any(c.isalnum() for c in value)
        ):
            continue
        seen.add(value)
        pos = text.find(value)
        while pos != -1:
            end = pos + len(value)
            bounded = (pos == 0 or not text[pos - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            )
            if bounded:
                i = bisect_left(f_starts, end) - 1
                j = bisect_left(x_starts, end)
                if not (i >= 0 and f_ends[i] > pos) and not (j and x_ends[j - 1] > pos):
                    extra.append(
                        Finding(
                            pos,
                            end,
                            f.label,
                            round(f.confidence * 0.9, 2),
                            "another occurrence of " + f.reason,
                        )
                    )
                    x_starts.insert(j, pos)
                    x_ends.insert(j, end)
            pos = text.find(value, pos + 1)
    if not extra:
        return findings
    return sorted(findings + extra, key=lambda f: f.start)


def scan_bytes(data: bytes, *, encoding: str = "utf-8") -> list[Finding]:
    """Decode ``data`` strictly (invalid UTF-8 raises PhiInputError) and scan it."""
    return scan(decode(data, encoding=encoding))


def decode(data: bytes, *, encoding: str = "utf-8") -> str:
    """Decode bytes strictly, naming the byte offset of the first invalid sequence."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise PhiInputError(f"expected bytes, got {type(data).__name__}")
    if len(data) > 4 * MAX_CHARS:
        raise PhiInputError(f"input is {len(data):,} bytes; the limit is {4 * MAX_CHARS:,}")
    try:
        text = bytes(data).decode(encoding)
    except UnicodeDecodeError as exc:
        raise PhiInputError(
            f"input is not valid {encoding}: bad byte at offset {exc.start}"
        ) from None
    return _check(text)


# A place's kind belongs to it ("Crownpoint chapter house", "Cibola County jail"); annotators
# usually mark the whole phrase, and redacting only the name leaves the kind of place behind.
_PLACE_HEAD_AFTER = re.compile(
    r"(?i)[ \t]{1,2}(?:chapter[ \t]+house|chapter|pueblo|reservation|rancheria|county[ \t]+jail|"
    r"jail|detention[ \t]+center|clinic|hospital|health[ \t]+center|medical[ \t]+center|"
    r"senior[ \t]+center|community[ \t]+center|nursing[ \t]+home|shelter|elementary|"
    r"middle[ \t]+school|high[ \t]+school|school|academy|church|mission|trading[ \t]+post|"
    r"community[ \t]+center|boarding[ \t]+school|group[ \t]+home|head[ \t]+start)\b"
)


def _with_place_heads(findings: list[Finding], text: str) -> list[Finding]:
    result: list[Finding] = []
    for index, f in enumerate(findings):
        if f.label == "GEOGRAPHIC":
            match = _PLACE_HEAD_AFTER.match(text, f.end)
            following = findings[index + 1].start if index + 1 < len(findings) else len(text)
            if match and match.end() <= following:
                f = Finding(f.start, match.end(), f.label, f.confidence, f.reason)
        result.append(f)
    return result


_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)[ \t]$")


def _with_unlisted_first_names(findings: list[Finding], text: str) -> list[Finding]:
    """Join a capitalised word that is in no word list to the name right after it.

    "Aponi Wolfchild": the surname was found, the first name is in no list of names or
    words, so it is far likelier part of the name than anything else.
    """
    result: list[Finding] = []
    for f in findings:
        if f.label == "NAME" and f.start:
            match = _WORD_BEFORE.search(text, max(0, f.start - 24), f.start)
            if (
                match
                and not (result and result[-1].end > match.start())
                and _unlisted(match.group(1))
            ):
                f = Finding(match.start(1), f.end, f.label, f.confidence, f.reason)
        result.append(f)
    return result


def _unlisted(word: str) -> bool:
    parts = [lexicon.key(part) for part in word.split("-")]
    known = (
        lexicon.english(),
        lexicon.clinical(),
        lexicon.eponyms(),
        lexicon.places(),
    )
    return not any(part in words for part in parts for words in known) and not _TITLE_WORDS.match(
        word
    )


_TITLE_WORDS = re.compile(
    r"(?i)(?:mr|mrs|ms|miss|mx|dr|sr|sra|srta|don|doña|dona|prof|rev|fr|pt|patient|nurse|"
    r"officer|judge|coach|captain|sgt|uncle|aunt|cousin|grandma|grandpa|mom|dad)$"
)


_ADDRESS_GAP = re.compile(r"[ \t]*,?[ \t]*")


def _join_address_parts(findings: list[Finding], text: str) -> list[Finding]:
    """One address is one finding: "22 Road 6100" + ", " + "Kirtland NM 87417"."""
    result: list[Finding] = []
    for f in findings:
        if result and f.label == result[-1].label == "GEOGRAPHIC":
            last = result[-1]
            gap = _ADDRESS_GAP.fullmatch(text, last.end, f.start)
            if gap and any(ch.isdigit() for ch in text[last.start : last.end]):
                result[-1] = Finding(
                    last.start, f.end, "GEOGRAPHIC", max(last.confidence, f.confidence), last.reason
                )
                continue
        result.append(f)
    return result
