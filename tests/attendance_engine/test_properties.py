"""Properties of merging that must hold for any records."""

import random
from collections import Counter
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.attendance_engine import merge

from .helpers import END, START, record

WINDOW = {"session_start": START, "session_end": END}
SESSION_SECONDS = int((END - START).total_seconds())

identities = st.sampled_from(
    [
        {"name": "Ana Lima", "email": "ana@example.org"},
        {"name": "Ana Lima", "email": "ANA@example.org", "registrant_id": "Zr1"},
        {"name": "Ana Lima", "email": None},
        {"name": "Lima, Ana", "email": None, "join_token": "tok-a"},
        {"name": "Bo Chen", "email": "bo@example.org", "join_token": "tok-a"},
        {"name": "Bo Chen", "email": "bo.chen@gmail.com"},
        {"name": "Bo Chen", "email": None},
        {"name": "+1 505-555-0100", "email": None, "dial_in": True},
        {"name": "Maria Garcia", "email": "m1@example.org"},
        {"name": "María García", "email": "m2@example.org"},
        {"name": "Maria Garcia", "email": None},
    ]
)


@st.composite
def provider_records(draw, max_size=12):
    records = []
    for line in range(draw(st.integers(0, max_size))):
        who = draw(identities)
        join = draw(st.integers(-600, SESSION_SECONDS + 300))
        length = draw(st.integers(0, 1800))
        records.append(
            record(
                join=join / 60,
                leave=(join + length) / 60,
                line=draw(st.sampled_from([None, line])),
                source=draw(st.sampled_from(["zoom_api", "zoom_csv", "jitsi"])),
                **who,
            )
        )
    return records


@settings(max_examples=150, deadline=None)
@given(provider_records(), st.randoms(use_true_random=False))
def test_merge_is_independent_of_record_order(records, rng):
    shuffled = records[:]
    rng.shuffle(shuffled)

    assert merge(shuffled, **WINDOW) == merge(records, **WINDOW)


@settings(max_examples=150, deadline=None)
@given(provider_records())
def test_merge_never_exceeds_the_session_and_keeps_every_record(records):
    people = merge(records, **WINDOW)

    assert all(0 <= p.attended_seconds <= SESSION_SECONDS for p in people)
    assert Counter(r for p in people for r in p.evidence) == Counter(records)
    assert len({p.identity_key for p in people}) == len(people)


@settings(max_examples=150, deadline=None)
@given(provider_records())
def test_merge_minutes_equal_a_per_second_union(records):
    for person in merge(records, **WINDOW):
        covered = set()
        for r in person.evidence:
            begin = int((max(r.join, START) - START).total_seconds())
            end = int((min(r.leave, END) - START).total_seconds())
            covered.update(range(begin, end))
        assert person.attended_seconds == len(covered)


@settings(max_examples=100, deadline=None)
@given(provider_records())
def test_remerging_the_output_is_a_no_op(records):
    people = merge(records, **WINDOW)
    evidence = [r for p in people for r in p.evidence]
    random.Random(len(evidence)).shuffle(evidence)

    assert merge(evidence, **WINDOW) == people


@settings(max_examples=100, deadline=None)
@given(provider_records(max_size=6), st.integers(1, 120))
def test_merge_with_a_later_window_never_adds_time_before_it(records, shift):
    later = {"session_start": START + timedelta(minutes=shift), "session_end": END}
    if later["session_start"] >= END:
        return
    whole = {p.identity_key: p.attended_seconds for p in merge(records, **WINDOW)}

    for person in merge(records, **later):
        assert person.attended_seconds <= whole[person.identity_key]


@settings(max_examples=100, deadline=None)
@given(provider_records())
def test_email_grouping_shortcut_agrees_with_the_general_path(records):
    # One unrelated record with a registrant id sends merge down the union-find path.
    stranger = record(name="Zed Stranger", email=None, registrant_id="zz-unrelated")
    plain = [r._replace(registrant_id=None, join_token=None) for r in records]

    general = merge([*plain, stranger], **WINDOW)

    assert [p for p in general if p.identity_key != "rid:zz-unrelated"] == merge(plain, **WINDOW)
