import hashlib
import json
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlsplit

import jwt
import pytest

from allteach.providers import (
    AttendanceRow,
    MeetingSpec,
    Participant,
    ProviderError,
    WebhookRejected,
)
from allteach.providers.bbb import (
    BBBClient,
    BBBProvider,
    checksum,
    parse_analytics_callback,
    parse_response,
    verify_analytics_callback,
)
from allteach.providers.http import HttpClient

DOC_SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b"
SPEC = MeetingSpec(
    key="allteach-s-123",
    title="Hepatitis C clinic",
    start_utc=datetime(2027, 1, 13, 17, 0, tzinfo=UTC),
    duration_minutes=90,
    timezone="America/Denver",
    meta={"Hub": "hub-7"},
)


def test_checksum_matches_the_documented_sha1_example():
    # The BBB API documentation's create example and its published checksum.
    query = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
    assert (
        checksum("create", query, DOC_SECRET, "sha1") == "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"
    )


def test_checksum_sha256_default_and_sha512_follow_the_formula():
    query = "name=Test+Meeting&meetingID=abc123"
    by_hand = hashlib.sha256(f"create{query}{DOC_SECRET}".encode()).hexdigest()
    assert by_hand == "170d3c83c9685196dfec254390b06130829bca4bcce5ec2960ea632de6b448a2"
    assert checksum("create", query, DOC_SECRET) == by_hand
    assert (
        checksum("create", query, DOC_SECRET, "sha512")
        == hashlib.sha512(f"create{query}{DOC_SECRET}".encode()).hexdigest()
    )
    with pytest.raises(ValueError):
        checksum("create", query, DOC_SECRET, "md5")


def test_signed_url_keeps_query_order_and_appends_checksum():
    client = BBBClient(base_url="https://bbb.example/bigbluebutton/", secret=DOC_SECRET)
    url = client.url("create", [("name", "Test Meeting"), ("meetingID", "abc123")])
    expected = checksum("create", "name=Test+Meeting&meetingID=abc123", DOC_SECRET)
    assert url == (
        "https://bbb.example/bigbluebutton/api/create?"
        f"name=Test+Meeting&meetingID=abc123&checksum={expected}"
    )


def test_create_is_idempotent_and_sends_analytics_parameters(bbb_fake, bbb_client):
    provider = BBBProvider(bbb_client, analytics_callback_url="https://at.example/cb/{key}/")
    first = provider.ensure_meeting(SPEC)
    again = provider.ensure_meeting(SPEC)
    assert first == again
    assert first.external_id == "allteach-s-123"
    assert first.data["create_time"] == str(bbb_fake.meetings["allteach-s-123"]["createTime"])
    assert first.data["internal_meeting_id"].endswith(first.data["create_time"])
    assert len(bbb_fake.meetings) == 1
    sent = bbb_fake.requests_to("/api/create")[0].params
    assert sent["meetingKeepEvents"] == "true"
    assert sent["meta_analytics-callback-url"] == "https://at.example/cb/allteach-s-123/"
    assert sent["meta_allteach-key"] == "allteach-s-123"
    assert sent["meta_hub"] == "hub-7"
    assert sent["name"] == "Hepatitis C clinic"


def test_create_after_end_gives_a_new_create_time(bbb_fake, bbb_client, clock):
    provider = BBBProvider(bbb_client)
    first = provider.ensure_meeting(SPEC)
    provider.end_meeting(first)
    assert bbb_fake.meetings == {}
    provider.end_meeting(first)  # already ended: not an error
    clock.advance(60)
    second = provider.ensure_meeting(SPEC)
    assert int(second.data["create_time"]) == int(first.data["create_time"]) + 60_000


