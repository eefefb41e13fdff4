"""Provider callbacks: Zoom's signed event webhooks and BigBlueButton's analytics JWT."""

import hashlib
import hmac
import json
import time
from decimal import Decimal

import jwt
import pytest

from allteach.attendance.models import Attendance, AttendanceImport, Connection, WebhookDelivery
from allteach.attendance.services import attendance_reconcile
from allteach.conferencing.models import SessionMeeting
from allteach.conferencing.services import provider_account_set

WEBHOOK_SECRET = "zoom-webhook-secret-token"
BBB_SECRET = "bbb-shared-secret-0c9d8e7f"
MEETING_ID = "81234567890"


# -- Zoom --------------------------------------------------------------------------------


@pytest.fixture
def zoom_hub(scene):
    provider_account_set(
        actor=scene.admin,
        hub=scene.world.hub,
        kind="zoom",
        options={"account_id": "acct-1", "client_id": "client-1"},
        credentials={"client_secret": "client-secret", "webhook_secret": WEBHOOK_SECRET},
    )
    SessionMeeting.objects.create(
        session=scene.session,
        kind="zoom",
        key=f"allteach-s{scene.session.pk}",
        external_id=MEETING_ID,
    )
    return scene


def _signed(body: bytes, *, secret: str = WEBHOOK_SECRET, ts: int | None = None) -> dict:
    ts = int(time.time()) if ts is None else ts
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"HTTP_X_ZM_REQUEST_TIMESTAMP": str(ts), "HTTP_X_ZM_SIGNATURE": f"v0={digest}"}


def _post(client, body: bytes, headers: dict, slug: str = "nm-hub"):
    return client.post(f"/hooks/zoom/{slug}", data=body, content_type="application/json", **headers)


def _participant_event(
    kind: str, at: str, *, uuid: str = "part-uuid-1", event_ts: int = 1_795_600_000_000
) -> bytes:
    field = "join_time" if kind == "joined" else "leave_time"
    return json.dumps(
        {
            "event": f"meeting.participant_{kind}",
            "event_ts": event_ts,
            "payload": {
                "account_id": "acct-1",
                "object": {
                    "id": MEETING_ID,
                    "uuid": "4444AAAiAAAAAiAiAiiAii==",
                    "host_id": "host-1",
                    "topic": "Hepatitis C ECHO",
                    "participant": {
                        "user_id": "16778240",
                        "user_name": "Amara Okafor",
                        "participant_uuid": uuid,
                        "email": "amara.okafor@northvalley.example",
                        field: at,
                    },
                },
            },
        }
    ).encode()


def test_url_validation_is_answered(client, zoom_hub):
    body = json.dumps(
        {
            "event": "endpoint.url_validation",
            "event_ts": 1_795_600_000_000,
            "payload": {"plainToken": "qgg8vlvZRS6UYooatFL8Aw"},
        }
    ).encode()
    response = _post(client, body, _signed(body))
    assert response.status_code == 200
    assert response.json() == {
        "plainToken": "qgg8vlvZRS6UYooatFL8Aw",
        "encryptedToken": hmac.new(
            WEBHOOK_SECRET.encode(), b"qgg8vlvZRS6UYooatFL8Aw", hashlib.sha256
        ).hexdigest(),
    }


def test_joined_then_left_gives_a_connection_and_attendance(
    client, zoom_hub, django_capture_on_commit_callbacks
):
    scene = zoom_hub
    joined = _participant_event("joined", "2026-11-19T19:05:00Z", event_ts=1)
    response = _post(client, joined, _signed(joined))
    assert (response.status_code, response.json()) == (200, {"result": "joined"})
    connection = Connection.objects.get(session=scene.session)
    assert (
        connection.source,
        connection.participant_key,
        connection.email,
        connection.left_at,
    ) == (
        "zoom_webhook",
        "part-uuid-1",
        "amara.okafor@northvalley.example",
        None,
    )
    assert connection.joined_at.isoformat() == "2026-11-19T19:05:00+00:00"

    left = _participant_event("left", "2026-11-19T19:47:30Z", event_ts=2)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _post(client, left, _signed(left))
    assert (response.status_code, response.json()) == (200, {"result": "left"})
    assert len(callbacks) == 1  # the reconcile task, queued after commit
    connection.refresh_from_db()
    assert connection.left_at.isoformat() == "2026-11-19T19:47:30+00:00"
    row = Attendance.objects.get(session=scene.session)
    assert (row.status, row.registration_id, row.minutes, row.sources) == (
        "matched",
        scene.amara_reg.pk,
        Decimal("42.50"),
        ["zoom_webhook"],
    )
    assert WebhookDelivery.objects.count() == 2


