"""REQUIRE_STAFF_MFA sends hub staff without an authenticator to set one up."""

from allauth.mfa.models import Authenticator


def test_staff_without_mfa_is_sent_to_set_it_up(client, world, settings):
    settings.REQUIRE_STAFF_MFA = True
    client.force_login(world.users["hub_admin"])
    response = client.get("/console/nm-hub/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_staff_with_mfa_and_participants_pass(client, world, settings):
    settings.REQUIRE_STAFF_MFA = True
    Authenticator.objects.create(
        user=world.users["hub_admin"], type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    client.force_login(world.users["hub_admin"])
    assert client.get("/console/nm-hub/").status_code == 200
    client.force_login(world.users["participant"])
    assert client.get("/home/").status_code == 200


def test_off_by_default(client, world):
    client.force_login(world.users["hub_admin"])
    assert client.get("/console/nm-hub/").status_code == 200
