"""Zoom recurring series per cohort, per-instance reports, and the conferencing API."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from allteach.accounts.services import api_token_issue
from allteach.attendance.models import Attendance
from allteach.attendance.services import attendance_fetch_from_provider
from allteach.conferencing.models import ProviderAccount, SessionMeeting
from allteach.conferencing.services import provider_account_set, zoom_series_ensure
from allteach.meetings.services import schedule_set
from allteach.programs.models import Registration


def _zoom(world, fake):
    return provider_account_set(
        actor=world.users["hub_admin"],
        hub=world.hub,
        kind="zoom",
        options={
            "account_id": fake.account_id,
            "client_id": fake.client_id,
            "api_base": fake.api_base,
            "oauth_base": fake.oauth_base,
        },
        credentials={
            "client_secret": fake.client_secret,
            "webhook_secret": "whsec-0123456789abcdef",
        },
    )


def _weekly(world, count):
    start = timezone.localdate() + dt.timedelta(days=3)
    return schedule_set(
        actor=world.users["hub_admin"],
        cohort=world.cohort,
        data={
            "frequency": "weekly",
            "weekdays": [start.weekday()],
            "start_date": start,
            "time_of_day": dt.time(12, 0),
            "duration_minutes": 60,
            "timezone": "America/Denver",
            "count": count,
        },
    )


def test_series_over_fifty_sessions_is_split_and_every_session_attached(world, zoom_fake):
    _zoom(world, zoom_fake)
    _weekly(world, 120)
    world.session.delete()  # the fixture's one-off session is not part of the series

    attached = zoom_series_ensure(actor=world.users["hub_admin"], cohort=world.cohort)

    assert attached == 120
    created = zoom_fake.requests_to("/users/me/meetings", "POST")
    bodies = [json.loads(r.body) for r in created]
    end_times = [b["recurrence"]["end_times"] for b in bodies if b.get("type") == 8]
    assert end_times and max(end_times) <= 50 and sum(end_times) == 120
    meetings = SessionMeeting.objects.filter(session__cohort=world.cohort)
    assert meetings.count() == 120
    assert meetings.values("external_id").distinct().count() == len(created)


def test_series_twice_creates_nothing_more(world, zoom_fake):
    _zoom(world, zoom_fake)
    _weekly(world, 10)
    first = zoom_series_ensure(actor=world.users["hub_admin"], cohort=world.cohort)
    posts = len(zoom_fake.requests_to("/users/me/meetings", "POST"))
    assert zoom_series_ensure(actor=world.users["hub_admin"], cohort=world.cohort) == 0
    assert first >= 10
    assert len(zoom_fake.requests_to("/users/me/meetings", "POST")) == posts


def test_series_needs_zoom_and_a_manager(world):
    from django.core.exceptions import PermissionDenied, ValidationError

    _weekly(world, 4)
    with pytest.raises(ValidationError, match="does not use Zoom"):
        zoom_series_ensure(actor=world.users["hub_admin"], cohort=world.cohort)
    with pytest.raises(PermissionDenied):
        zoom_series_ensure(actor=world.users["facilitator"], cohort=world.cohort)
    assert not SessionMeeting.objects.exists()


def test_fetch_of_a_recurring_meeting_reads_this_sessions_instance(world, zoom_fake):
    _zoom(world, zoom_fake)
    session = world.session
    session.starts_at = timezone.now().replace(microsecond=0) - dt.timedelta(hours=3)
    session.ends_at = session.starts_at + dt.timedelta(hours=1)
    session.save()
    SessionMeeting.objects.create(session=session, kind="zoom", key="k", external_id="81234567890")
    earlier, this_one = "earlier==", "/thisOne//=="
    zoom_fake.instances["81234567890"] = [
        {"uuid": earlier, "start_time": (session.starts_at - dt.timedelta(days=7)).isoformat()},
        {"uuid": this_one, "start_time": (session.starts_at + dt.timedelta(minutes=1)).isoformat()},
    ]
    participant = world.users["participant"]

    def row(minutes):
        join = session.starts_at
        return {
            "name": participant.name,
            "user_email": participant.email,
            "join_time": join.isoformat().replace("+00:00", "Z"),
            "leave_time": (join + dt.timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z"),
            "duration": minutes * 60,
            "registrant_id": "",
        }

    zoom_fake.add_report(earlier, [row(5)])
    zoom_fake.add_report(this_one, [row(42)])

    attendance_fetch_from_provider(actor=world.users["hub_admin"], session=session)

    registration = Registration.objects.get(cohort=world.cohort, user=participant)
    assert Attendance.objects.get(session=session, registration=registration).minutes == Decimal(
        "42.00"
    )


def _auth(client, user):
    _, raw = api_token_issue(actor=user, name="api")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_api_sets_and_reads_provider_without_returning_secrets(client, world):
    headers = _auth(client, world.users["hub_admin"])
    response = client.put(
        "/api/hubs/nm-hub/conferencing",
        {
            "kind": "bbb",
            "options": {"base_url": "https://bbb.example.org/bigbluebutton"},
            "credentials": {"secret": "s3cret-s3cret"},
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200, response.content
    assert response.json() == {
        "kind": "bbb",
        "program": None,
        "options": {"base_url": "https://bbb.example.org/bigbluebutton"},
        "stored_secrets": ["secret"],
    }
    listed = client.get("/api/hubs/nm-hub/conferencing", **headers).json()
    assert "s3cret" not in str(listed)
    response = client.put(
        "/api/hubs/nm-hub/conferencing",
        {"kind": "zoom", "program": world.program.slug, "options": {}},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"account_id", "client_id", "client_secret"}
    assert ProviderAccount.objects.filter(hub=world.hub).count() == 1


def test_api_other_hub_admin_gets_404(client, world):
    headers = _auth(client, world.users["other_hub_admin"])
    response = client.put(
        "/api/hubs/nm-hub/conferencing",
        {"kind": "jitsi"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 404
    assert not ProviderAccount.objects.exists()


def test_api_join_link_for_registered_participant_only(client, world):
    response = client.post(
        f"/api/sessions/{world.session.pk}/join-link", **_auth(client, world.users["participant"])
    )
    assert response.status_code == 200
    url = response.json()["url"]
    assert "/join/" in url
    follow = client.get(url.split("testserver", 1)[1])
    assert follow.status_code == 302 and follow["Location"].startswith("https://meet.jit.si/")
    stranger = client.post(
        f"/api/sessions/{world.session.pk}/join-link",
        **_auth(client, world.users["other_hub_admin"]),
    )
    assert stranger.status_code == 400
