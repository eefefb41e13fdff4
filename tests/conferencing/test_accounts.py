"""Provider accounts: credentials encrypted at rest, write-only secrets, validation."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import connection

from allteach.conferencing.models import ProviderAccount
from allteach.conferencing.services import build_provider, provider_account_set
from allteach.core.models import AuditEvent
from allteach.providers.bbb import BBBProvider
from allteach.providers.jitsi import JitsiProvider
from allteach.providers.zoom import ZoomProvider

BBB_SECRET = "bbb-shared-secret-4f9a1c"
ZOOM_SECRET = "zoom-client-secret-77d2"
WEBHOOK_SECRET = "zoom-webhook-token-0b3e"


def _raw_row(account_id: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind, options, secrets_encrypted FROM conferencing_provideraccount WHERE id = %s",
            [account_id],
        )
        return cursor.fetchone()


def _set_bbb(world, **credentials):
    return provider_account_set(
        actor=world.users["hub_admin"],
        hub=world.hub,
        kind="bbb",
        options={"base_url": "https://bbb.example.org/bigbluebutton"},
        credentials=credentials or {"secret": BBB_SECRET},
    )


def test_credentials_are_encrypted_at_rest(world):
    account = provider_account_set(
        actor=world.users["hub_admin"],
        hub=world.hub,
        kind="zoom",
        options={"account_id": "acct-9", "client_id": "client-9"},
        credentials={"client_secret": ZOOM_SECRET, "webhook_secret": WEBHOOK_SECRET},
    )
    kind, options, stored = _raw_row(account.pk)
    assert kind == "zoom"
    assert ZOOM_SECRET not in stored and WEBHOOK_SECRET not in stored
    assert ZOOM_SECRET not in str(options) and WEBHOOK_SECRET not in str(options)
    assert stored.startswith("gAAAA")  # a Fernet token
    fresh = ProviderAccount.objects.get(pk=account.pk)
    assert fresh.credentials == {"client_secret": ZOOM_SECRET, "webhook_secret": WEBHOOK_SECRET}
    assert fresh.options == {"account_id": "acct-9", "client_id": "client-9"}


def test_audit_event_names_secrets_but_never_their_values(world):
    account = _set_bbb(world)
    event = AuditEvent.objects.get(verb="provider.set", object_id=str(account.pk))
    assert event.after == {
        "kind": "bbb",
        "options": {"base_url": "https://bbb.example.org/bigbluebutton"},
        "secrets": ["secret"],
    }
    assert event.actor == world.users["hub_admin"]
    assert BBB_SECRET not in str(event.after)


def test_credentials_with_another_key_give_a_clear_error(world, settings):
    account = _set_bbb(world)
    settings.ALLTEACH_ENCRYPTION_KEY = "a-different-key"
    with pytest.raises(ImproperlyConfigured, match="Re-enter the credentials"):
        ProviderAccount.objects.get(pk=account.pk).credentials


def test_blank_secret_keeps_the_stored_one(world):
    first = _set_bbb(world)
    again = provider_account_set(
        actor=world.users["hub_admin"],
        hub=world.hub,
        kind="bbb",
        options={"base_url": "https://bbb2.example.org/bigbluebutton"},
        credentials={"secret": ""},
    )
    assert again.pk == first.pk
    assert ProviderAccount.objects.count() == 1
    fresh = ProviderAccount.objects.get(pk=first.pk)
    assert fresh.credentials == {"secret": BBB_SECRET}
    assert fresh.options == {"base_url": "https://bbb2.example.org/bigbluebutton"}


def test_switching_provider_kind_drops_the_old_secrets(world):
    first = _set_bbb(world)
    with pytest.raises(ValidationError) as caught:
        provider_account_set(
            actor=world.users["hub_admin"],
            hub=world.hub,
            kind="zoom",
            options={"account_id": "acct-1", "client_id": "client-1"},
            credentials={},
        )
    assert caught.value.message_dict == {"client_secret": ["Required."]}
    assert ProviderAccount.objects.get(pk=first.pk).kind == "bbb"

    switched = provider_account_set(
        actor=world.users["hub_admin"],
        hub=world.hub,
        kind="zoom",
        options={"account_id": "acct-1", "client_id": "client-1", "base_url": "ignored"},
        credentials={"client_secret": ZOOM_SECRET, "secret": "ignored-bbb-secret"},
    )
    fresh = ProviderAccount.objects.get(pk=switched.pk)
    assert switched.pk == first.pk
    assert fresh.kind == "zoom"
    assert fresh.options == {"account_id": "acct-1", "client_id": "client-1"}
    assert fresh.credentials == {"client_secret": ZOOM_SECRET}
    assert isinstance(build_provider(fresh), ZoomProvider)


@pytest.mark.parametrize(
    ("kind", "options", "credentials", "errors"),
    [
        pytest.param("bbb", {}, {}, {"base_url", "secret"}, id="bbb"),
        pytest.param("zoom", {}, {}, {"account_id", "client_id", "client_secret"}, id="zoom"),
        pytest.param(
            "zoom", {"account_id": "a"}, {"client_secret": "s"}, {"client_id"}, id="zoom-client-id"
        ),
        pytest.param("jitsi", {"app_id": "allteach"}, {}, {"app_secret"}, id="jitsi-app-id-only"),
        pytest.param("jitsi", {}, {"app_secret": "s"}, {"app_secret"}, id="jitsi-secret-only"),
        pytest.param("webex", {}, {}, {"kind"}, id="unknown-kind"),
    ],
)
def test_missing_required_fields_are_named(world, kind, options, credentials, errors):
    with pytest.raises(ValidationError) as caught:
        provider_account_set(
            actor=world.users["hub_admin"],
            hub=world.hub,
            kind=kind,
            options=options,
            credentials=credentials,
        )
    assert set(caught.value.message_dict) == errors
    assert ProviderAccount.objects.count() == 0


@pytest.mark.parametrize("role", ["facilitator", "other_hub_admin", "participant"])
def test_only_hub_managers_set_the_provider(world, role):
    with pytest.raises(PermissionDenied):
        provider_account_set(
            actor=world.users[role],
            hub=world.hub,
            kind="bbb",
            options={"base_url": "https://bbb.example.org/bigbluebutton"},
            credentials={"secret": BBB_SECRET},
        )
    assert ProviderAccount.objects.count() == 0


def test_program_account_of_another_hub_is_refused(world):
    from tests.factories import ProgramFactory

    foreign = ProgramFactory(hub=world.other_hub)
    with pytest.raises(ValidationError) as caught:
        provider_account_set(
            actor=world.users["hub_admin"],
            hub=world.hub,
            kind="jitsi",
            options={},
            credentials={},
            program=foreign,
        )
    assert set(caught.value.message_dict) == {"program"}


def test_build_provider_by_kind(world):
    assert isinstance(build_provider(None), JitsiProvider)
    assert build_provider(None).domain == "meet.jit.si"
    assert build_provider(None).uses_tokens is False
    bbb = build_provider(_set_bbb(world))
    assert isinstance(bbb, BBBProvider)
    assert bbb.client.api_url == "https://bbb.example.org/bigbluebutton/api"
    assert bbb.client.secret == BBB_SECRET
    assert bbb.analytics_callback_url == "http://127.0.0.1:8000/hooks/bbb/{key}/analytics"


# -- the settings page -------------------------------------------------------------------


def test_settings_page_saves_and_never_shows_secrets(client, world):
    client.force_login(world.users["hub_admin"])
    url = "/conferencing/nm-hub/"
    response = client.post(
        url,
        {"kind": "bbb", "base_url": "https://bbb.example.org/bigbluebutton", "secret": BBB_SECRET},
    )
    assert response.status_code == 302
    assert response["Location"] == url
    account = ProviderAccount.objects.get(hub=world.hub, program__isnull=True)
    assert account.credentials == {"secret": BBB_SECRET}

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "stored secrets: secret (encrypted)" in html
    assert BBB_SECRET not in html

    # The password field comes back empty; saving it empty keeps the stored secret.
    response = client.post(
        url, {"kind": "bbb", "base_url": "https://bbb.example.org/bigbluebutton", "secret": ""}
    )
    assert response.status_code == 302
    assert ProviderAccount.objects.get(pk=account.pk).credentials == {"secret": BBB_SECRET}


def test_settings_page_shows_missing_fields_and_keeps_input(client, world):
    client.force_login(world.users["hub_admin"])
    response = client.post("/conferencing/nm-hub/", {"kind": "zoom", "account_id": "acct-typed"})
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"client_id", "client_secret"}
    assert 'value="acct-typed"' in response.content.decode()
    assert ProviderAccount.objects.count() == 0


@pytest.mark.parametrize("role", ["facilitator", "other_hub_admin", "participant"])
def test_settings_page_is_404_for_others(client, world, role):
    client.force_login(world.users[role])
    assert client.get("/conferencing/nm-hub/").status_code == 404
    response = client.post(
        "/conferencing/nm-hub/", {"kind": "bbb", "base_url": "https://x.example", "secret": "s"}
    )
    assert response.status_code == 404
    assert ProviderAccount.objects.count() == 0
