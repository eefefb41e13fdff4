"""The coordinator's attendance page and its actions, and group-viewing reports."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from allteach.attendance.models import Attendance, AttendanceImport, GroupViewing
from allteach.attendance.services import attendance_adjust, attendance_import_zoom_csv
from allteach.core.models import AuditEvent
from tests import factories


@pytest.fixture
def imported(scene, basic_csv):
    attendance_import_zoom_csv(
        actor=scene.admin, session=scene.session, data=basic_csv, filename="plain.csv"
    )
    return scene


def _state(session):
    return sorted(
        (a.pk, a.status, a.registration_id, a.minutes)
        for a in Attendance.objects.filter(session=session)
    )


def test_coordinator_page_shows_roster_review_and_history(client, imported):
    scene = imported
    amara = Attendance.objects.get(session=scene.session, registration=scene.amara_reg)
    attendance_adjust(
        actor=scene.admin, attendance=amara, minutes=Decimal("48"), reason="Audio dropped twice"
    )
    client.force_login(scene.admin)
    response = client.get(f"/attendance/sessions/{scene.session.pk}/")
    assert response.status_code == 200
    context = response.context
    assert [a.name for a in context["roster"]] == ["Amara Okafor", "Reyes, Tomás"]
    assert sorted(a.name for a in context["review_rows"]) == ["+1 505-555-0143", "Mystery Guest"]
    assert [e.verb for e in context["history"]] == ["attendance.adjust", "attendance.import"]
    assert context["summary"] == {"counted": 4, "review": 2, "group_headcount": 0}
    html = response.content.decode()
    for text in (
        "Amara Okafor",
        "Mystery Guest",
        "+1 505-555-0143",
        "Audio dropped twice",
        "plain.csv",
    ):
        assert text in html


@pytest.mark.parametrize("role", ["participant", "facilitator", "other_hub_admin"])
def test_coordinator_page_and_actions_are_404_for_others(client, imported, role):
    scene = imported
    client.force_login(scene.world.users[role])
    session_id = scene.session.pk
    amara = Attendance.objects.get(session=scene.session, registration=scene.amara_reg)
    stranger = Attendance.objects.get(session=scene.session, name="Mystery Guest")
    before = _state(scene.session)
    audits = AuditEvent.objects.count()
    assert client.get(f"/attendance/sessions/{session_id}/").status_code == 404
    posts = [
        (f"/attendance/rows/{amara.pk}/adjust/", {"minutes": "1", "reason": "x"}),
        (f"/attendance/rows/{stranger.pk}/dismiss/", {"reason": "x"}),
        (
            f"/attendance/rows/{stranger.pk}/assign/",
            {"registration": scene.participant_reg.pk, "reason": "x"},
        ),
        (
            f"/attendance/sessions/{session_id}/add/",
            {"registration": scene.participant_reg.pk, "minutes": "5", "reason": "x"},
        ),
        (
            f"/attendance/sessions/{session_id}/import/",
            {"file": SimpleUploadedFile("x.csv", b"Name,Join Time\r\n")},
        ),
        (f"/attendance/sessions/{session_id}/fetch/", {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert _state(scene.session) == before
    assert AuditEvent.objects.count() == audits
    assert AttendanceImport.objects.count() == 1


def test_anonymous_is_sent_to_sign_in(client, imported):
    response = client.get(f"/attendance/sessions/{imported.session.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_adjust_through_the_page(client, imported):
    scene = imported
    client.force_login(scene.admin)
    amara = Attendance.objects.get(session=scene.session, registration=scene.amara_reg)
    response = client.post(
        f"/attendance/rows/{amara.pk}/adjust/", {"minutes": "45.25", "reason": "Left early"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/attendance/sessions/{scene.session.pk}/"
    amara.refresh_from_db()
    assert (amara.status, amara.minutes) == ("manual", Decimal("45.25"))
    assert AuditEvent.objects.get(verb="attendance.adjust").reason == "Left early"


@pytest.mark.parametrize(
    "data",
    [{"minutes": "45"}, {"minutes": "45", "reason": ""}, {"minutes": "75", "reason": "too long"}],
    ids=["no-reason", "blank-reason", "beyond-session"],
)
def test_adjust_through_the_page_refuses_bad_input(client, imported, data):
    scene = imported
    client.force_login(scene.admin)
    amara = Attendance.objects.get(session=scene.session, registration=scene.amara_reg)
    response = client.post(f"/attendance/rows/{amara.pk}/adjust/", data)
    assert response.status_code == 400
    assert response.context["errors"]
    amara.refresh_from_db()
    assert (amara.status, amara.minutes) == ("matched", Decimal("50.00"))
    assert AuditEvent.objects.filter(verb="attendance.adjust").count() == 0


def test_assign_dismiss_and_add_through_the_page(client, imported):
    scene = imported
    client.force_login(scene.admin)
    stranger = Attendance.objects.get(session=scene.session, name="Mystery Guest")
    phone = Attendance.objects.get(session=scene.session, dial_in=True)
    response = client.post(
        f"/attendance/rows/{stranger.pk}/assign/",
        {"registration": scene.participant_reg.pk, "reason": "Her guest name"},
    )
    assert response.status_code == 302
    row = Attendance.objects.get(session=scene.session, registration=scene.participant_reg)
    assert (row.status, row.minutes) == ("matched", Decimal("20.00"))
    assert (
        client.post(f"/attendance/rows/{phone.pk}/dismiss/", {"reason": "Room phone"}).status_code
        == 302
    )
    phone.refresh_from_db()
    assert phone.status == "dismissed"
    presenter_reg = scene.world.users["presenter"].registrations.get()
    response = client.post(
        f"/attendance/sessions/{scene.session.pk}/add/",
        {
            "registration": presenter_reg.pk,
            "minutes": "30",
            "reason": "Presented from the hub room",
        },
    )
    assert response.status_code == 302
    added = Attendance.objects.get(session=scene.session, registration=presenter_reg)
    assert (added.status, added.minutes) == ("manual", Decimal("30.00"))
    assert client.post(f"/attendance/rows/{phone.pk}/explode/", {"reason": "x"}).status_code == 404


def test_import_through_the_page(client, scene, basic_csv):
    client.force_login(scene.admin)
    url = f"/attendance/sessions/{scene.session.pk}/import/"
    response = client.post(
        url, {"file": SimpleUploadedFile("zoom.csv", basic_csv, "text/csv"), "timezone": ""}
    )
    assert response.status_code == 302
    assert AttendanceImport.objects.get().filename == "zoom.csv"
    assert Attendance.objects.filter(session=scene.session).count() == 4

    bad = basic_csv.replace(b"12:20:00 PM", b"11:20:00 AM", 1)
    response = client.post(url, {"file": SimpleUploadedFile("bad.csv", bad, "text/csv")})
    assert response.status_code == 400
    assert "line 2: Leave Time" in response.content.decode()
    assert AttendanceImport.objects.count() == 1


# -- group viewing -----------------------------------------------------------------------


@pytest.fixture
def started(world):
    now = timezone.now().replace(microsecond=0)
    return factories.SessionFactory(
        cohort=world.cohort,
        starts_at=now - dt.timedelta(minutes=10),
        ends_at=now + dt.timedelta(minutes=50),
    )


def test_registered_participant_reports_a_group_and_can_correct_it(client, world, started):
    participant = world.users["participant"]
    client.force_login(participant)
    url = f"/attendance/sessions/{started.pk}/group/"
    response = client.post(url, {"headcount": "4", "site": "Gallup clinic", "names": "A, B, C, D"})
    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{started.pk}/"
    report = GroupViewing.objects.get()
    assert (report.session, report.reporter, report.headcount, report.site, report.names) == (
        started,
        participant,
        4,
        "Gallup clinic",
        "A, B, C, D",
    )
    response = client.post(url, {"headcount": "6", "site": "Gallup clinic"})
    assert response.status_code == 302
    assert GroupViewing.objects.count() == 1
    report.refresh_from_db()
    assert (report.headcount, report.names) == (6, "")
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["headcount"] == 6
    assert AuditEvent.objects.filter(verb="attendance.group_viewing").count() == 2


def test_group_viewing_through_the_api_upserts(client, world, started):
    client.force_login(world.users["participant"])
    url = f"/api/sessions/{started.pk}/group-viewing"
    response = client.put(url, {"headcount": 3, "site": "Zuni"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"session": started.pk, "headcount": 3, "site": "Zuni"}
    client.put(url, {"headcount": 5}, content_type="application/json")
    assert list(GroupViewing.objects.values_list("headcount", "site")) == [(5, "")]


def test_unregistered_person_may_not_report(client, world, started):
    client.force_login(factories.UserFactory())
    response = client.post(f"/attendance/sessions/{started.pk}/group/", {"headcount": "4"})
    assert response.status_code == 403
    response = client.put(
        f"/api/sessions/{started.pk}/group-viewing",
        {"headcount": 4},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert GroupViewing.objects.count() == 0


def test_other_hubs_admin_may_not_report(client, world, started):
    client.force_login(world.users["other_hub_admin"])
    response = client.post(f"/attendance/sessions/{started.pk}/group/", {"headcount": "4"})
    assert response.status_code == 403
    assert GroupViewing.objects.count() == 0


def test_no_report_before_the_session_starts(client, world):
    client.force_login(world.users["participant"])
    response = client.post(f"/attendance/sessions/{world.session.pk}/group/", {"headcount": "4"})
    assert response.status_code == 400
    assert "You can report group viewing once the session has started." in response.content.decode()
    assert GroupViewing.objects.count() == 0


@pytest.mark.parametrize("headcount", ["0", "501", "many"])
def test_group_headcount_must_be_sensible(client, world, started, headcount):
    client.force_login(world.users["participant"])
    response = client.post(f"/attendance/sessions/{started.pk}/group/", {"headcount": headcount})
    assert response.status_code == 400
    assert GroupViewing.objects.count() == 0


def test_group_headcount_shows_in_the_summary(client, world, started):
    client.force_login(world.users["participant"])
    client.post(f"/attendance/sessions/{started.pk}/group/", {"headcount": "4"})
    client.force_login(world.users["presenter"])
    client.post(f"/attendance/sessions/{started.pk}/group/", {"headcount": "2"})
    client.force_login(world.users["hub_admin"])
    response = client.get(f"/attendance/sessions/{started.pk}/")
    assert response.context["summary"] == {"counted": 0, "review": 0, "group_headcount": 6}
