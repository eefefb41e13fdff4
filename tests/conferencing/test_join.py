"""Personal join links: `/join/<token>` for Jitsi, BigBlueButton and Zoom, clicks, errors."""

import base64
import hashlib
import hmac
import http.client
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from allteach.conferencing.models import JoinLink, SessionMeeting
from allteach.conferencing.services import (
    join_link_follow,
    join_link_for_guest,
    join_link_for_user,
    join_links_prepare,
    provider_account_set,
)
from allteach.meetings.models import GuestVisit, SessionStatus
from tests import factories

JITSI_SECRET = "jitsi-app-secret-5b1d"


def _expected_room(session) -> str:
    """The room name, computed here independently of the provider code."""
    secret = hashlib.sha256(("allteach-rooms:" + settings.SECRET_KEY).encode()).hexdigest()
    digest = hmac.new(secret.encode(), f"allteach-s{session.pk}".encode(), hashlib.sha256).digest()
    suffix = base64.b32encode(digest).decode().lower().rstrip("=")[:20]
    return f"allteach-s{session.pk}-{suffix}"


def _follow(client, link) -> str:
    response = client.get(f"/join/{link.token}")
    assert response.status_code == 302, response.content
    assert response["Cache-Control"].startswith("max-age=0")
    return response["Location"]


# -- Jitsi -------------------------------------------------------------------------------


def test_public_jitsi_without_account(client, world):
    participant = world.users["participant"]
    link = join_link_for_user(user=participant, session=world.session)
    location = _follow(client, link)
    room = _expected_room(world.session)
    # The redirect percent-encodes the quotes; Jitsi decodes the fragment before reading it.
    name = participant.name.replace(" ", "%20")
    assert location == f"https://meet.jit.si/{room}#userInfo.displayName=%22{name}%22"
    assert len(room.rsplit("-", 1)[1]) == 20

    # Everyone in the session meets in the same room; another session has another one.
    other_link = join_link_for_user(user=world.users["hub_admin"], session=world.session)
    assert urlsplit(_follow(client, other_link)).path == f"/{room}"
    later = factories.SessionFactory(cohort=world.cohort)
    later_link = join_link_for_user(user=participant, session=later)
    later_room = urlsplit(_follow(client, later_link)).path.lstrip("/")
    assert later_room == _expected_room(later)
    assert later_room != room
    # No meeting is stored for Jitsi: rooms exist on first join.
    assert SessionMeeting.objects.count() == 0


def test_jitsi_token_auth_jwt_claims(client, world):
    provider_account_set(
        actor=world.users["hub_admin"],
        hub=world.hub,
        kind="jitsi",
        options={"domain": "meet.example.org", "app_id": "allteach-app"},
        credentials={"app_secret": JITSI_SECRET},
    )
    room = _expected_room(world.session)
    claims = {}
    for role in ("participant", "hub_admin", "facilitator"):
        user = world.users[role]
        before = int(timezone.now().timestamp())
        location = _follow(client, join_link_for_user(user=user, session=world.session))
        parts = urlsplit(location)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "meet.example.org", f"/{room}")
        token = parse_qs(parts.query)["jwt"][0]
        assert jwt.get_unverified_header(token)["alg"] == "HS256"
        decoded = jwt.decode(token, JITSI_SECRET, algorithms=["HS256"], audience="jitsi")
        assert decoded["iss"] == "allteach-app"
        assert decoded["sub"] == "meet.example.org"
        assert decoded["room"] == room
        assert before + 4 * 3600 <= decoded["exp"] <= before + 4 * 3600 + 5
        assert decoded["context"]["user"] == {
            "id": f"u{user.pk}",
            "name": user.name,
            "email": user.email,
            "affiliation": decoded["context"]["user"]["affiliation"],
        }
        claims[role] = decoded["context"]["user"]["affiliation"]
        with pytest.raises(jwt.InvalidSignatureError):
            jwt.decode(token, "not-the-secret", algorithms=["HS256"], audience="jitsi")
    assert claims == {"participant": "member", "hub_admin": "owner", "facilitator": "owner"}


def test_click_is_recorded(client, world):
    link = join_link_for_user(user=world.users["participant"], session=world.session)
    assert (link.clicks, link.first_clicked_at, link.last_clicked_at) == (0, None, None)
    before = timezone.now()
    _follow(client, link)
    link.refresh_from_db()
    first = link.first_clicked_at
    assert link.clicks == 1
    assert before <= first <= timezone.now()
    assert link.last_clicked_at == first
    _follow(client, link)
    link.refresh_from_db()
    assert link.clicks == 2
    assert link.first_clicked_at == first
    assert link.last_clicked_at >= first


