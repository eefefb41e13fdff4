import pytest

from allteach.attendance_engine import Registrant, match, merge, normalise_name
from allteach.attendance_engine.matching import (
    CONFLICTING_IDS,
    NAME_AMBIGUOUS,
    NAME_CONTESTED,
    NAME_TAKEN,
    NO_MATCH,
    SHARED_EMAIL,
)

from .helpers import END, START, record

ANA = Registrant(id=1, name="Ana Lima", email="ana.lima@clinic.org", registrant_ids=("Zr1",))
BO = Registrant(
    id=2,
    name="Bo Chen",
    email="bo.chen@gmail.com",
    aliases=("bochen@hospital.org", "Robert Chen"),
    join_tokens=("tok-bo",),
)
MARIA_A = Registrant(id=3, name="María García", email="maria@clinic-a.org")
MARIA_B = Registrant(id=4, name="Maria Garcia", email="mgarcia@clinic-b.org")
REGISTRANTS = [ANA, BO, MARIA_A, MARIA_B]


def people(*records):
    return merge(records, session_start=START, session_end=END)


def outcome(result):
    return (
        [
            (p.identity_key, registrant_id, evidence)
            for p, registrant_id, evidence in result.matched
        ],
        [(p.identity_key, reason, candidates) for p, reason, candidates in result.review],
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Jane Doe (Jane D.)", "jane doe"),
        ("Doe, Jane", "jane doe"),
        ("Dr. José Núñez, MD", "jose nunez"),
        ("JANE DOE, MD, MPH", "jane doe"),
        ("Smith, John MD", "john smith"),
        ("Siobhan Murphy RN (Siobhan M.)", "siobhan murphy"),
        ("María-José  García PharmD", "maria-jose garcia"),
        ("Anh Do", "anh do"),  # a surname, not a credential
        ("John Smith DO", "john smith"),
        ("Prof. Kwame Mensah NP", "kwame mensah"),
        ("+1 (505) 555-0100", "tel:15055550100"),
        ("李 伟", "李 伟"),
    ],
)
def test_normalise_name(name, expected):
    assert normalise_name(name) == expected


def test_match_by_provider_registrant_id_before_email():
    # The e-mail belongs to Bo, but Zoom's registrant id is Ana's: the id wins.
    result = match(people(record(email="bo.chen@gmail.com", registrant_id="Zr1")), REGISTRANTS)

    assert outcome(result) == ([("rid:Zr1", 1, "registrant_id:Zr1")], [])


def test_match_by_join_token():
    result = match(
        people(record(name="iPad", email=None, join_token="tok-bo", source="jitsi")), REGISTRANTS
    )

    assert outcome(result) == ([("token:tok-bo", 2, "join_token:tok-bo")], [])


def test_match_by_email_case_insensitive_gmail_form_and_aliases():
    result = match(
        people(
            record(name="Someone", email="ANA.LIMA@Clinic.org"),
            record(name="Bob", email="Bo.Chen+echo@gmail.com"),
            record(name="Bob Chen", email="BOCHEN@hospital.org"),
        ),
        REGISTRANTS,
    )

    assert outcome(result) == (
        [
            ("email:ana.lima@clinic.org", 1, "email:ana.lima@clinic.org"),
            ("email:bochen@gmail.com", 2, "email:bochen@gmail.com"),
            ("email:bochen@hospital.org", 2, "email:bochen@hospital.org"),
        ],
        [],
    )


def test_match_gmail_normalisation_is_only_for_gmail():
    registrant = Registrant(id=9, name="Zoë Berg", email="zoe.berg@clinic.org")

    result = match(people(record(name="Z B", email="zoeberg@clinic.org")), [registrant])

    assert outcome(result) == ([], [("email:zoeberg@clinic.org", NO_MATCH, ())])


def test_match_by_normalised_name_and_alias_name():
    result = match(
        people(
            record(name="Lima, Ana (Ana L.)", email="ana.personal@example.org"),
            record(name="Dr. Robert Chen, MD", email=None, dial_in=False),
        ),
        REGISTRANTS,
    )

    assert outcome(result) == (
        [
            ("email:ana.personal@example.org", 1, "name:ana lima"),
            ("name:robert chen", 2, "name:robert chen"),
        ],
        [],
    )


def test_match_name_fitting_two_registrations_goes_to_review():
    result = match(people(record(name="Maria Garcia", email="maria@gmail.com")), REGISTRANTS)

    assert outcome(result) == ([], [("email:maria@gmail.com", NAME_AMBIGUOUS, (3, 4))])


def test_match_two_people_fitting_one_registration_by_name_both_go_to_review():
    result = match(
        people(
            record(name="Ana Lima", email="ana1@example.org"),
            record(name="ANA LIMA", email="ana2@example.org"),
        ),
        REGISTRANTS,
    )

    assert outcome(result) == (
        [],
        [
            ("email:ana1@example.org", NAME_CONTESTED, (1,)),
            ("email:ana2@example.org", NAME_CONTESTED, (1,)),
        ],
    )


def test_match_name_only_for_a_registration_held_by_email_goes_to_review():
    result = match(
        people(
            record(name="Ana Lima", email="ana.lima@clinic.org"),
            record(name="Ana Lima", email="other@example.org"),
        ),
        REGISTRANTS,
    )

    assert outcome(result) == (
        [("email:ana.lima@clinic.org", 1, "email:ana.lima@clinic.org")],
        [("email:other@example.org", NAME_TAKEN, (1,))],
    )


def test_match_shared_email_goes_to_review():
    front_desk = [
        Registrant(id=10, name="Kim Park", email="frontdesk@clinic.org"),
        Registrant(id=11, name="Lee Park", email="FrontDesk@clinic.org"),
    ]

    result = match(people(record(name="Clinic", email="frontdesk@clinic.org")), front_desk)

    assert outcome(result) == ([], [("email:frontdesk@clinic.org", SHARED_EMAIL, (10, 11))])


def test_match_conflicting_ids_go_to_review():
    result = match(
        people(
            record(email=None, registrant_id="Zr1", join=0, leave=10),
            record(email=None, registrant_id="Zr1", join_token="tok-bo", join=10, leave=20),
        ),
        REGISTRANTS,
    )

    assert outcome(result) == ([], [("rid:Zr1", CONFLICTING_IDS, (1, 2))])


def test_match_unknown_people_and_dial_ins_go_to_review():
    result = match(
        people(
            record(name="Walk In", email="walkin@example.org"),
            record(name="+1 505-555-0100", email=None, dial_in=True),
        ),
        REGISTRANTS,
    )

    assert outcome(result) == (
        [],
        [
            ("email:walkin@example.org", NO_MATCH, ()),
            ("name:tel:15055550100", NO_MATCH, ()),
        ],
    )


def test_match_unknown_registrant_id_falls_back_to_email():
    result = match(
        people(record(email="ana.lima@clinic.org", registrant_id="Zr-unknown")), REGISTRANTS
    )

    assert outcome(result) == ([("rid:Zr-unknown", 1, "email:ana.lima@clinic.org")], [])
