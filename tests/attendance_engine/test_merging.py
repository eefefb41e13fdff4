from datetime import timedelta

import pytest

from allteach.attendance_engine import merge

from .helpers import END, START, at, record


def merged(records, **window):
    window = window or {"session_start": START, "session_end": END}
    return merge(records, **window)


def test_merge_reconnections_count_the_union_once():
    (ana,) = merged(
        [
            record(join=0, leave=20),
            record(join=15, leave=30),  # second device, overlapping
            record(join=40, leave=45),  # after a dropped connection
            record(join=44, leave=44.5),  # inside the previous one
        ]
    )

    assert ana.attended_seconds == 35 * 60
    assert ana.minutes == 35
    assert (ana.first_join, ana.last_leave, ana.connections) == (at(0), at(45), 4)
    assert ana.identity_key == "email:ana@example.org"


def test_merge_clips_to_the_session_window():
    (ana,) = merged([record(join=-10, leave=10), record(join=50, leave=75)])

    assert ana.attended_seconds == 20 * 60
    assert (ana.first_join, ana.last_leave) == (at(-10), at(75))  # as reported


def test_merge_without_window_does_not_clip():
    (ana,) = merge([record(join=-10, leave=10), record(join=50, leave=75)])

    assert ana.attended_seconds == 45 * 60


def test_merge_touching_intervals_and_seconds_are_exact():
    (ana,) = merged([record(join=0, leave=10), record(join=10, leave=12.5)])

    assert ana.attended_seconds == 750


def test_merge_groups_by_case_insensitive_email_and_gmail_form():
    people = merged(
        [
            record(name="Li Wei", email="Li.Wei@Gmail.com", join=0, leave=10),
            record(name="Li Wei (iPad)", email="liwei+echo@gmail.com", join=5, leave=20),
            record(name="Li Wei", email="li.wei@example.org", join=30, leave=35),
        ]
    )

    assert [(p.identity_key, p.minutes, p.connections) for p in people] == [
        ("email:li.wei@example.org", 5, 1),
        ("email:liwei@gmail.com", 20, 2),
    ]
    assert people[1].email == "li.wei@gmail.com"
    assert people[1].name == "Li Wei"  # the name used most


def test_merge_registrant_id_links_records_without_email():
    (ana,) = merged(
        [
            record(email="ana@example.org", registrant_id="Zr1", join=0, leave=10),
            record(name="iPhone", email=None, registrant_id="Zr1", join=20, leave=30),
            record(email="ANA@example.org", join=25, leave=40),
        ]
    )

    assert ana.identity_key == "rid:Zr1"
    assert ana.minutes == 30
    assert ana.registrant_ids == ("Zr1",)
    assert ana.emails == ("ana@example.org",)


def test_merge_join_token_is_an_identity():
    people = merged(
        [
            record(name="Guest", email=None, join_token="tok-9", source="link", join=0, leave=5),
            record(name="A. Lima", email=None, join_token="tok-9", source="jitsi", join=5, leave=9),
        ]
    )

    assert [(p.identity_key, p.minutes, p.sources) for p in people] == [
        ("token:tok-9", 9, ("jitsi", "link"))
    ]


def test_merge_attaches_email_less_record_to_the_only_person_of_that_name():
    (ana,) = merged(
        [
            record(name="Ana Lima", join=0, leave=30),
            record(name="Lima, Ana", email=None, join=20, leave=50),
        ]
    )

    assert (ana.identity_key, ana.minutes, ana.connections) == ("email:ana@example.org", 50, 2)


def test_merge_never_joins_same_name_with_different_emails():
    people = merged(
        [
            record(name="Maria Garcia", email="maria.garcia@clinic-a.org", join=0, leave=30),
            record(name="Maria García", email="mgarcia@clinic-b.org", join=0, leave=60),
            record(name="Maria Garcia", email=None, join=10, leave=20),  # which one? neither
        ]
    )

    assert [(p.identity_key, p.minutes) for p in people] == [
        ("email:maria.garcia@clinic-a.org", 30),
        ("email:mgarcia@clinic-b.org", 60),
        ("name:maria garcia", 10),
    ]


def test_merge_dial_ins_are_kept_apart_by_number():
    people = merged(
        [
            record(name="+1 505-555-0100", email=None, dial_in=True, join=0, leave=10),
            record(name="+1 (505) 555-0100", email=None, dial_in=True, join=20, leave=25),
            record(name="+1 505-555-0101", email=None, dial_in=True, join=0, leave=10),
        ]
    )

    assert [(p.identity_key, p.minutes, p.dial_in) for p in people] == [
        ("name:tel:15055550100", 15, True),
        ("name:tel:15055550101", 10, True),
    ]


def test_merge_minutes_only_records_are_capped_at_the_session():
    people = merged(
        [
            record(name="Ana Lima", join=None, leave=None, minutes_only=45),
            record(name="Bo Chen", email="bo@example.org", join=None, leave=None, minutes_only=90),
            record(name="Bo Chen", email="bo@example.org", join=0, leave=20),
        ]
    )

    assert [(p.identity_key, p.minutes, p.first_join) for p in people] == [
        ("email:ana@example.org", 45, None),
        ("email:bo@example.org", 60, at(0)),
    ]


def test_merge_record_outside_window_counts_no_time():
    (ana,) = merged([record(join=-30, leave=-5)])

    assert (ana.attended_seconds, ana.connections) == (0, 1)


def test_merge_of_nothing_is_nothing():
    assert merged([]) == []


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ({"session_start": START}, "both"),
        ({"session_start": START.replace(tzinfo=None), "session_end": END}, "aware"),
        ({"session_start": END, "session_end": START}, "after"),
        ({"session_start": START, "session_end": START}, "after"),
    ],
)
def test_merge_rejects_bad_windows(window, message):
    with pytest.raises(ValueError, match=message):
        merge([record()], **window)


def test_merge_duplicate_records_from_two_sources_count_once():
    people = merged(
        [
            record(source="zoom_api", join=0, leave=30),
            record(source="zoom_webhook", join=0, leave=30),
        ]
    )

    assert [(p.minutes, p.connections, p.sources) for p in people] == [
        (30, 2, ("zoom_api", "zoom_webhook"))
    ]
    assert people[0].last_leave - people[0].first_join == timedelta(minutes=30)


def test_merge_rejects_a_record_without_times():
    with pytest.raises(ValueError, match="'Ana Lima' \\(line 7\\) has no join or leave time"):
        merged([record(join=None, leave=None, line=7)])


def test_merge_ties_give_the_same_evidence_in_any_order():
    api = record(source="zoom_api", join=0, leave=30, line=None)
    hook = record(source="zoom_webhook", join=0, leave=30, line=None)

    assert merged([api, hook]) == merged([hook, api])
    assert merged([hook, api])[0].evidence == (api, hook)
