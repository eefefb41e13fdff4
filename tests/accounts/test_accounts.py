"""Profile validators, profile updates, and the profile page keeping input on error."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from allteach.accounts import services
from allteach.accounts.validators import (
    npi_is_valid,
    validate_birth_mmdd,
    validate_nabp_eprofile,
    validate_npi,
    validate_timezone,
)
from allteach.core.models import AuditEvent


def test_npi_luhn():
    assert npi_is_valid("1234567893")
    assert not npi_is_valid("1234567890")
    assert not npi_is_valid("123456789")
    assert not npi_is_valid("12345678a3")
    validate_npi("1234567893")
    validate_npi("")
    with pytest.raises(ValidationError, match="not a valid NPI"):
        validate_npi("1234567890")


@pytest.mark.parametrize("value", ["0101", "0229", "1231", "0430", ""])
def test_birth_mmdd_valid(value):
    validate_birth_mmdd(value)


@pytest.mark.parametrize("value", ["1301", "0230", "0431", "0000", "114", "01-01", "abcd"])
def test_birth_mmdd_invalid(value):
    with pytest.raises(ValidationError, match="MMDD"):
        validate_birth_mmdd(value)


def test_timezone_validator():
    validate_timezone("Asia/Kolkata")
    validate_timezone("")
    for bad in ("Mars/Olympus", "../etc/passwd", "America/"):
        with pytest.raises(ValidationError, match="not a known IANA time zone"):
            validate_timezone(bad)


def test_nabp_eprofile():
    validate_nabp_eprofile("123456")
    with pytest.raises(ValidationError):
        validate_nabp_eprofile("12345")


def test_profile_update_saves_and_audits(world):
    user = world.users["participant"]

    services.profile_update(actor=user, user=user, npi="1234567893", timezone="Asia/Kolkata")

    user.refresh_from_db()
    assert (user.npi, user.timezone) == ("1234567893", "Asia/Kolkata")
    event = AuditEvent.objects.get(verb="profile.update")
    assert event.after == {"fields": ["npi", "timezone"]}


def test_profile_update_rejects_bad_npi_and_changes_nothing(world):
    user = world.users["participant"]

    with pytest.raises(ValidationError) as error:
        services.profile_update(actor=user, user=user, npi="1234567890", name="Changed")

    assert list(error.value.message_dict) == ["npi"]
    user.refresh_from_db()
    assert (user.npi, user.name) == ("", world.users["participant"].name)
    assert AuditEvent.objects.count() == 0


def test_profile_update_of_someone_else_is_refused(world):
    with pytest.raises(PermissionDenied):
        services.profile_update(
            actor=world.users["hub_admin"], user=world.users["participant"], name="X"
        )


def test_profile_page_keeps_input_on_error(world, client):
    user = world.users["participant"]
    client.force_login(user)

    response = client.post(
        "/me/profile/?credit=1",
        {
            "name": "Dr Typed Name",
            "profession": "nurse",
            "specialty": "Hepatology",
            "country": "US",
            "preferred_language": "en",
            "timezone": "America/Denver",
            "npi": "1234567890",
            "birth_mmdd": "0714",
        },
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Dr Typed Name"' in html
    assert 'value="Hepatology"' in html
    assert 'value="1234567890"' in html
    assert "not a valid NPI" in html
    user.refresh_from_db()
    assert user.name != "Dr Typed Name"
    assert user.npi == ""


def test_sign_in_lands_on_home(world, client):
    from allauth.account.models import EmailAddress

    user = world.users["participant"]
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "correct horse battery"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/home/"
