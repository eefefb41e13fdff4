"""The attendance API: listing, multipart import and corrections, kept within the hub."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from allteach.attendance.models import Attendance, AttendanceImport
from allteach.attendance.services import attendance_import_zoom_csv
from allteach.core.models import AuditEvent


@pytest.fixture
def imported(scene, basic_csv):
    attendance_import_zoom_csv(
        actor=scene.admin, session=scene.session, data=basic_csv, filename="plain.csv"
    )
    return scene


def test_list_for_the_hub_admin(client, imported):
    scene = imported
    client.force_login(scene.admin)
    response = client.get(f"/api/sessions/{scene.session.pk}/attendance")
    assert response.status_code == 200
    body = response.json()
    assert [(r["status"], r["name"], r["minutes"]) for r in body] == [
        ("matched", "Amara Okafor", "50.00"),
        ("matched", "Reyes, Tomás", "54.00"),
        ("review", "+1 505-555-0143", "40.00"),
        ("review", "Mystery Guest", "20.00"),
    ]
    amara = body[0]
    assert amara["registration"] == scene.amara_reg.pk
    assert amara["identity_key"] == f"registration:{scene.amara_reg.pk}"
    assert (amara["counts"], amara["connections"], amara["sources"]) == (True, 3, ["zoom_csv"])
    assert amara["first_join"] == "2026-11-19T19:00:00Z"
    assert body[3]["review_reason"] == "no registration matches"


@pytest.mark.parametrize("role", ["other_hub_admin", "facilitator", "participant"])
def test_list_is_404_for_others(client, imported, role):
    client.force_login(imported.world.users[role])
    response = client.get(f"/api/sessions/{imported.session.pk}/attendance")
    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "errors": {}}


def test_list_needs_a_sign_in(client, imported):
    assert client.get(f"/api/sessions/{imported.session.pk}/attendance").status_code == 401


def test_multipart_import(client, scene, basic_csv):
    client.force_login(scene.admin)
    url = f"/api/sessions/{scene.session.pk}/attendance/import"
    response = client.post(url, {"file": SimpleUploadedFile("zoom.csv", basic_csv, "text/csv")})
    assert response.status_code == 201
    created = AttendanceImport.objects.get()
    assert response.json() == {
        "id": created.pk,
        "source": "zoom_csv",
        "layout": "plain",
        "row_count": 6,
        "filename": "zoom.csv",
    }
    assert Attendance.objects.filter(session=scene.session).count() == 4
    again = client.post(url, {"file": SimpleUploadedFile("zoom.csv", basic_csv, "text/csv")})
    assert (again.status_code, again.json()["id"]) == (201, created.pk)
    assert AttendanceImport.objects.count() == 1


def test_multipart_import_of_a_bad_file(client, scene, basic_csv):
    client.force_login(scene.admin)
    bad = basic_csv.replace(b"12:20:00 PM", b"11:20:00 AM", 1)
    response = client.post(
        f"/api/sessions/{scene.session.pk}/attendance/import",
        {"file": SimpleUploadedFile("bad.csv", bad)},
    )
    assert response.status_code == 400
    assert response.json()["message"] == (
        "line 2: Leave Time '11/19/2026 11:20:00 AM' is before Join Time '11/19/2026 12:00:00 PM'"
    )
    assert AttendanceImport.objects.count() == 0


def test_multipart_import_for_another_hub_is_404(client, scene, basic_csv):
    client.force_login(scene.world.users["other_hub_admin"])
    response = client.post(
        f"/api/sessions/{scene.session.pk}/attendance/import",
        {"file": SimpleUploadedFile("zoom.csv", basic_csv)},
    )
    assert response.status_code == 404
    assert AttendanceImport.objects.count() == 0


def test_adjust_needs_a_reason(client, imported):
    scene = imported
    client.force_login(scene.admin)
    amara = Attendance.objects.get(registration=scene.amara_reg)
    url = f"/api/attendance/{amara.pk}/adjust"
    response = client.post(url, {"minutes": "30", "reason": ""}, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "message": "Say why you are changing attendance; it is kept in the record.",
        "errors": {"reason": ["Say why you are changing attendance; it is kept in the record."]},
    }
    response = client.post(url, {"minutes": "30"}, content_type="application/json")
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
    amara.refresh_from_db()
    assert (amara.status, amara.minutes) == ("matched", Decimal("50.00"))
    assert AuditEvent.objects.filter(verb="attendance.adjust").count() == 0

    response = client.post(
        url,
        {"minutes": "30", "reason": "Left for a clinic emergency"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert (response.json()["status"], Decimal(response.json()["minutes"])) == (
        "manual",
        Decimal("30"),
    )
    amara.refresh_from_db()
    assert (amara.status, amara.minutes) == ("manual", Decimal("30.00"))


def test_adjust_needs_minutes(client, imported):
    client.force_login(imported.admin)
    amara = Attendance.objects.get(registration=imported.amara_reg)
    response = client.post(
        f"/api/attendance/{amara.pk}/adjust", {"reason": "x"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"minutes": ["Give the minutes attended."]}


def test_assign_and_dismiss_through_the_api(client, imported):
    scene = imported
    client.force_login(scene.admin)
    stranger = Attendance.objects.get(session=scene.session, name="Mystery Guest")
    phone = Attendance.objects.get(session=scene.session, dial_in=True)
    response = client.post(
        f"/api/attendance/{stranger.pk}/assign",
        {"registration": scene.participant_reg.pk, "reason": "Guest name"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert (response.json()["registration"], response.json()["status"]) == (
        scene.participant_reg.pk,
        "matched",
    )
    response = client.post(
        f"/api/attendance/{phone.pk}/dismiss",
        {"reason": "Room phone"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["status"]) == (200, "dismissed")
    response = client.post(
        f"/api/attendance/{phone.pk}/explode", {"reason": "x"}, content_type="application/json"
    )
    assert response.status_code == 400


def test_corrections_for_another_hub_are_404(client, imported):
    client.force_login(imported.world.users["other_hub_admin"])
    amara = Attendance.objects.get(registration=imported.amara_reg)
    response = client.post(
        f"/api/attendance/{amara.pk}/adjust",
        {"minutes": "1", "reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404
    amara.refresh_from_db()
    assert (amara.status, amara.minutes) == ("matched", Decimal("50.00"))
