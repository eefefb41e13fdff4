"""Merge provider records into one attendance per person."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from itertools import chain
from operator import itemgetter

from ._speed import gc_paused
from .names import canonical_email, normalise_name
from .records import PersonAttendance, ProviderRecord

# Identity keys from strongest to weakest; a person's identity_key is their strongest one.
_RANK = {"rid": 0, "token": 1, "email": 2, "name": 3}
_NONE = float("-inf")
_ZERO = timedelta(0)
_new_tuple = tuple.__new__  # PersonAttendance without NamedTuple's Python-level __new__


def check_window(session_start: datetime | None, session_end: datetime | None) -> None:
    """Reject a session window that is half given, naive or empty."""
    if session_start is None and session_end is None:
        return
    if session_start is None or session_end is None:
        raise ValueError("give both session_start and session_end, or neither")
    if session_start.utcoffset() is None or session_end.utcoffset() is None:
        raise ValueError("session_start and session_end must be time-zone aware")
    if session_end <= session_start:
        raise ValueError("session_end must be after session_start")


def strong_keys(record: ProviderRecord) -> list[str]:
    """Keys that identify one person whatever name they typed, strongest first."""
    keys = []
    if record.registrant_id and record.registrant_id.strip():
        keys.append("rid:" + record.registrant_id.strip())
    if record.join_token and record.join_token.strip():
        keys.append("token:" + record.join_token.strip())
    email = canonical_email(record.email)
    if email:
        keys.append("email:" + email)
    return keys


def _strongest(keys: Iterable[str]) -> str:
    return min(keys, key=lambda key: (_RANK[key.partition(":")[0]], key))


class _EmailKeys(dict):
    """Raw e-mail → identity key, computed once per distinct address."""

    def __missing__(self, raw: str | None) -> str | None:
        email = canonical_email(raw)
        key = self[raw] = "email:" + email if email else None
        return key


def _full_order(record: ProviderRecord) -> tuple:
    return (
        record.join.timestamp() if record.join is not None else _NONE,
        record.leave.timestamp() if record.leave is not None else _NONE,
        record.line if record.line is not None else -1,
        record.source,
        record.name,
        record.email or "",
        record.registrant_id or "",
        record.join_token or "",
        record.minutes_only if record.minutes_only is not None else -1.0,
        record.is_guest,
        record.dial_in,
    )


_QUICK_ORDER = itemgetter(5, 6, 7)  # join, leave, line
_JOIN = itemgetter(5)
_NAME = itemgetter(1)
_EMAIL, _REGISTRANT_ID, _JOIN_TOKEN = itemgetter(2), itemgetter(3), itemgetter(4)
_UNSET = object()


def _ordered(records: list[ProviderRecord]) -> tuple[ProviderRecord, ...]:
    """Sort by join, leave and line; ``_full_order`` settles ties (see ``summarise``)."""
    if len(records) == 1:
        return (records[0],)
    try:
        return tuple(sorted(records, key=_QUICK_ORDER))
    except TypeError:  # minutes-only records without a time
        return tuple(sorted(records, key=_full_order))


def _components(records: list[ProviderRecord]) -> tuple[dict[str, list], list]:
    """Group records sharing any strong key; return {strongest key: records} and the keyless."""
    keys_of = _EmailKeys()
    if not any(map(_REGISTRANT_ID, records)) and not any(map(_JOIN_TOKEN, records)):
        # E-mail is the only strong key (CSV exports): a plain grouping suffices.
        groups: dict[str, list] = {}
        keyless = []
        for record, key in zip(
            records, map(keys_of.__getitem__, map(_EMAIL, records)), strict=True
        ):
            if key is None:
                keyless.append(record)
            else:
                members = groups.get(key)
                if members is None:
                    groups[key] = [record]
                else:
                    members.append(record)
        return groups, keyless

    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    record_keys: list[list[str]] = []
    for index, record in enumerate(records):
        keys = strong_keys(record)
        record_keys.append(keys)
        for key in keys:
            other = owner.setdefault(key, index)
            if other != index:
                a, b = find(index), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    by_root: dict[int, list[int]] = {}
    keyless = []
    for index, keys in enumerate(record_keys):
        if keys:
            by_root.setdefault(find(index), []).append(index)
        else:
            keyless.append(records[index])
    groups = {}
    for members in by_root.values():
        key = _strongest(key for i in members for key in record_keys[i])
        groups[key] = [records[i] for i in members]
    return groups, keyless


def merge(
    records: Iterable[ProviderRecord],
    *,
    session_start: datetime | None = None,
    session_end: datetime | None = None,
) -> list[PersonAttendance]:
    """Group records by person and total each person's time inside the session window.

    A person is a connected component of records that share a registrant id,
    join token or e-mail. A record with none of these joins the one person who
    bears the same normalised name; when several people bear it (two people
    named the same with different e-mails) it stays apart for review rather
    than be credited to the wrong one. Minutes are the length of the union of
    the intervals clipped to the window, so reconnections and second devices
    never count twice. Without a window nothing is clipped.
    """
    check_window(session_start, session_end)
    records = records if isinstance(records, list) else list(records)
    with gc_paused():
        groups, keyless = _components(records)
        if keyless:
            _attach_by_name(groups, keyless)
        return _summarise_groups(sorted(groups.items()), session_start, session_end)


def _attach_by_name(groups: dict[str, list], keyless: list[ProviderRecord]) -> None:
    """Give each record without a strong key to the one person of its name, or its own."""
    wanted = {record.name: normalise_name(record.name) for record in keyless}
    wanted_names = set(wanted.values())
    phones_only = all(name.startswith("tel:") for name in wanted_names)
    keys_by_name: dict[str, set[str]] = {}
    if phones_only:
        # Only names that look like numbers can matter: find them among the distinct
        # names before pairing records with their keys.
        candidates = {
            raw
            for raw in set(map(_NAME, chain.from_iterable(groups.values())))
            if raw.lstrip()[:1].isdigit() or raw.lstrip()[:1] in "+("
        }
        pairs = (
            {
                (record.name, key)
                for key, members in groups.items()
                for record in members
                if record.name in candidates
            }
            if candidates
            else set()
        )
    else:
        pairs = {(record.name, key) for key, members in groups.items() for record in members}
    for raw, key in pairs:
        # Dial-in numbers can only equal names that look like numbers: skip the rest.
        if phones_only and not (raw.lstrip()[:1].isdigit() or raw.lstrip()[:1] in "+("):
            continue
        name = normalise_name(raw)
        if name in wanted_names:
            keys_by_name.setdefault(name, set()).add(key)
    for record in keyless:
        name = wanted[record.name]
        keys = keys_by_name.get(name)
        if keys is not None and len(keys) == 1:
            groups[next(iter(keys))].append(record)
        else:
            groups.setdefault("name:" + name, []).append(record)


def identity_key(records: Iterable[ProviderRecord]) -> str:
    """The strongest key of a person, as text; stable across re-imports of the same data."""
    records = list(records)
    keys = [key for record in records for key in strong_keys(record)]
    if keys:
        return _strongest(keys)
    return "name:" + min((normalise_name(r.name) for r in records), default="")


def summarise(
    records: list[ProviderRecord],
    session_start: datetime | None,
    session_end: datetime | None,
    *,
    key: str | None = None,
) -> PersonAttendance:
    """Build one person's attendance from all of their records."""
    evidence = _ordered(records)
    person = _summarise_ordered(evidence, session_start, session_end, key)
    if person is None:
        # Two records tie on join, leave and line: only the full order makes the
        # evidence (and so the result) independent of the input order.
        evidence = tuple(sorted(records, key=_full_order))
        person = _summarise_ordered(evidence, session_start, session_end, key, ties=True)
    return person