def test_join_url_params_and_fake_redirect(bbb_fake, bbb_client):
    provider = BBBProvider(bbb_client)
    ref = provider.ensure_meeting(SPEC)
    person = Participant(id="42", name="Alice Adeyemi", email="a@example.org")
    url = provider.join_url(ref, person, moderator=False)
    parts = urlsplit(url)
    assert parts.path == "/bigbluebutton/api/join"
    assert dict(parse_qsl(parts.query)) == {
        "fullName": "Alice Adeyemi",
        "meetingID": "allteach-s-123",
        "role": "VIEWER",
        "userID": "42",
        "createTime": ref.data["create_time"],
        "checksum": checksum("join", parts.query.rsplit("&checksum=", 1)[0], bbb_fake.secret),
    }
    response = HttpClient(timeout=5).get(url, follow_redirects=False)
    assert response.status == 302
    assert "/html5client/join?sessionToken=" in response.headers["location"]
    host_url = provider.join_url(ref, person, moderator=True)
    assert "role=MODERATOR" in host_url
    assert HttpClient(timeout=5).get(host_url, follow_redirects=False).status == 302
    info = bbb_client.get_meeting_info("allteach-s-123")
    assert info["participantCount"] == "2"
    assert [(a["userID"], a["role"]) for a in info["attendees"]] == [
        ("42", "VIEWER"),
        ("42", "MODERATOR"),
    ]
    assert info["metadata"]["allteach-key"] == "allteach-s-123"


def test_stale_create_time_is_refused(bbb_fake, bbb_client):
    ref = BBBProvider(bbb_client).ensure_meeting(SPEC)
    url = bbb_client.join_url(
        meeting_id=ref.external_id, full_name="A", moderator=False, create_time="1"
    )
    response = HttpClient(timeout=5).get(url, follow_redirects=False)
    assert response.status == 200
    with pytest.raises(ProviderError) as caught:
        parse_response(response.body)
    assert caught.value.code == "mismatchCreateTimeParam"


def test_wrong_secret_maps_to_checksum_error(bbb_fake):
    client = BBBClient(base_url=bbb_fake.base_url, secret="not-the-secret")
    with pytest.raises(ProviderError) as caught:
        client.get_meeting_info("allteach-s-123")
    assert caught.value.code == "checksumError"
    assert caught.value.message == "Checksums do not match"


def test_sha1_refused_when_server_allows_only_sha256(bbb_fake):
    bbb_fake.algorithms = ("sha256",)
    client = BBBClient(
        base_url=bbb_fake.base_url, secret=bbb_fake.secret, checksum_algorithm="sha1"
    )
    with pytest.raises(ProviderError) as caught:
        client.get_recordings()
    assert caught.value.code == "checksumError"
    sha512 = BBBClient(
        base_url=bbb_fake.base_url, secret=bbb_fake.secret, checksum_algorithm="sha512"
    )
    bbb_fake.algorithms = ("sha512",)
    assert sha512.get_recordings() == []


def test_failed_answers_raise_with_message_key(bbb_fake, bbb_client):
    with pytest.raises(ProviderError) as caught:
        bbb_client.get_meeting_info("nobody-here")
    assert caught.value.code == "notFound"
    assert "could not find a meeting" in str(caught.value)
    with pytest.raises(ProviderError) as caught:
        bbb_client.create(meeting_id="x", name="too short id")
    assert "2-256" in str(caught.value)


def test_parse_response_rejects_dtd_and_garbage():
    with pytest.raises(ProviderError):
        parse_response(
            '<!DOCTYPE x [<!ENTITY a "b">]><response><returncode>SUCCESS</returncode></response>'
        )
    with pytest.raises(ProviderError):
        parse_response(b"<html>502 Bad Gateway")
    assert parse_response(
        "<response><returncode>SUCCESS</returncode><running>true</running></response>"
    ) == {"returncode": "SUCCESS", "running": "true"}


def test_get_recordings_parses_list(bbb_fake, bbb_client):
    bbb_fake.recordings.append(
        {
            "recordID": "rec-1",
            "meetingID": "allteach-s-123",
            "name": "Hepatitis C clinic",
            "published": True,
            "state": "published",
            "startTime": 1799996400000,
            "endTime": 1800001800000,
            "playback": [
                {"type": "presentation", "url": "https://bbb.example/p/rec-1", "length": 90}
            ],
        }
    )
    recordings = bbb_client.get_recordings("allteach-s-123")
    assert recordings == [
        {
            "recordID": "rec-1",
            "meetingID": "allteach-s-123",
            "name": "Hepatitis C clinic",
            "published": "true",
            "state": "published",
            "startTime": "1799996400000",
            "endTime": "1800001800000",
            "playback": [
                {"type": "presentation", "url": "https://bbb.example/p/rec-1", "length": "90"}
            ],
        }
    ]
    assert bbb_client.get_recordings(["other-meeting"]) == []