def test_join_link_per_person_is_stable_and_moderator_for_team(world):
    participant_link = join_link_for_user(user=world.users["participant"], session=world.session)
    assert (
        join_link_for_user(user=world.users["participant"], session=world.session).pk
        == participant_link.pk
    )
    assert participant_link.moderator is False
    assert (
        join_link_for_user(user=world.users["facilitator"], session=world.session).moderator is True
    )
    assert participant_link.expires_at == world.session.ends_at + timedelta(hours=12)
    assert len(participant_link.token) >= 20
    assert JoinLink.objects.count() == 2


def test_join_links_prepare_creates_missing_links_once(world):
    join_link_for_user(user=world.users["participant"], session=world.session)
    assert join_links_prepare(session=world.session) == 1  # the presenter
    assert join_links_prepare(session=world.session) == 0
    assert set(JoinLink.objects.values_list("user__email", flat=True)) == {
        "participant@example.org",
        "presenter@example.org",
    }
    assert SessionMeeting.objects.get(session=world.session).kind == "jitsi"


# -- errors ------------------------------------------------------------------------------


def test_expired_link_answers_410(client, world):
    link = join_link_for_user(user=world.users["participant"], session=world.session)
    JoinLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(f"/join/{link.token}")
    assert response.status_code == 410
    assert (
        "This join link has expired. Open the session page for a new one."
        in response.content.decode()
    )
    link.refresh_from_db()
    assert link.clicks == 0


def test_unknown_token_answers_410(client, world):
    response = client.get("/join/not-a-real-token")
    assert response.status_code == 410
    assert "This join link is not valid." in response.content.decode()


def test_cancelled_session_answers_410(client, world):
    link = join_link_for_user(user=world.users["participant"], session=world.session)
    world.session.status = SessionStatus.CANCELLED
    world.session.save()
    response = client.get(f"/join/{link.token}")
    assert response.status_code == 410
    assert "This session was cancelled." in response.content.decode()
    link.refresh_from_db()
    assert link.clicks == 0


def test_join_only_answers_get(client, world):
    link = join_link_for_user(user=world.users["participant"], session=world.session)
    assert client.post(f"/join/{link.token}").status_code == 405


# -- the portal's join and guest pages ---------------------------------------------------


def test_portal_join_redirects_registered_participant_to_their_link(client, world):
    client.force_login(world.users["participant"])
    response = client.get(f"/sessions/{world.session.pk}/join/")
    link = JoinLink.objects.get(session=world.session, user=world.users["participant"])
    assert response.status_code == 302
    assert response["Location"] == f"/join/{link.token}"
    # The same person always gets the same link.
    assert client.get(f"/sessions/{world.session.pk}/join/")["Location"] == f"/join/{link.token}"
    assert JoinLink.objects.count() == 1


def test_portal_join_sends_unregistered_person_to_the_program(client, world):
    stranger = factories.UserFactory()
    client.force_login(stranger)
    response = client.get(f"/sessions/{world.session.pk}/join/")
    assert response.status_code == 302
    assert response["Location"] == "/programs/hep-c/"
    assert JoinLink.objects.count() == 0


def test_guest_gets_a_guest_link(client, world):
    response = client.post(
        f"/sessions/{world.session.pk}/guest/",
        {"name": "Dana Visitor", "email": "dana@clinic.example"},
    )
    link = JoinLink.objects.get(session=world.session)
    assert response.status_code == 302
    assert response["Location"] == f"/join/{link.token}"
    assert (link.user, link.guest_name, link.moderator) == (None, "Dana Visitor", False)
    # The guest follows it to the room under their own name.
    location = _follow(client, link)
    assert location.endswith("#userInfo.displayName=%22Dana%20Visitor%22")
    # Coming back for the same session gives the same link, not a new visit.
    again = client.post(
        f"/sessions/{world.session.pk}/guest/", {"name": "Dana V.", "email": "dana@clinic.example"}
    )
    assert again["Location"] == f"/join/{link.token}"
    assert GuestVisit.objects.count() == 1


