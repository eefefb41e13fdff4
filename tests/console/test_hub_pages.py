"""Console index, hub page and settings, and the team page."""

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from allteach.hubs.models import Hub, HubMembership
from allteach.programs.models import RegistrationStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_index_lists_hubs_with_program_counts(world, as_role):
    response = as_role("hub_admin").get(reverse("console:index"))

    assert response.status_code == 200
    hubs = list(response.context["hubs"])
    assert [(h.name, h.program_count) for h in hubs] == [("New Mexico Hub", 3)]
    assert "Other Hub" not in response.content.decode()


def test_index_is_empty_for_a_participant(world, as_role):
    response = as_role("participant").get(reverse("console:index"))

    assert response.status_code == 200
    assert list(response.context["hubs"]) == []
    assert "not on any hub" in response.content.decode()


def test_hub_page_shows_programs_and_counts(world, as_role):
    private_cohort = factories.CohortFactory(program=world.private_program)
    factories.RegistrationFactory(cohort=private_cohort, status=RegistrationStatus.PENDING)
    factories.RegistrationFactory(cohort=private_cohort, status=RegistrationStatus.PENDING)
    factories.RegistrationFactory(cohort=private_cohort, status=RegistrationStatus.WAITLISTED)

    response = as_role("hub_admin").get(reverse("console:hub", args=["nm-hub"]))

    assert response.status_code == 200
    rows = {
        p.slug: (p.cohort_count, p.registered_count, p.waitlist_count, p.pending_count)
        for p in response.context["programs"]
    }
    assert rows == {
        "hep-c": (1, 2, 0, 0),
        "draft-program": (0, 0, 0, 0),
        "private-program": (1, 0, 1, 2),
    }
    html = response.content.decode()
    assert "Hepatitis C ECHO" in html
    assert 'action="/console/nm-hub/settings/"' in html
    assert reverse("console:program_create", args=["nm-hub"]) in html


def test_hub_page_for_facilitator_has_no_settings(world, as_role):
    response = as_role("facilitator").get(reverse("console:hub", args=["nm-hub"]))

    assert response.status_code == 200
    assert response.context["settings_form"] is None
    assert "Hub settings" not in response.content.decode()


@pytest.mark.parametrize("role", ["participant", "other_hub_admin"])
def test_hub_page_is_404_outside_the_team(world, as_role, role):
    response = as_role(role).get(reverse("console:hub", args=["nm-hub"]))

    assert response.status_code == 404


def test_hub_settings_saves(world, as_role):
    response = as_role("hub_admin").post(
        reverse("console:hub_settings", args=["nm-hub"]),
        {
            "timezone": "America/New_York",
            "guest_visit_limit": "5",
            "attendance_min_minutes": "45",
            "attendance_min_percent": "",
        },
    )

    assert response.status_code == 302
    hub = Hub.objects.get(slug="nm-hub")
    assert (hub.timezone, hub.guest_visit_limit, hub.attendance_min_minutes) == (
        "America/New_York",
        5,
        45,
    )
    assert hub.attendance_min_percent is None


def test_hub_settings_rejects_unknown_zone_and_keeps_input(world, as_role):
    response = as_role("hub_admin").post(
        reverse("console:hub_settings", args=["nm-hub"]),
        {"timezone": "Mars/Olympus", "guest_visit_limit": "7", "attendance_min_percent": "150"},
    )

    assert response.status_code == 400
    form = response.context["settings_form"]
    assert "not a known IANA time zone" in form.errors["timezone"][0]
    assert "attendance_min_percent" in form.errors
    html = response.content.decode()
    assert 'value="Mars/Olympus"' in html
    assert 'value="7"' in html
    assert Hub.objects.get(slug="nm-hub").timezone == "America/Denver"


@pytest.mark.parametrize("role", ["facilitator", "participant", "other_hub_admin"])
def test_hub_settings_refused_changes_nothing(world, as_role, role):
    response = as_role(role).post(
        reverse("console:hub_settings", args=["nm-hub"]),
        {"timezone": "UTC", "guest_visit_limit": "9"},
    )

    assert response.status_code == 404
    hub = Hub.objects.get(slug="nm-hub")
    assert (hub.timezone, hub.guest_visit_limit) == ("America/Denver", 3)