# -- analytics callback -------------------------------------------------------------

SECRET = "bbb-shared-secret-" + "0123456789abcdef" * 3
NOW = datetime(2027, 1, 13, 19, 0, tzinfo=UTC)
PAYLOAD = {
    "version": "1.0",
    "meeting_id": "allteach-s-123",
    "internal_meeting_id": "5a0d3e3f-1799996400000",
    "data": {
        "metadata": {"allteach_key": "allteach-s-123", "analytics_callback_url": "https://x"},
        "duration": 5400,
        "start": "2027-01-13T17:00:00.000+00:00",
        "finish": "2027-01-13T18:30:00.000+00:00",
        "attendees": [
            {
                "ext_user_id": "42",
                "name": "Alice Adeyemi",
                "moderator": False,
                "joins": ["2027-01-13T17:01:00.000+00:00", "2027-01-13T17:40:00.000+00:00"],
                "leaves": ["2027-01-13T17:30:00.000+00:00"],
                "duration": 4800,
                "recent_talking_time": "",
                "engagement": {"chats": 1, "talks": 0},
            },
            {
                "ext_user_id": "7",
                "name": "Dr B",
                "moderator": True,
                "joins": [{"timestamp": "2027-01-13T16:58:00Z"}],
                "leaves": [{"timestamp": "2027-01-13T18:31:00Z"}],
                "duration": 5580,
            },
        ],
    },
}
BODY = json.dumps(PAYLOAD).encode()


def _bearer(claims=None, key=SECRET, algorithm="HS512"):
    claims = {"exp": int(NOW.timestamp()) + 24 * 3600} if claims is None else claims
    return f"Bearer {jwt.encode(claims, key, algorithm=algorithm, headers={'typ': 'JWT'})}"


def test_analytics_callback_accepts_valid_hs512_bearer():
    assert verify_analytics_callback(BODY, _bearer(), SECRET, now=NOW) == PAYLOAD


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(_bearer({"exp": int(NOW.timestamp()) - 3600}), id="expired"),
        pytest.param(_bearer({"sub": "no-exp"}), id="no-exp"),
        pytest.param(_bearer(key="x" * 64), id="bad-signature"),
        pytest.param(_bearer(algorithm="HS256"), id="hs256"),
        pytest.param(
            "Bearer " + jwt.encode({"exp": 2_000_000_000}, None, algorithm="none"), id="alg-none"
        ),
        pytest.param(_bearer().replace("Bearer ", "Basic "), id="not-bearer"),
        pytest.param("", id="missing"),
        pytest.param("Bearer not.a.jwt", id="garbage"),
    ],
)
def test_analytics_callback_rejects(header):
    with pytest.raises(WebhookRejected):
        verify_analytics_callback(BODY, header, SECRET, now=NOW)


def test_analytics_callback_rejects_non_json_body():
    with pytest.raises(WebhookRejected):
        verify_analytics_callback(b"<xml/>", _bearer(), SECRET, now=NOW)


def test_parse_analytics_callback_pairs_joins_and_leaves():
    rows = parse_analytics_callback(PAYLOAD)

    def at(hour, minute):
        return datetime(2027, 1, 13, hour, minute, tzinfo=UTC)

    assert rows == [
        AttendanceRow(
            name="Alice Adeyemi",
            email="",
            registrant_id="",
            user_id="42",
            join=at(17, 1),
            leave=at(17, 30),
            source="bbb-analytics",
            duration_seconds=29 * 60,
        ),
        # No leave recorded for the second join: it ends when the meeting finished.
        AttendanceRow(
            name="Alice Adeyemi",
            email="",
            registrant_id="",
            user_id="42",
            join=at(17, 40),
            leave=at(18, 30),
            source="bbb-analytics",
            duration_seconds=50 * 60,
        ),
        AttendanceRow(
            name="Dr B",
            email="",
            registrant_id="",
            user_id="7",
            join=at(16, 58),
            leave=at(18, 31),
            source="bbb-analytics",
            duration_seconds=93 * 60,
        ),
    ]


def test_parse_analytics_callback_bad_timestamp_is_an_error():
    broken = json.loads(BODY)
    broken["data"]["attendees"][0]["joins"] = ["yesterday"]
    with pytest.raises(ProviderError):
        parse_analytics_callback(broken)