def _summarise_ordered(
    evidence: tuple[ProviderRecord, ...],
    session_start: datetime | None,
    session_end: datetime | None,
    key: str | None,
    *,
    ties: bool = False,
) -> PersonAttendance | None:
    clip = session_start is not None
    total = _ZERO
    current_start = current_end = None
    minutes_only = 0.0
    has_minutes_only = False
    first_join = last_leave = None
    others = False  # registrant ids or join tokens present
    is_guest = dial_in = True
    previous_join = previous_leave = previous_line = _UNSET
    # Evidence is in join order and clipping keeps that order, so one pass unions.
    for record in evidence:
        source, name, email, rid, token, join, leave, line, guest, dial, minutes = record
        tie = join == previous_join and leave == previous_leave and line == previous_line
        if tie and not ties:
            return None
        previous_join, previous_leave, previous_line = join, leave, line
        if rid or token:
            others = True
        if not guest:
            is_guest = False
        if not dial:
            dial_in = False
        if minutes is not None:
            has_minutes_only = True
            minutes_only += minutes
            continue
        if join is None or leave is None:
            raise ValueError(
                f"{source} record for {name!r} (line {line}) has no join or leave time"
            )
        if first_join is None:
            first_join = join
        if last_leave is None or leave > last_leave:
            last_leave = leave
        if clip:
            if join < session_start:
                join = session_start
            if leave > session_end:
                leave = session_end
        if leave <= join:
            continue
        if current_end is None or join > current_end:
            if current_end is not None:
                total += current_end - current_start
            current_start, current_end = join, leave
        elif leave > current_end:
            current_end = leave
    if current_end is not None:
        total += current_end - current_start
    seconds = total.total_seconds()
    if has_minutes_only:
        # A report that gives only totals cannot be unioned with intervals: take the
        # larger, capped at the session length.
        reported = minutes_only * 60
        if clip:
            reported = min(reported, (session_end - session_start).total_seconds())
        seconds = max(seconds, reported)
        anchored = [r for r in evidence if r.join is not None and r.minutes_only is not None]
        if first_join is None and anchored:
            first_join = min(r.join for r in anchored)
            last_leave = max(r.leave for r in anchored)
    display_name, email, canonical, registrant_ids, join_tokens, shown_sources = _describe(
        evidence, key, others
    )
    return _new_tuple(
        PersonAttendance,
        (
            key or identity_key(evidence),
            display_name,
            email,
            canonical,
            registrant_ids,
            join_tokens,
            seconds,
            first_join,
            last_leave,
            len(evidence),
            shown_sources,
            is_guest,
            dial_in,
            evidence,
        ),
    )