def test_guest_visit_limit_is_enforced(client, world):
    world.hub.guest_visit_limit = 2
    world.hub.save()
    sessions = [world.session] + [factories.SessionFactory(cohort=world.cohort) for _ in range(2)]
    for session in sessions[:2]:
        response = client.post(
            f"/sessions/{session.pk}/guest/", {"name": "Dana", "email": "Dana@Clinic.example"}
        )
        assert response.status_code == 302
    response = client.post(
        f"/sessions/{sessions[2].pk}/guest/", {"name": "Dana", "email": "dana@clinic.example"}
    )
    assert response.status_code == 400
    assert (
        "You have joined 2 sessions of New Mexico Hub as a guest, the most the hub allows."
        in response.content.decode()
    )
    assert JoinLink.objects.filter(session=sessions[2]).count() == 0
    assert GuestVisit.objects.count() == 2


def test_guest_links_are_per_guest(world):
    first = join_link_for_guest(session=world.session, name="A", guest_key="key-a")
    again = join_link_for_guest(session=world.session, name="A again", guest_key="key-a")
    other = join_link_for_guest(session=world.session, name="B", guest_key="key-b")
    assert first.pk == again.pk
    assert first.pk != other.pk
    assert first.display_name == "A"


# -- the hot path's cost -----------------------------------------------------------------


@pytest.mark.parametrize("links", [1, 30])
def test_jitsi_join_query_count_is_small_and_constant(client, world, links):
    people = [factories.UserFactory() for _ in range(links)]
    tokens = [join_link_for_user(user=person, session=world.session).token for person in people]
    client.get(f"/join/{tokens[0]}")  # warms the account and session caches
    for token in tokens:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/join/{token}")
        assert response.status_code == 302
        # One UPDATE … RETURNING both checks the link and counts the click.
        assert len(queries) == 1, [q["sql"] for q in queries]


def test_jitsi_join_query_count_with_a_cold_cache(client, world):
    token = join_link_for_user(user=world.users["participant"], session=world.session).token
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/join/{token}")
    # Plus the session with its program, its meeting, the program's own account and the hub's default.
    assert len(queries) == 5


# -- BigBlueButton -----------------------------------------------------------------------


def _use_bbb(world, bbb_fake):
    return provider_account_set(
        actor=world.users["hub_admin"],
        hub=world.hub,
        kind="bbb",
        options={"base_url": bbb_fake.base_url},
        credentials={"secret": bbb_fake.secret},
    )


def _bbb_checksum_ok(url: str, secret: str) -> bool:
    query = urlsplit(url).query
    body, _, given = query.rpartition("&checksum=")
    return hashlib.sha256(f"join{body}{secret}".encode()).hexdigest() == given


def test_bbb_meeting_created_once_and_join_urls_signed(client, world, bbb_fake):
    _use_bbb(world, bbb_fake)
    participant = world.users["participant"]
    admin = world.users["hub_admin"]
    participant_link = join_link_for_user(user=participant, session=world.session)
    admin_link = join_link_for_user(user=admin, session=world.session)

    first = _follow(client, participant_link)
    second = _follow(client, participant_link)
    moderator = _follow(client, admin_link)

    key = f"allteach-s{world.session.pk}"
    assert len(bbb_fake.requests_to("/api/create")) == 1
    assert list(bbb_fake.meetings) == [key]
    meeting = SessionMeeting.objects.get(session=world.session)
    created = bbb_fake.meetings[key]
    assert (meeting.kind, meeting.key, meeting.external_id) == ("bbb", key, key)
    assert meeting.data["create_time"] == str(created["createTime"])
    assert created["params"]["meetingKeepEvents"] == "true"
    assert (
        created["params"]["meta_analytics-callback-url"]
        == f"http://127.0.0.1:8000/hooks/bbb/{key}/analytics"
    )

    params = parse_qs(urlsplit(first).query)
    assert first.startswith(bbb_fake.url + "/bigbluebutton/api/join?")
    assert params["meetingID"] == [key]
    assert params["fullName"] == [participant.name]
    assert params["role"] == ["VIEWER"]
    assert params["userID"] == [f"u{participant.pk}"]
    assert params["createTime"] == [str(created["createTime"])]
    assert len(params["checksum"][0]) == 64
    assert _bbb_checksum_ok(first, bbb_fake.secret)
    assert second == first
    moderator_params = parse_qs(urlsplit(moderator).query)
    assert moderator_params["role"] == ["MODERATOR"]
    assert moderator_params["userID"] == [f"u{admin.pk}"]

    # The fake (BBB's contract) accepts the signed link: a 302 into the client.
    parts = urlsplit(first)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    conn.request("GET", f"{parts.path}?{parts.query}")
    reply = conn.getresponse()
    assert reply.status == 302
    assert "/html5client/join?sessionToken=" in reply.getheader("Location")
    conn.close()
    assert bbb_fake.joins[-1]["userID"] == f"u{participant.pk}"


