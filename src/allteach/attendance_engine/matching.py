"""Match merged attendance to registrations, sending every doubt to review."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from operator import attrgetter

from ._speed import gc_paused
from .names import canonical_email, normalise_name
from .records import MatchResult, PersonAttendance, Registrant

NO_MATCH = "no registration matches"
CONFLICTING_IDS = "registrant ids or join tokens point to different registrations"
SHARED_EMAIL = "the e-mail belongs to several registrations"
NAME_AMBIGUOUS = "the name matches several registrations"
NAME_CONTESTED = "several attendees match this registration by name only"
NAME_TAKEN = (
    "the registration is already matched by id or e-mail; this attendee matches by name only"
)


def _order(ids: Iterable[str | int]) -> tuple[str | int, ...]:
    return tuple(sorted(set(ids), key=lambda value: (str(type(value)), value)))


class _Index:
    """Registrations looked up by id, token, e-mail and normalised name."""

    def __init__(self, registrants: Iterable[Registrant]) -> None:
        self.registrants = list(registrants)
        self.ids: dict[str, set] = defaultdict(set)
        self.emails: dict[str, set] = {}
        self._names: dict[str, set] | None = None
        emails = self.emails
        for registrant in self.registrants:
            if registrant.registrant_ids or registrant.join_tokens:
                for value in registrant.registrant_ids:
                    self.ids["registrant_id:" + value.strip()].add(registrant.id)
                for value in registrant.join_tokens:
                    self.ids["join_token:" + value.strip()].add(registrant.id)
            aliases = registrant.aliases
            for email in (registrant.email, *aliases) if aliases else (registrant.email,):
                if email and "@" in email:
                    email = canonical_email(email)
                    found = emails.get(email)
                    if found is None:
                        emails[email] = {registrant.id}
                    else:
                        found.add(registrant.id)

    @property
    def names(self) -> dict[str, set]:
        """Registrations by normalised name and name aliases, built on first use."""
        if self._names is None:
            table: dict[str, set] = defaultdict(set)
            for registrant in self.registrants:
                names = [registrant.name or ""]
                if registrant.aliases:
                    names += [alias for alias in registrant.aliases if "@" not in alias]
                for name in names:
                    name = normalise_name(name)
                    if name and not name.startswith("tel:"):
                        table[name].add(registrant.id)
            self._names = table
        return self._names


def _lookup(table: dict[str, set], keys: Iterable[str], prefix: str) -> tuple[set, str]:
    found: set = set()
    evidence = []
    for key in keys:
        hits = table.get(key)
        if hits:
            found |= hits
            evidence.append(prefix + key)
    return found, ", ".join(sorted(evidence))


def match(people: Iterable[PersonAttendance], registrants: Iterable[Registrant]) -> MatchResult:
    """Match people to registrations by id or token, then e-mail, then name.

    A name that fits two registrations, or a registration that two people fit
    by name alone (or that someone already holds by id or e-mail), goes to
    review with its candidates instead of to a guess.
    """
    with gc_paused():
        return _match(list(people), _Index(registrants))


_NAME = attrgetter("name")


def _match(people: list[PersonAttendance], index: _Index) -> MatchResult:
    outcome: list[tuple] = []
    append = outcome.append
    held_strongly: set = set()
    name_claims: dict = defaultdict(list)
    index_emails = index.emails
    get_email = index_emails.get
    names_index = None
    for position, person in enumerate(people):
        found: set = set()
        if person.registrant_ids or person.join_tokens:
            keys = [f"registrant_id:{value}" for value in person.registrant_ids]
            keys += [f"join_token:{value}" for value in person.join_tokens]
            found, evidence = _lookup(index.ids, keys, "")
            if len(found) > 1:
                append(("review", CONFLICTING_IDS, _order(found)))
                continue
        emails = person.emails  # canonical already (see merging.summarise)
        if not found and len(emails) == 1:
            found = get_email(emails[0], ())
            evidence = "email:" + emails[0]
            if len(found) > 1:
                append(("review", SHARED_EMAIL, _order(found)))
                continue
        elif not found and emails:
            found, evidence = _lookup(index_emails, emails, "email:")
            if len(found) > 1:
                append(("review", SHARED_EMAIL, _order(found)))
                continue
        if found:
            registrant_id = next(iter(found))
            held_strongly.add(registrant_id)
            append(("matched", registrant_id, evidence))
            continue
        if names_index is None:
            names_index = index.names
        names = set(map(normalise_name, set(map(_NAME, person.evidence))))
        if len(names) == 1:
            name = names.pop()
            found = () if not name or name.startswith("tel:") else names_index.get(name, ())
            evidence = "name:" + name if found else ""
        else:
            names = sorted(name for name in names if name and not name.startswith("tel:"))
            found, evidence = _lookup(names_index, names, "name:")
        if len(found) > 1:
            append(("review", NAME_AMBIGUOUS, _order(found)))
        elif found:
            registrant_id = next(iter(found))
            name_claims[registrant_id].append(position)
            append(("name", registrant_id, evidence))
        else:
            append(_NO_MATCH)
    for registrant_id, positions in name_claims.items():
        if len(positions) > 1:
            reason = NAME_CONTESTED
        elif registrant_id in held_strongly:
            reason = NAME_TAKEN
        else:
            continue
        for position in positions:
            outcome[position] = ("review", reason, (registrant_id,))
    matched = []
    review = []
    for person, (kind, first, second) in zip(people, outcome, strict=True):
        if kind == "review":
            review.append((person, first, second))
        else:
            matched.append((person, first, second))
    return MatchResult(matched=matched, review=review)


_NO_MATCH = ("review", NO_MATCH, ())
