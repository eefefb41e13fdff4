"""Hub teams and the hubs each person works on."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from allteach.core.models import AuditEvent
from allteach.hubs import selectors, services
from allteach.hubs.models import HubMembership
from tests import factories


def test_hub_scopes_by_role(world):
    users = world.users
    assert set(selectors.hubs_managed_by(users["hub_admin"])) == {world.hub}
    assert set(selectors.hubs_managed_by(users["facilitator"])) == set()
    assert set(selectors.hubs_on_team_of(users["facilitator"])) == {world.hub}
    assert set(selectors.hubs_managed_by(users["superhub_staff"])) == {world.hub}
    assert set(selectors.hubs_on_team_of(users["participant"])) == set()
    assert set(selectors.hubs_managed_by(users["other_hub_admin"])) == {world.other_hub}


def test_member_add_by_admin_is_audited_and_refreshes_scope(world):
    user = world.users["participant"]
    assert world.hub.pk not in selectors.hub_ids_on_team_of(user)

    membership = services.hub_member_add(
        actor=world.users["hub_admin"],
        hub=world.hub,
        email="PARTICIPANT@example.org",
        role="expert",
    )

    assert membership.user == user
    assert AuditEvent.objects.filter(verb="team.add", object_id=str(membership.pk)).count() == 1
    user.refresh_from_db()
    assert world.hub.pk in selectors.hub_ids_on_team_of(type(user).objects.get(pk=user.pk))


def test_member_add_refused_to_coordinator_and_other_hub(world):
    coordinator = factories.UserFactory()
    factories.MembershipFactory(hub=world.hub, user=coordinator, role="coordinator")

    for actor in (coordinator, world.users["other_hub_admin"], world.users["facilitator"]):
        with pytest.raises(PermissionDenied):
            services.hub_member_add(
                actor=actor, hub=world.hub, email="participant@example.org", role="expert"
            )
    assert not HubMembership.objects.filter(user=world.users["participant"]).exists()


def test_member_add_errors_name_the_field(world):
    admin = world.users["hub_admin"]
    with pytest.raises(ValidationError) as unknown_role:
        services.hub_member_add(
            actor=admin, hub=world.hub, email="participant@example.org", role="king"
        )
    with pytest.raises(ValidationError) as no_account:
        services.hub_member_add(
            actor=admin, hub=world.hub, email="nobody@example.org", role="expert"
        )
    with pytest.raises(ValidationError) as twice:
        services.hub_member_add(
            actor=admin, hub=world.hub, email="facilitator@example.org", role="facilitator"
        )

    assert list(unknown_role.value.message_dict) == ["role"]
    assert list(no_account.value.message_dict) == ["email"]
    assert list(twice.value.message_dict) == ["role"]


def test_last_admin_cannot_be_removed(world):
    membership = HubMembership.objects.get(hub=world.hub, role="admin")

    with pytest.raises(ValidationError, match="at least one hub admin"):
        services.hub_member_remove(actor=world.users["hub_admin"], membership=membership)
    assert HubMembership.objects.filter(pk=membership.pk).exists()


def test_hub_settings_update_validates_zone(world):
    with pytest.raises(ValidationError):
        services.hub_settings_update(
            actor=world.users["hub_admin"], hub=world.hub, timezone="Mars/Olympus"
        )
    world.hub.refresh_from_db()
    assert world.hub.timezone == "America/Denver"