def test_bbb_down_gives_410_with_a_retry_message(client, world, bbb_fake):
    _use_bbb(world, bbb_fake)
    bbb_fake.stop()
    link = join_link_for_user(user=world.users["participant"], session=world.session)
    response = client.get(f"/join/{link.token}")
    assert response.status_code == 410
    assert "The videoconference service did not answer" in response.content.decode()
    assert SessionMeeting.objects.count() == 0


# -- Zoom --------------------------------------------------------------------------------


def _use_zoom(world, zoom_fake):
    return provider_account_set(
        actor=world.users["hub_admin"],
        hub=world.hub,
        kind="zoom",
        options={
            "account_id": zoom_fake.account_id,
            "client_id": zoom_fake.client_id,
            "api_base": zoom_fake.api_base,
            "oauth_base": zoom_fake.oauth_base,
        },
        credentials={"client_secret": zoom_fake.client_secret},
    )


def test_zoom_registrant_link_is_stored_and_reused(client, world, zoom_fake):
    _use_zoom(world, zoom_fake)
    participant = world.users["participant"]
    link = join_link_for_user(user=participant, session=world.session)

    location = _follow(client, link)
    meeting = SessionMeeting.objects.get(session=world.session)
    registrant = zoom_fake.registrants[meeting.external_id][participant.email]
    assert (
        location == f"https://zoom.example/w/{meeting.external_id}?tk={registrant['registrant_id']}"
    )
    link.refresh_from_db()
    assert link.provider_registrant_id == registrant["registrant_id"]
    assert link.provider_join_url == location
    assert len(zoom_fake.requests_to("/users/me/meetings", "POST")) == 1
    created = zoom_fake.meetings[meeting.external_id]
    assert created["settings"]["approval_type"] == 0
    assert created["duration"] == 60

    calls = len(zoom_fake.requests)
    assert _follow(client, link) == location
    assert len(zoom_fake.requests) == calls
    link.refresh_from_db()
    assert link.clicks == 2


def test_zoom_host_gets_start_url_and_one_meeting_for_all(client, world, zoom_fake):
    _use_zoom(world, zoom_fake)
    _follow(client, join_link_for_user(user=world.users["participant"], session=world.session))
    _follow(client, join_link_for_user(user=world.users["presenter"], session=world.session))
    location = _follow(
        client, join_link_for_user(user=world.users["hub_admin"], session=world.session)
    )
    meeting = SessionMeeting.objects.get(session=world.session)
    assert location == zoom_fake.meetings[meeting.external_id]["start_url"]
    assert len(zoom_fake.meetings) == 1
    assert len(zoom_fake.registrants[meeting.external_id]) == 2
    assert JoinLink.objects.get(user=world.users["hub_admin"]).provider_registrant_id == ""


def test_join_link_follow_service_returns_the_url(world):
    link = join_link_for_user(user=world.users["participant"], session=world.session)
    assert join_link_follow(token=link.token).startswith(
        f"https://meet.jit.si/{_expected_room(world.session)}#"
    )


def test_zoom_guest_without_email_joins_by_the_meeting_link(client, world, zoom_fake):
    """Guests leave no e-mail with us, so Zoom cannot register them; they use the meeting's link."""
    _use_zoom(world, zoom_fake)
    _follow(client, join_link_for_user(user=world.users["participant"], session=world.session))
    guest = join_link_for_guest(session=world.session, name="Dana Visitor", guest_key="guest-key-1")
    response = client.get(f"/join/{guest.token}")
    meeting = SessionMeeting.objects.get(session=world.session)
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == zoom_fake.meetings[meeting.external_id]["join_url"]


def test_join_for_a_titled_session_works(client, world):
    world.session.title = "Staging fibrosis"
    world.session.save()
    token = join_link_for_user(user=world.users["participant"], session=world.session).token
    response = client.get(f"/join/{token}")
    assert response.status_code == 302
    assert response["Location"].startswith("https://meet.jit.si/")


def test_cancelled_after_caching_is_still_refused(client, world):
    token = join_link_for_user(user=world.users["participant"], session=world.session).token
    assert client.get(f"/join/{token}").status_code == 302
    world.session.status = "cancelled"
    world.session.save()
    response = client.get(f"/join/{token}")
    assert response.status_code == 410
    assert "cancelled" in response.content.decode()
