import hashlib
import hmac
import json
from datetime import UTC, datetime

import pytest

from allteach.providers import AttendanceEvent, WebhookRejected
from allteach.providers.zoom import (
    parse_participant_event,
    url_validation_response,
    verify_zoom_webhook,
    webhook_signature,
)

SECRET = "zoom-webhook-secret"
TS = "1800000000"
BODY = b'{"event":"meeting.participant_joined"}'
# hex(HMAC-SHA256(secret, "v0:{ts}:{body}")), computed once from the documented formula.
KNOWN_SIGNATURE = "v0=58ec5e286340f2273c205d4f5e714cf6dfc2e778186811674449593e46d88837"


def test_signature_known_vector():
    by_hand = hmac.new(SECRET.encode(), b"v0:" + TS.encode() + b":" + BODY, hashlib.sha256)
    assert "v0=" + by_hand.hexdigest() == KNOWN_SIGNATURE
    assert webhook_signature(SECRET, TS, BODY) == KNOWN_SIGNATURE
    verify_zoom_webhook(SECRET, TS, KNOWN_SIGNATURE, BODY, now=1_800_000_100)
    verify_zoom_webhook(
        SECRET, TS, KNOWN_SIGNATURE, BODY, now=datetime.fromtimestamp(1_799_999_750, UTC)
    )


@pytest.mark.parametrize(
    ("timestamp", "signature", "body", "now"),
    [
        pytest.param(TS, KNOWN_SIGNATURE, BODY + b" ", 1_800_000_000, id="tampered-body"),
        pytest.param(TS, KNOWN_SIGNATURE.upper(), BODY, 1_800_000_000, id="case-changed"),
        pytest.param(TS, KNOWN_SIGNATURE[3:], BODY, 1_800_000_000, id="no-v0-prefix"),
        pytest.param(TS, "", BODY, 1_800_000_000, id="missing-signature"),
        pytest.param("1800000001", KNOWN_SIGNATURE, BODY, 1_800_000_000, id="other-timestamp"),
        pytest.param(TS, KNOWN_SIGNATURE, BODY, 1_800_000_301, id="stale"),
        pytest.param(TS, KNOWN_SIGNATURE, BODY, 1_799_999_699, id="from-the-future"),
        pytest.param("", KNOWN_SIGNATURE, BODY, 1_800_000_000, id="missing-timestamp"),
        pytest.param("18e8", KNOWN_SIGNATURE, BODY, 1_800_000_000, id="odd-timestamp"),
    ],
)
def test_signature_rejections(timestamp, signature, body, now):
    with pytest.raises(WebhookRejected):
        verify_zoom_webhook(SECRET, timestamp, signature, body, now=now)


def test_empty_secret_rejects_everything():
    with pytest.raises(WebhookRejected):
        verify_zoom_webhook("", TS, webhook_signature("", TS, BODY), BODY, now=1_800_000_000)


def test_url_validation_response():
    assert url_validation_response(SECRET, "qgg8vlvZRS6UYooatFL8Aw") == {
        "plainToken": "qgg8vlvZRS6UYooatFL8Aw",
        "encryptedToken": "652a0188f06bf15dec80150c3da2729148fdcb8439d1f19ff7eba53901875baf",
    }
    expected = hmac.new(SECRET.encode(), b"qgg8vlvZRS6UYooatFL8Aw", hashlib.sha256).hexdigest()
    assert url_validation_response(SECRET, "qgg8vlvZRS6UYooatFL8Aw")["encryptedToken"] == expected


def _event(event, time_field, when, event_ts=1_800_000_000_123):
    return {
        "event": event,
        "event_ts": event_ts,
        "payload": {
            "account_id": "acct-1",
            "object": {
                "id": "81234567890",
                "uuid": "4444AAAiAAAAAiAiAiiAii==",
                "host_id": "host-1",
                "topic": "Hepatitis C clinic",
                "type": 8,
                "start_time": "2027-01-13T19:00:00Z",
                "timezone": "America/Denver",
                "participant": {
                    "user_id": "16778240",
                    "user_name": "Alice Adeyemi",
                    "id": "zoom-user-1",
                    "participant_uuid": "p-uuid-1",
                    time_field: when,
                    "email": "alice@example.org",
                    "registrant_id": "reg-1",
                    "participant_user_id": "zoom-user-1",
                },
            },
        },
    }


def test_participant_joined():
    payload = _event("meeting.participant_joined", "join_time", "2027-01-13T19:02:03Z")
    assert parse_participant_event(payload) == AttendanceEvent(
        kind="joined",
        meeting_id="81234567890",
        meeting_uuid="4444AAAiAAAAAiAiAiiAii==",
        participant_uuid="p-uuid-1",
        name="Alice Adeyemi",
        email="alice@example.org",
        registrant_id="reg-1",
        provider_user_id="zoom-user-1",
        at=datetime(2027, 1, 13, 19, 2, 3, tzinfo=UTC),
        event_ts=1_800_000_000_123,
        dedupe_key=(
            "zoom:meeting.participant_joined:4444AAAiAAAAAiAiAiiAii==:p-uuid-1:1800000000123"
        ),
        source="zoom-webhook",
    )


def test_participant_left_and_redelivery_share_a_dedupe_key():
    payload = _event("meeting.participant_left", "leave_time", "2027-01-13T20:31:00Z")
    first = parse_participant_event(payload)
    redelivered = parse_participant_event(json.loads(json.dumps(payload)))
    assert first.kind == "left"
    assert first.at == datetime(2027, 1, 13, 20, 31, tzinfo=UTC)
    assert redelivered.dedupe_key == first.dedupe_key
    later = parse_participant_event(
        _event("meeting.participant_left", "leave_time", "2027-01-13T20:45:00Z", 1_800_000_900_000)
    )
    assert later.dedupe_key != first.dedupe_key


def test_other_or_broken_events_rejected():
    with pytest.raises(WebhookRejected):
        parse_participant_event({"event": "meeting.started", "payload": {}})
    broken = _event("meeting.participant_joined", "join_time", "2027-01-13T19:02:03Z")
    del broken["payload"]["object"]["participant"]["join_time"]
    with pytest.raises(WebhookRejected):
        parse_participant_event(broken)