def test_hub_programs_query_count_is_constant(world, client):
    hub = factories.HubFactory(slug="count-hub")
    admin = factories.UserFactory()
    factories.MembershipFactory(hub=hub, user=admin, role="admin")
    client.force_login(admin)

    def add_program():
        program = factories.ProgramFactory(hub=hub)
        cohort = factories.CohortFactory(program=program)
        factories.RegistrationFactory(cohort=cohort)
        factories.RegistrationFactory(cohort=cohort, status=RegistrationStatus.PENDING)

    add_program()
    with CaptureQueriesContext(connection) as one:
        response = client.get(reverse("console:hub", args=["count-hub"]))
    assert len(response.context["programs"]) == 1
    for _ in range(29):
        add_program()
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(reverse("console:hub", args=["count-hub"]))
    assert len(response.context["programs"]) == 30
    assert [p.pending_count for p in response.context["programs"]] == [1] * 30

    assert len(one) == len(thirty)


# --- team --------------------------------------------------------------------------


def test_team_page_lists_members_and_recommends_mfa(world, as_role):
    Authenticator.objects.create(
        user=world.users["hub_admin"], type=Authenticator.Type.TOTP, data={"secret": "x"}
    )

    response = as_role("hub_admin").get(reverse("console:team", args=["nm-hub"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "facilitator@example.org" in html
    assert "Facilitator" in html
    assert [str(u) for u in response.context["without_mfa"]] == [str(world.users["facilitator"])]
    assert reverse("mfa_index") in html
    assert "Add a team member" in html


@pytest.mark.parametrize("role", ["facilitator", "participant", "other_hub_admin"])
def test_team_page_is_404_for_non_managers(world, as_role, role):
    assert as_role(role).get(reverse("console:team", args=["nm-hub"])).status_code == 404


def test_team_add_gives_role(world, as_role):
    response = as_role("hub_admin").post(
        reverse("console:team_add", args=["nm-hub"]),
        {"email": "Participant@Example.org", "role": "expert"},
    )

    assert response.status_code == 302
    assert HubMembership.objects.filter(
        hub=world.hub, user=world.users["participant"], role="expert"
    ).exists()


def test_team_add_unknown_email_keeps_input(world, as_role):
    before = HubMembership.objects.count()

    response = as_role("hub_admin").post(
        reverse("console:team_add", args=["nm-hub"]),
        {"email": "nobody@example.org", "role": "coordinator"},
    )

    assert response.status_code == 400
    assert "No account uses this e-mail" in response.context["add_form"].errors["email"][0]
    assert 'value="nobody@example.org"' in response.content.decode()
    assert HubMembership.objects.count() == before


def test_team_add_by_coordinator_is_403(world, client):
    coordinator = factories.UserFactory()
    factories.MembershipFactory(hub=world.hub, user=coordinator, role="coordinator")
    client.force_login(coordinator)
    before = HubMembership.objects.count()

    response = client.post(
        reverse("console:team_add", args=["nm-hub"]),
        {"email": "participant@example.org", "role": "admin"},
    )

    assert response.status_code == 403
    assert HubMembership.objects.count() == before


def test_team_add_by_other_hub_admin_is_404(world, as_role):
    before = HubMembership.objects.count()

    response = as_role("other_hub_admin").post(
        reverse("console:team_add", args=["nm-hub"]),
        {"email": "other-admin@example.org", "role": "admin"},
    )

    assert response.status_code == 404
    assert HubMembership.objects.count() == before


def test_team_remove(world, as_role):
    membership = HubMembership.objects.get(hub=world.hub, user=world.users["facilitator"])

    response = as_role("hub_admin").post(
        reverse("console:team_remove", args=["nm-hub", membership.pk])
    )

    assert response.status_code == 302
    assert not HubMembership.objects.filter(pk=membership.pk).exists()


def test_team_remove_last_admin_is_refused_with_a_message(world, as_role):
    membership = HubMembership.objects.get(hub=world.hub, user=world.users["hub_admin"])

    response = as_role("hub_admin").post(
        reverse("console:team_remove", args=["nm-hub", membership.pk]), follow=True
    )

    assert "at least one hub admin" in response.content.decode()
    assert HubMembership.objects.filter(pk=membership.pk).exists()


def test_team_remove_by_coordinator_is_403(world, client):
    coordinator = factories.UserFactory()
    factories.MembershipFactory(hub=world.hub, user=coordinator, role="coordinator")
    membership = HubMembership.objects.get(hub=world.hub, user=world.users["facilitator"])
    client.force_login(coordinator)

    response = client.post(reverse("console:team_remove", args=["nm-hub", membership.pk]))

    assert response.status_code == 403
    assert HubMembership.objects.filter(pk=membership.pk).exists()


def test_team_remove_other_hubs_membership_is_404(world, as_role):
    other = HubMembership.objects.get(hub=world.other_hub)

    response = as_role("hub_admin").post(reverse("console:team_remove", args=["nm-hub", other.pk]))

    assert response.status_code == 404
    assert HubMembership.objects.filter(pk=other.pk).exists()
