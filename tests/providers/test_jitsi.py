from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest

from allteach.providers import ConferenceProvider, MeetingSpec, Participant, ProviderError
from allteach.providers.jitsi import JitsiProvider, room_name

NOW = 1_800_000_000
APP_SECRET = "jitsi-app-secret-0123456789abcdef"
SPEC = MeetingSpec(
    key="allteach-s-123",
    title="Hepatitis C clinic",
    start_utc=datetime(2027, 1, 13, 17, 0, tzinfo=UTC),
    duration_minutes=90,
    timezone="America/Denver",
)
ALICE = Participant(id="42", name="Alice Adeyemi", email="alice@example.org")


def _self_hosted(**kwargs):
    return JitsiProvider(
        room_secret="room-secret",
        domain="meet.hub.example",
        app_id="allteach",
        app_secret=APP_SECRET,
        audience="jitsi",
        clock=lambda: NOW,
        **kwargs,
    )


def test_room_name_stable_safe_and_keyed():
    first = room_name("allteach-s-123", "room-secret")
    assert first == room_name("allteach-s-123", "room-secret")
    assert first.startswith("allteach-s-123-")
    assert len(first.rsplit("-", 1)[1]) == 20
    assert set(first) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    # Another secret or another key gives an unrelated suffix.
    assert room_name("allteach-s-123", "other-secret") != first
    assert room_name("allteach-s-124", "room-secret").rsplit("-", 1)[1] != first.rsplit("-", 1)[1]


def test_room_name_cleans_unsafe_characters():
    name = room_name("Hub/ECHO Session #7 — Ünïcode", "s")
    assert name.startswith("allteach-hub-echo-session-7-n-code-")
    with pytest.raises(ValueError):
        room_name("key", "")


def test_public_server_needs_no_token():
    provider = JitsiProvider(room_secret="room-secret")
    assert isinstance(provider, ConferenceProvider)
    ref = provider.ensure_meeting(SPEC)
    assert ref.join_url == f"https://meet.jit.si/{ref.external_id}"
    url = provider.join_url(ref, ALICE, moderator=True)
    assert url == f'https://meet.jit.si/{ref.external_id}#userInfo.displayName="Alice%20Adeyemi"'
    assert "jwt=" not in url
    assert provider.fetch_attendance(ref) == []
    assert provider.ensure_meeting(SPEC) == ref


def test_self_hosted_jwt_claims_for_member():
    provider = _self_hosted()
    ref = provider.ensure_meeting(SPEC)
    url = provider.join_url(ref, ALICE, moderator=False)
    parts = urlsplit(url)
    assert (
        f"{parts.scheme}://{parts.netloc}{parts.path}"
        == f"https://meet.hub.example/{ref.external_id}"
    )
    token = parse_qs(parts.query)["jwt"][0]
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    claims = jwt.decode(
        token,
        APP_SECRET,
        algorithms=["HS256"],
        audience="jitsi",
        options={"verify_exp": False, "verify_nbf": False, "verify_iat": False},
    )
    assert claims == {
        "iss": "allteach",
        "aud": "jitsi",
        "sub": "meet.hub.example",
        "room": ref.external_id,
        "iat": NOW,
        "nbf": NOW - 60,
        "exp": NOW + 4 * 3600,
        "context": {
            "user": {
                "id": "42",
                "name": "Alice Adeyemi",
                "email": "alice@example.org",
                "affiliation": "member",
            }
        },
    }


def test_self_hosted_moderator_is_owner_and_tenant_is_sub():
    provider = _self_hosted(tenant="hub-a")
    ref = provider.ensure_meeting(SPEC)
    url = provider.join_url(ref, Participant(id=7, name="Dr B", email=""), moderator=True)
    assert url.startswith(f"https://meet.hub.example/hub-a/{ref.external_id}?jwt=")
    token = url.split("jwt=", 1)[1]
    claims = jwt.decode(
        token,
        APP_SECRET,
        algorithms=["HS256"],
        audience="jitsi",
        options={"verify_exp": False, "verify_nbf": False, "verify_iat": False},
    )
    assert claims["sub"] == "hub-a"
    assert claims["context"]["user"] == {
        "id": "7",
        "name": "Dr B",
        "email": "",
        "affiliation": "owner",
    }
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, "w" * 32, algorithms=["HS256"], audience="jitsi")


def test_token_auth_needs_both_id_and_secret():
    with pytest.raises(ProviderError):
        JitsiProvider(room_secret="r", app_id="allteach")
