"""Fetching Zoom's participants report (paged, durations in seconds) into attendance."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from allteach.attendance.models import Attendance, AttendanceImport, Connection
from allteach.attendance.services import attendance_fetch_from_provider
from allteach.conferencing.models import SessionMeeting
from allteach.conferencing.services import provider_account_set
from tests.fakes import ZoomFake

MEETING_ID = "81234567890"
STRANGERS = 347


def _report_rows():
    rows = [
        {
            "id": "a1",
            "name": "Amara Okafor",
            "user_email": "amara.okafor@northvalley.example",
            "join_time": "2026-11-19T19:00:00Z",
            "leave_time": "2026-11-19T19:20:15Z",
            "duration": 1215,
            "registrant_id": "",
        },
        {
            "id": "a1",
            "name": "Amara Okafor",
            "user_email": "amara.okafor@northvalley.example",
            "join_time": "2026-11-19T19:25:00Z",
            "leave_time": "2026-11-19T19:50:00Z",
            "duration": 1500,
            "registrant_id": "",
        },
        {
            "id": "t1",
            "name": "Tomás Reyes",
            "user_email": "tomas.reyes@mesahealth.example",
            "join_time": "2026-11-19T19:05:00Z",
            "leave_time": "2026-11-19T19:45:30Z",
            "duration": 2430,
            "registrant_id": "",
        },
    ]
    for index in range(STRANGERS):
        rows.append(
            {
                "id": f"s{index}",
                "name": f"Visitor {index}",
                "user_email": f"visitor{index}@far.example",
                "join_time": "2026-11-19T19:30:00Z",
                "leave_time": "2026-11-19T19:40:00Z",
                "duration": 600,
                "registrant_id": "",
            }
        )
    return rows


@pytest.fixture
def zoom_fake():
    with ZoomFake() as fake:
        yield fake


@pytest.fixture
def zoom_session(scene, zoom_fake):
    provider_account_set(
        actor=scene.admin,
        hub=scene.world.hub,
        kind="zoom",
        options={
            "account_id": zoom_fake.account_id,
            "client_id": zoom_fake.client_id,
            "api_base": zoom_fake.api_base,
            "oauth_base": zoom_fake.oauth_base,
        },
        credentials={"client_secret": zoom_fake.client_secret},
    )
    SessionMeeting.objects.create(
        session=scene.session,
        kind="zoom",
        key=f"allteach-s{scene.session.pk}",
        external_id=MEETING_ID,
    )
    zoom_fake.add_report(MEETING_ID, _report_rows())
    return scene


def test_fetch_reads_every_page_and_merges_seconds_exactly(zoom_session, zoom_fake):
    scene = zoom_session
    result = attendance_fetch_from_provider(actor=scene.admin, session=scene.session)
    assert (result.source, result.row_count, result.created_by) == ("zoom_api", 350, scene.admin)
    pages = zoom_fake.requests_to(f"/report/meetings/{MEETING_ID}/participants", "GET")
    assert [page.params.get("page_size") for page in pages] == ["300", "300"]
    assert "next_page_token" not in pages[0].params and pages[1].params["next_page_token"]
    assert Connection.objects.filter(session=scene.session).count() == 350
    amara = Attendance.objects.get(session=scene.session, registration=scene.amara_reg)
    tomas = Attendance.objects.get(session=scene.session, registration=scene.tomas_reg)
    # 20 min 15 s + 25 min; 40 min 30 s.
    assert (amara.status, amara.minutes, amara.connections, amara.sources) == (
        "matched",
        Decimal("45.25"),
        2,
        ["zoom_api"],
    )
    assert (tomas.status, tomas.minutes) == ("matched", Decimal("40.50"))
    review = Attendance.objects.filter(session=scene.session, status="review")
    assert review.count() == STRANGERS
    assert set(review.values_list("minutes", flat=True)) == {Decimal("10.00")}


def test_fetching_twice_is_a_no_op(zoom_session, zoom_fake):
    scene = zoom_session
    first = attendance_fetch_from_provider(actor=scene.admin, session=scene.session)
    before = sorted(
        Attendance.objects.filter(session=scene.session).values_list(
            "identity_key", "minutes", "updated_at"
        )
    )
    again = attendance_fetch_from_provider(actor=scene.admin, session=scene.session)
    assert again.pk == first.pk
    assert (
        AttendanceImport.objects.count(),
        Connection.objects.count(),
        Attendance.objects.count(),
    ) == (1, 350, 349)
    after = sorted(
        Attendance.objects.filter(session=scene.session).values_list(
            "identity_key", "minutes", "updated_at"
        )
    )
    assert after == before


def test_fetch_without_a_meeting_is_a_clear_error(scene):
    with pytest.raises(ValidationError) as caught:
        attendance_fetch_from_provider(actor=scene.admin, session=scene.session)
    assert caught.value.messages == ["This session has no videoconference meeting yet."]


def test_fetch_when_zoom_is_down_changes_nothing(zoom_session, zoom_fake):
    scene = zoom_session
    zoom_fake.stop()
    with pytest.raises(ValidationError, match="The videoconference service did not answer"):
        attendance_fetch_from_provider(actor=scene.admin, session=scene.session)
    assert (
        AttendanceImport.objects.count(),
        Connection.objects.count(),
        Attendance.objects.count(),
    ) == (0, 0, 0)


def test_fetch_with_an_empty_report_stores_nothing(zoom_session, zoom_fake):
    zoom_fake.add_report(MEETING_ID, [])
    assert (
        attendance_fetch_from_provider(actor=zoom_session.admin, session=zoom_session.session)
        is None
    )
    assert AttendanceImport.objects.count() == 0


def test_fetch_needs_a_manager(zoom_session, zoom_fake):
    with pytest.raises(PermissionDenied):
        attendance_fetch_from_provider(
            actor=zoom_session.world.users["facilitator"], session=zoom_session.session
        )
    assert zoom_fake.requests_to("/participants") == []


def test_fetch_through_the_page(client, zoom_session):
    scene = zoom_session
    client.force_login(scene.admin)
    response = client.post(f"/attendance/sessions/{scene.session.pk}/fetch/", follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Attendance fetched from the provider."
    ]
    assert Attendance.objects.filter(session=scene.session).count() == 349