def test_still_connected_counts_until_the_session_ends(client, zoom_hub):
    joined = _participant_event("joined", "2026-11-19T19:30:00Z")
    _post(client, joined, _signed(joined))
    attendance_reconcile(session=zoom_hub.session)
    assert Attendance.objects.get(session=zoom_hub.session).minutes == Decimal("30.00")


def test_the_same_delivery_twice_is_a_no_op(client, zoom_hub):
    joined = _participant_event("joined", "2026-11-19T19:05:00Z")
    headers = _signed(joined)
    assert _post(client, joined, headers).json() == {"result": "joined"}
    again = _post(client, joined, headers)
    assert (again.status_code, again.json()) == (200, {"result": "duplicate"})
    assert Connection.objects.count() == 1
    assert WebhookDelivery.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(lambda body: _signed(body, secret="not-the-secret"), id="forged"),
        pytest.param(
            lambda body: {**_signed(body), "HTTP_X_ZM_SIGNATURE": "v0=" + "0" * 64}, id="zeros"
        ),
        pytest.param(lambda body: _signed(body, ts=int(time.time()) - 600), id="stale"),
        pytest.param(lambda body: _signed(body, ts=int(time.time()) + 600), id="future"),
        pytest.param(lambda body: {}, id="unsigned"),
        pytest.param(lambda body: _signed(body + b" "), id="body-changed"),
    ],
)
def test_bad_signatures_are_refused_and_nothing_stored(client, zoom_hub, headers):
    joined = _participant_event("joined", "2026-11-19T19:05:00Z")
    response = _post(client, joined, headers(joined))
    assert response.status_code == 401
    assert response.json() == {"message": "Signature check failed."}
    assert Connection.objects.count() == 0
    assert WebhookDelivery.objects.count() == 0


def test_left_without_joined_is_a_no_op(client, zoom_hub):
    left = _participant_event("left", "2026-11-19T19:45:00Z")
    response = _post(client, left, _signed(left))
    assert (response.status_code, response.json()) == (
        200,
        {"result": "ignored: leave without a join"},
    )
    assert Connection.objects.count() == 0
    assert Attendance.objects.count() == 0


def test_event_for_another_time_is_ignored(client, zoom_hub):
    joined = _participant_event("joined", "2026-12-01T19:05:00Z")
    response = _post(client, joined, _signed(joined))
    assert response.json() == {"result": "ignored: no session for this meeting at that time"}
    assert Connection.objects.count() == 0


def test_hub_without_webhook_secret_answers_404(client, scene):
    body = _participant_event("joined", "2026-11-19T19:05:00Z")
    assert _post(client, body, _signed(body)).status_code == 404
    assert _post(client, body, _signed(body), slug="no-such-hub").status_code == 404
    assert Connection.objects.count() == 0


def test_other_events_are_acknowledged(client, zoom_hub):
    body = json.dumps({"event": "meeting.started", "event_ts": 1, "payload": {}}).encode()
    assert _post(client, body, _signed(body)).json() == {"result": "ignored"}


# -- BigBlueButton -----------------------------------------------------------------------


@pytest.fixture
def bbb_meeting(scene):
    provider_account_set(
        actor=scene.admin,
        hub=scene.world.hub,
        kind="bbb",
        options={"base_url": "https://bbb.example.org/bigbluebutton"},
        credentials={"secret": BBB_SECRET},
    )
    key = f"allteach-s{scene.session.pk}"
    SessionMeeting.objects.create(session=scene.session, kind="bbb", key=key, external_id=key)
    return scene, key


