from allteach.attendance_engine import Registrant, reconcile, zoom_csv

from .helpers import END, START, at, record
from .test_zoom_csv import fixture_bytes

ANA = Registrant(id=1, name="Ana Lima", email="ana.lima@clinic.org")
BO = Registrant(id=2, name="Bo Chen", email="bo@example.org", registrant_ids=("Zr2",))


def rows_of(records, registrants=(ANA, BO), **policy):
    return reconcile(records, list(registrants), session_start=START, session_end=END, **policy)


def test_reconcile_rows_for_matched_and_review():
    rows = rows_of(
        [
            record(name="Ana Lima", email="ana.lima@clinic.org", join=0, leave=50),
            record(name="Walk In", email="walkin@example.org", join=10, leave=20),
        ],
        min_percent=75,
    )

    assert [row._asdict() for row in rows] == [
        {
            "identity_key": "email:walkin@example.org",
            "status": "review",
            "registrant_id": None,
            "match_evidence": "",
            "review_reason": "no registration matches",
            "candidates": (),
            "name": "Walk In",
            "email": "walkin@example.org",
            "attended_seconds": 600.0,
            "minutes": 10.0,
            "first_join": at(10),
            "last_leave": at(20),
            "connections": 1,
            "sources": ("zoom_api",),
            "is_guest": False,
            "dial_in": False,
            "counts": False,
        },
        {
            "identity_key": "registration:1",
            "status": "matched",
            "registrant_id": 1,
            "match_evidence": "email:ana.lima@clinic.org",
            "review_reason": "",
            "candidates": (),
            "name": "Ana Lima",
            "email": "ana.lima@clinic.org",
            "attended_seconds": 3000.0,
            "minutes": 50.0,
            "first_join": at(0),
            "last_leave": at(50),
            "connections": 1,
            "sources": ("zoom_api",),
            "is_guest": False,
            "dial_in": False,
            "counts": True,
        },
    ]


def test_reconcile_combines_people_matched_to_one_registration():
    # A laptop known by e-mail and a phone known only by Zoom's registrant id.
    rows = rows_of(
        [
            record(name="Bo Chen", email="bo@example.org", join=0, leave=30),
            record(name="Bo's iPhone", email=None, registrant_id="Zr2", join=20, leave=45),
        ],
        min_minutes=40,
    )

    assert [
        (r.identity_key, r.minutes, r.connections, r.counts, r.match_evidence) for r in rows
    ] == [("registration:2", 45.0, 2, True, "email:bo@example.org; registrant_id:Zr2")]


def test_reconcile_reimport_gives_the_same_rows():
    data = fixture_bytes("with_meeting_data.csv")
    registrants = [
        Registrant(id=7, name="Hoa Nguyen", email="hoa.nguyen@sunrisecommunity.org"),
        Registrant(id=8, name="Jane Doe", email="jane.doe@elsewhere.org"),
    ]

    def run():
        report = zoom_csv.parse(data, tz="America/Denver")
        return reconcile(
            report.records,
            registrants,
            session_start=report.meeting["start"],
            session_end=report.meeting["end"],
            min_percent=75,
        )

    first, second = run(), run()

    assert first == second
    assert [(r.identity_key, r.status, r.registrant_id, r.minutes, r.counts) for r in first] == [
        ("email:echo.hub@unm-example.org", "review", None, 67.12, True),
        ("registration:7", "matched", 7, 61.25, True),
        ("registration:8", "matched", 8, 45.0, False),
    ]
