import base64
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from allteach.providers import (
    AttendanceRow,
    MeetingRef,
    MeetingSpec,
    Participant,
    ProviderError,
    ProviderRateLimited,
)
from allteach.providers.zoom import ZoomProvider, encode_meeting_uuid
from allteach.providers.zoom_recurrence import expand, plan_series
from tests.fakes.zoom_fake import expand_recurrence

DENVER = ZoneInfo("America/Denver")
SPEC = MeetingSpec(
    key="allteach-s-123",
    title="Hepatitis C clinic",
    start_utc=datetime(2027, 1, 13, 19, 0, tzinfo=UTC),
    duration_minutes=90,
    timezone="America/Denver",
)


def _report_rows(count):
    start = datetime(2027, 1, 13, 19, 0, tzinfo=UTC)
    return [
        {
            "id": f"zoom-user-{i}",
            "user_id": str(16778240 + i),
            "name": f"Person {i}",
            "user_email": f"p{i}@example.org",
            "join_time": (start + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "leave_time": (start + timedelta(minutes=60)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "duration": 3600 - i,
            "registrant_id": f"reg-{i}",
            "status": "in_meeting",
        }
        for i in range(count)
    ]


# -- OAuth ----------------------------------------------------------------------------


def test_token_request_uses_basic_auth_and_account_credentials(zoom_fake, zoom_client):
    zoom_client.request("GET", "/users/me/meetings")
    [token_request] = zoom_fake.token_requests
    expected = base64.b64encode(b"client-1:secret-1").decode()
    assert token_request.headers["authorization"] == f"Basic {expected}"
    assert token_request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert token_request.body == b"grant_type=account_credentials&account_id=acct-1"


def test_token_cached_until_a_minute_before_expiry(zoom_fake, zoom_client, clock):
    zoom_client.request("GET", "/users/me/meetings")
    clock.advance(3539)
    zoom_client.request("GET", "/users/me/meetings")
    assert len(zoom_fake.token_requests) == 1
    clock.advance(2)  # 3541 s: inside the last minute
    zoom_client.request("GET", "/users/me/meetings")
    assert len(zoom_fake.token_requests) == 2
    assert len(zoom_fake.requests_to("/v2/users/me/meetings")) == 3


def test_short_token_lifetime_renews_at_half_life(zoom_fake, zoom_client, clock):
    zoom_fake.token_lifetime = 30
    zoom_client.request("GET", "/users/me/meetings")
    clock.advance(16)
    zoom_client.request("GET", "/users/me/meetings")
    assert len(zoom_fake.token_requests) == 2


def test_revoked_token_renewed_once_on_401(zoom_fake, zoom_client):
    zoom_client.request("GET", "/users/me/meetings")
    zoom_fake.revoke_tokens()
    assert zoom_client.request("GET", "/users/me/meetings")["meetings"] == []
    assert len(zoom_fake.token_requests) == 2
    statuses = [r.path for r in zoom_fake.requests]
    assert statuses.count("/v2/users/me/meetings") == 3


def test_second_401_is_an_error_with_zoom_code(zoom_fake, zoom_client):
    zoom_fake.token_lifetime = 0  # every token is born expired
    with pytest.raises(ProviderError) as caught:
        zoom_client.request("GET", "/users/me/meetings")
    assert (caught.value.code, caught.value.status) == (124, 401)
    assert caught.value.message == "Access token is expired."
    assert len(zoom_fake.token_requests) == 2


def test_bad_client_secret_fails_clearly(zoom_fake, zoom_client):
    zoom_client.client_secret = "wrong"
    with pytest.raises(ProviderError) as caught:
        zoom_client.request("GET", "/users/me/meetings")
    assert caught.value.code == "invalid_client"
    assert caught.value.status == 401
    assert zoom_fake.requests_to("/v2/users/me/meetings") == []


# -- rate limits ------------------------------------------------------------------------


def test_429_retried_after_retry_after(zoom_fake, zoom_client, clock):
    zoom_fake.rate_limit_next(2, retry_after="3")
    assert zoom_client.request("GET", "/users/me/meetings")["meetings"] == []
    assert clock.sleeps == [3.0, 3.0]
    assert len(zoom_fake.requests_to("/v2/users/me/meetings")) == 3


def test_429_without_retry_after_backs_off_exponentially(zoom_fake, zoom_client, clock):
    zoom_fake.rate_limit_next(3, retry_after=None)
    zoom_client.request("GET", "/users/me/meetings")
    assert clock.sleeps == [1.0, 2.0, 4.0]


def test_429_gives_up_after_bounded_retries(zoom_fake, zoom_client, clock):
    zoom_fake.rate_limit_next(10, retry_after="1")
    with pytest.raises(ProviderRateLimited) as caught:
        zoom_client.request("GET", "/users/me/meetings")
    assert caught.value.status == 429
    assert caught.value.code == 429
    assert clock.sleeps == [1.0, 1.0, 1.0]
    assert len(zoom_fake.requests_to("/v2/users/me/meetings")) == 4


def test_429_with_far_retry_after_fails_at_once(zoom_fake, zoom_client, clock):
    zoom_fake.rate_limit_next(1, retry_after="86400")
    with pytest.raises(ProviderRateLimited) as caught:
        zoom_client.request("GET", "/users/me/meetings")
    assert caught.value.retry_after == 86400.0
    assert clock.sleeps == []


# -- reports ----------------------------------------------------------------------------


def test_participants_report_follows_pages(zoom_fake, zoom_client):
    zoom_fake.add_report("81234567890", _report_rows(701))
    rows = zoom_client.participants_report("81234567890")
    assert len(rows) == 701
    assert [r["name"] for r in rows[299:302]] == ["Person 299", "Person 300", "Person 301"]
    pages = zoom_fake.requests_to("/participants")
    assert [p.params["page_size"] for p in pages] == ["300", "300", "300"]
    assert "next_page_token" not in pages[0].params
    assert all(p.params["next_page_token"] for p in pages[1:])


def test_report_page_size_over_300_refused():
    from allteach.providers.zoom import ZoomClient

    client = ZoomClient(account_id="a", client_id="b", client_secret="c")
    with pytest.raises(ValueError):
        client.participants_report("1", page_size=301)


def test_fake_rejects_page_size_over_300(zoom_fake, zoom_client):
    zoom_fake.add_report("1", [])
    with pytest.raises(ProviderError) as caught:
        zoom_client.request("GET", "/report/meetings/1/participants", params={"page_size": 301})
    assert (caught.value.code, caught.value.status) == (300, 400)


def test_uuid_encoding_rules():
    assert encode_meeting_uuid("4444AAAiAAAAAiAiAiiAii==") == "4444AAAiAAAAAiAiAiiAii%3D%3D"
    assert encode_meeting_uuid("ab+c/d==") == "ab%2Bc%2Fd%3D%3D"
    assert encode_meeting_uuid("/ajXp112QmuoKj4854875==") == "%252FajXp112QmuoKj4854875%253D%253D"
    assert encode_meeting_uuid("ab//cd==") == "ab%252F%252Fcd%253D%253D"


@pytest.mark.parametrize("uuid", ["/ajXp112QmuoKj4854875==", "Kx1+a//b9w==", "plain+uuid/x=="])
def test_report_by_instance_uuid(zoom_fake, zoom_client, uuid):
    zoom_fake.add_report(uuid, _report_rows(2))
    provider = ZoomProvider(zoom_client)
    ref = MeetingRef(kind="zoom", key="k", external_id="81234567890", data={"instance_uuid": uuid})
    rows = provider.fetch_attendance(ref)
    assert rows[1] == AttendanceRow(
        name="Person 1",
        email="p1@example.org",
        registrant_id="reg-1",
        user_id="",
        join=datetime(2027, 1, 13, 19, 0, 1, tzinfo=UTC),
        leave=datetime(2027, 1, 13, 20, 0, tzinfo=UTC),
        source="zoom-report",
        duration_seconds=3599,
        provider_user_id="zoom-user-1",
    )


def test_fake_refuses_single_encoded_slash_uuid(zoom_fake, zoom_client):
    # Proves the fake holds Zoom's rule, so the test above checks real double-encoding.
    zoom_fake.add_report("/ajXp112QmuoKj4854875==", [])
    with pytest.raises(ProviderError) as caught:
        zoom_client.request("GET", "/report/meetings/%2FajXp112QmuoKj4854875%3D%3D/participants")
    assert caught.value.code == 3001


# -- meetings ---------------------------------------------------------------------------


def test_ensure_meeting_creates_once(zoom_fake, zoom_client):
    provider = ZoomProvider(zoom_client)
    first = provider.ensure_meeting(SPEC)
    again = provider.ensure_meeting(SPEC)
    assert first == again
    [create] = zoom_fake.requests_to("/v2/users/me/meetings", "POST")
    meeting = zoom_fake.meetings[first.external_id]
    assert meeting["type"] == 2
    assert meeting["start_time"] == "2027-01-13T19:00:00Z"
    assert meeting["timezone"] == "America/Denver"
    assert meeting["agenda"] == "[allteach:allteach-s-123]"
    assert meeting["settings"]["approval_type"] == 0
    assert first.join_url == meeting["join_url"]
    assert first.data["uuid"] == meeting["uuid"]


def test_join_urls_registrant_host_and_fallback(zoom_fake, zoom_client):
    provider = ZoomProvider(zoom_client)
    ref = provider.ensure_meeting(SPEC)
    alice = Participant(id="42", name="Alice Adeyemi", email="alice@example.org")
    url = provider.join_url(ref, alice, moderator=False)
    registrant = zoom_fake.registrants[ref.external_id]["alice@example.org"]
    assert url == registrant["join_url"]
    assert registrant["first_name"] == "Alice Adeyemi"
    assert provider.join_url(ref, alice, moderator=False) == url
    assert len(zoom_fake.registrants[ref.external_id]) == 1
    assert (
        provider.join_url(ref, alice, moderator=True)
        == zoom_fake.meetings[ref.external_id]["start_url"]
    )
    no_email = Participant(id="43", name="Dial-in", email="")
    assert provider.join_url(ref, no_email, moderator=False) == ref.join_url


def test_end_meeting_sends_end_action(zoom_fake, zoom_client):
    provider = ZoomProvider(zoom_client)
    ref = provider.ensure_meeting(SPEC)
    provider.end_meeting(ref)
    assert zoom_fake.status_changes == [(ref.external_id, "end")]
    provider.end_meeting(MeetingRef(kind="zoom", key="gone", external_id="999"))


def test_create_rejects_more_than_50_end_times(zoom_fake, zoom_client):
    body = {
        "topic": "Too long",
        "type": 8,
        "start_time": "2027-01-13T19:00:00Z",
        "timezone": "UTC",
        "recurrence": {"type": 2, "repeat_interval": 1, "weekly_days": "4", "end_times": 51},
    }
    with pytest.raises(ProviderError) as caught:
        zoom_client.create_meeting(body)
    assert (caught.value.code, caught.value.status) == (300, 400)
    assert "end_times" in caught.value.message


def test_120_weekly_sessions_split_into_chunks_of_50(zoom_fake, zoom_client):
    first = datetime(2027, 1, 13, 12, 0, tzinfo=DENVER)  # Wednesdays, noon in Denver
    occurrences = [first + timedelta(weeks=n) for n in range(120)]
    provider = ZoomProvider(zoom_client)
    refs = provider.ensure_series(
        key="allteach-series-9",
        title="Hepatitis C clinic",
        occurrences=occurrences,
        duration_minutes=90,
        timezone="America/Denver",
    )
    assert [r.key for r in refs] == [
        "allteach-series-9#1",
        "allteach-series-9#2",
        "allteach-series-9#3",
    ]
    meetings = [zoom_fake.meetings[r.external_id] for r in refs]
    assert [m["recurrence"] for m in meetings] == [
        {"type": 2, "repeat_interval": 1, "weekly_days": "4", "end_times": 50},
        {"type": 2, "repeat_interval": 1, "weekly_days": "4", "end_times": 50},
        {"type": 2, "repeat_interval": 1, "weekly_days": "4", "end_times": 20},
    ]
    # The fake expands each recurrence itself; together they are exactly our sessions,
    # at noon local time on both sides of the DST changes.
    scheduled = [o["start_time"] for m in meetings for o in m["occurrences"]]
    assert scheduled == [o.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for o in occurrences]
    again = provider.ensure_series(
        key="allteach-series-9",
        title="Hepatitis C clinic",
        occurrences=occurrences,
        duration_minutes=90,
        timezone="America/Denver",
    )
    assert again == refs
    assert len(zoom_fake.requests_to("/v2/users/me/meetings", "POST")) == 3


# -- recurrence planning --------------------------------------------------------------


def _local(*days, hour=12, month=1, year=2027):
    return [datetime(year, month, d, hour, 0, tzinfo=DENVER) for d in days]


def _covered(runs, timezone="America/Denver"):
    result = []
    for run in runs:
        if run.recurrence is None:
            result.append(run.start_utc)
            continue
        ours = list(expand(run.recurrence, run.start_utc, timezone))
        fakes = expand_recurrence(run.recurrence, run.start_utc, timezone)
        assert ours == fakes == list(run.occurrences)
        result.extend(ours)
    return result


def test_plan_mon_wed_weekly():
    occurrences = _local(4, 6, 11, 13, 18, 20, 25, 27)
    [run] = plan_series(occurrences, "America/Denver")
    assert run.recurrence == {"type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 8}
    assert _covered([run]) == [o.astimezone(UTC) for o in occurrences]


def test_plan_fortnightly_daily_and_monthly_patterns():
    fortnightly = [
        datetime(2027, 1, 6, 9, tzinfo=DENVER) + timedelta(weeks=2 * n) for n in range(10)
    ]
    [run] = plan_series(fortnightly, "America/Denver")
    assert run.recurrence == {"type": 2, "repeat_interval": 2, "weekly_days": "4", "end_times": 10}
    second_tuesdays = [
        datetime(2027, m, d, 8, tzinfo=DENVER)
        for m, d in [(1, 12), (2, 9), (3, 9), (4, 13), (5, 11), (6, 8)]
    ]
    [run] = plan_series(second_tuesdays, "America/Denver")
    assert run.recurrence == {
        "type": 3,
        "repeat_interval": 1,
        "monthly_week": 2,
        "monthly_week_day": 3,
        "end_times": 6,
    }
    assert _covered([run]) == [o.astimezone(UTC) for o in second_tuesdays]
    daily = _local(1, 4, 7, 10)
    [run] = plan_series(daily, "America/Denver")
    assert run.recurrence == {"type": 1, "repeat_interval": 3, "end_times": 4}
    fifteenths = [datetime(2027, m, 15, 8, tzinfo=DENVER) for m in (1, 3, 5, 7)]
    [run] = plan_series(fifteenths, "America/Denver")
    assert run.recurrence == {"type": 3, "repeat_interval": 2, "monthly_day": 15, "end_times": 4}


def test_plan_irregular_dates_and_time_changes():
    occurrences = _local(4, 11, 18) + _local(19, hour=15) + _local(28)
    runs = plan_series(occurrences, "America/Denver")
    assert [(r.meeting_type, len(r.occurrences)) for r in runs] == [(8, 3), (2, 1), (2, 1)]
    assert sorted(_covered(runs)) == sorted(o.astimezone(UTC) for o in occurrences)
    [single] = plan_series(_local(5), "America/Denver")
    assert single.recurrence is None and single.meeting_type == 2


def test_plan_requires_aware_datetimes():
    with pytest.raises(ValueError):
        plan_series([datetime(2027, 1, 1, 12)], "UTC")