def _analytics_body(key: str) -> bytes:
    return json.dumps(
        {
            "version": "1.0",
            "meeting_id": key,
            "internal_meeting_id": "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1795633200000",
            "data": {
                "metadata": {"allteach-key": key},
                "duration": 3600,
                "start": "2026-11-19T19:00:00.000Z",
                "finish": "2026-11-19T20:00:00.000Z",
                "attendees": [
                    {
                        "ext_user_id": "u1",
                        "name": "Amara Okafor",
                        "moderator": False,
                        "joins": ["2026-11-19T19:02:00.000Z", "2026-11-19T19:30:00.000Z"],
                        "leaves": ["2026-11-19T19:20:00.000Z"],
                        "duration": 2880,
                    },
                    {
                        "ext_user_id": "u2",
                        "name": "Tomás Reyes",
                        "moderator": False,
                        "joins": [{"timestamp": "2026-11-19T19:10:00.000Z"}],
                        "leaves": [{"timestamp": "2026-11-19T19:55:00.000Z"}],
                        "duration": 2700,
                    },
                ],
            },
        }
    ).encode()


def _bearer(*, key: str = BBB_SECRET, algorithm: str = "HS512", claims: dict | None = None) -> str:
    claims = {"exp": int(time.time()) + 3600} if claims is None else claims
    return "Bearer " + jwt.encode(claims, key, algorithm=algorithm)


def test_bbb_analytics_callback_stores_attendance(client, bbb_meeting):
    scene, key = bbb_meeting
    body = _analytics_body(key)
    response = client.post(
        f"/hooks/bbb/{key}/analytics",
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=_bearer(),
    )
    assert (response.status_code, response.json()) == (200, {"result": "ok", "rows": 3})
    rows = {
        a.registration_id: (a.status, a.minutes, a.connections, a.sources)
        for a in Attendance.objects.all()
    }
    assert rows == {
        # 19:02–19:20 and 19:30 until the meeting finished at 20:00: 18 + 30.
        scene.amara_reg.pk: ("matched", Decimal("48.00"), 2, ["bbb"]),
        scene.tomas_reg.pk: ("matched", Decimal("45.00"), 1, ["bbb"]),
    }
    assert AttendanceImport.objects.get().source == "bbb"

    again = client.post(
        f"/hooks/bbb/{key}/analytics",
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=_bearer(),
    )
    assert again.status_code == 200
    assert (
        AttendanceImport.objects.count(),
        Connection.objects.count(),
        Attendance.objects.count(),
    ) == (1, 3, 2)


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param(lambda: _bearer(key="some-other-secret"), id="wrong-signature"),
        pytest.param(lambda: _bearer(algorithm="HS256"), id="hs256"),
        pytest.param(
            lambda: (
                "Bearer " + jwt.encode({"exp": int(time.time()) + 3600}, None, algorithm="none")
            ),
            id="alg-none",
        ),
        pytest.param(lambda: _bearer(claims={"exp": int(time.time()) - 3600}), id="expired"),
        pytest.param(lambda: _bearer(claims={"sub": "no-exp"}), id="no-exp"),
        pytest.param(lambda: "", id="missing"),
        pytest.param(lambda: _bearer().replace("Bearer", "Basic"), id="not-bearer"),
    ],
)
def test_bbb_analytics_callback_refuses_bad_tokens(client, bbb_meeting, authorization):
    scene, key = bbb_meeting
    response = client.post(
        f"/hooks/bbb/{key}/analytics",
        data=_analytics_body(key),
        content_type="application/json",
        HTTP_AUTHORIZATION=authorization(),
    )
    assert response.status_code == 401
    assert response.json() == {"message": "Rejected."}
    assert (
        AttendanceImport.objects.count(),
        Connection.objects.count(),
        Attendance.objects.count(),
    ) == (0, 0, 0)


def test_bbb_analytics_for_unknown_meeting_is_404(client, bbb_meeting):
    scene, key = bbb_meeting
    response = client.post(
        "/hooks/bbb/allteach-s999999/analytics",
        data=_analytics_body(key),
        content_type="application/json",
        HTTP_AUTHORIZATION=_bearer(),
    )
    assert response.status_code == 404
    assert Connection.objects.count() == 0


def test_bbb_analytics_with_a_bad_timestamp_is_refused(client, bbb_meeting):
    scene, key = bbb_meeting
    body = _analytics_body(key).replace(b"2026-11-19T19:02:00.000Z", b"not a time")
    response = client.post(
        f"/hooks/bbb/{key}/analytics",
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=_bearer(),
    )
    assert response.status_code in (400, 401)
    assert Connection.objects.count() == 0