class _Slow(Exception):
    """A person the quick pass leaves to ``summarise``: ties, totals only, missing times."""


def _summarise_groups(
    items: list[tuple[str, list[ProviderRecord]]],
    session_start: datetime | None,
    session_end: datetime | None,
) -> list[PersonAttendance]:
    """``summarise`` for many people in one loop: the same results, less work per record.

    The common person is done here: records with join and leave times, none giving
    only a total, no two joining at the same instant. Sorting by join alone then
    gives ``summarise``'s order. The union is taken over the unclipped intervals
    and each of its segments clipped to the window, which measures the same time
    as clipping every record (a segment's end is the latest leave so far, as
    ``summarise`` finds it). Any other person goes to ``summarise``.
    """
    clip = session_start is not None
    by_join = _JOIN
    people: list[PersonAttendance] = []
    append = people.append
    for key, records in items:
        try:
            evidence = tuple(sorted(records, key=by_join)) if len(records) > 1 else (records[0],)
            source0, name0, email0 = evidence[0][:3]
            previous_join = None
            current_start = current_end = None
            total = _ZERO
            mixed = others = skipped = False
            is_guest = dial_in = True
            for source, name, email, rid, token, join, leave, _, guest, dial, minutes in evidence:
                # A None join or leave raises TypeError below (or in the sort).
                if join == previous_join or minutes is not None:
                    raise _Slow
                previous_join = join
                if name != name0 or email != email0 or source != source0:
                    mixed = True
                if rid or token:
                    others = True
                if not guest:
                    is_guest = False
                if not dial:
                    dial_in = False
                if leave <= join:
                    skipped = True
                    continue
                if current_end is None:
                    current_start = join
                    current_end = leave
                elif join > current_end:
                    if clip:
                        if current_start < session_start:
                            current_start = session_start
                        if current_end > session_end:
                            current_end = session_end
                        if current_end > current_start:
                            total += current_end - current_start
                    else:
                        total += current_end - current_start
                    current_start = join
                    current_end = leave
                elif leave > current_end:
                    current_end = leave
        except (_Slow, TypeError):
            append(summarise(records, session_start, session_end, key=key))
            continue
        last_leave = current_end
        if current_end is not None:
            if clip:
                if current_start < session_start:
                    current_start = session_start
                if current_end > session_end:
                    current_end = session_end
                if current_end > current_start:
                    total += current_end - current_start
            else:
                total += current_end - current_start
        if skipped:
            # A record with no length still counts for last_leave.
            last_leave = None
            for record in evidence:
                if last_leave is None or record[6] > last_leave:
                    last_leave = record[6]
        if mixed or others:
            name0, email, canonical, registrant_ids, join_tokens, sources = _describe(
                evidence, key, others
            )
        else:
            registrant_ids = join_tokens = ()
            sources = (source0,)
            if email0:
                email = email0.strip().lower()
                canonical = (key[6:],) if key.startswith("email:") else (canonical_email(email),)
            else:
                email = None
                canonical = ()
        append(
            _new_tuple(
                PersonAttendance,
                (
                    key or identity_key(evidence),
                    name0,
                    email,
                    canonical,
                    registrant_ids,
                    join_tokens,
                    total.total_seconds(),
                    evidence[0][5],
                    last_leave,
                    len(evidence),
                    sources,
                    is_guest,
                    dial_in,
                    evidence,
                ),
            )
        )
    return people


def _describe(
    evidence: tuple[ProviderRecord, ...], key: str | None, others: bool
) -> tuple[str, str | None, tuple, tuple, tuple, tuple]:
    """Display name, e-mail, canonical e-mails, ids, tokens and sources, as ``summarise``."""
    names = {record.name for record in evidence}
    emails = {record.email for record in evidence if record.email}
    sources = {record.source for record in evidence}
    if len(names) == 1:
        display_name = next(iter(names))
    else:
        counted = [record.name for record in evidence]
        display_name = min(names, key=lambda name: (-counted.count(name), name))
    if len(emails) == 1:
        email = next(iter(emails)).strip().lower()
        if key is not None and key.startswith("email:"):
            canonical = (key[6:],)
        else:
            canonical = (canonical_email(email),)
    else:
        shown = sorted({e.strip().lower() for e in emails})
        email = shown[0] if shown else None
        canonical = tuple(sorted({canonical_email(e) for e in shown}))
    registrant_ids: tuple[str, ...] = ()
    join_tokens: tuple[str, ...] = ()
    if others:
        registrant_ids = tuple(sorted({r.registrant_id for r in evidence if r.registrant_id}))
        join_tokens = tuple(sorted({r.join_token for r in evidence if r.join_token}))
    return (
        display_name,
        email,
        canonical,
        registrant_ids,
        join_tokens,
        tuple(sorted(sources)) if len(sources) > 1 else tuple(sources),
    )
