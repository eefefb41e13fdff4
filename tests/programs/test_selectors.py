"""Tenant isolation: what each person may see."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from allteach.programs import selectors
from tests import factories


def test_other_hubs_draft_is_invisible(world):
    theirs = factories.ProgramFactory(hub=world.other_hub, slug="their-draft", status="draft")

    for who in ("participant", "facilitator", "hub_admin", "superhub_staff"):
        with pytest.raises(Http404):
            selectors.program_get_for_user(user=world.users[who], slug=theirs.slug)
    assert (
        selectors.program_get_for_user(user=world.users["other_hub_admin"], slug=theirs.slug)
        == theirs
    )


def test_own_draft_visible_to_team_only(world):
    visible = {
        who: selectors.programs_visible_to(world.users[who])
        .filter(pk=world.draft_program.pk)
        .exists()
        for who in world.users
    }
    visible["anonymous"] = (
        selectors.programs_visible_to(AnonymousUser()).filter(pk=world.draft_program.pk).exists()
    )

    assert visible == {
        "participant": False,
        "presenter": False,
        "facilitator": True,
        "hub_admin": True,
        "other_hub_admin": False,
        "superhub_staff": True,
        "anonymous": False,
    }


def test_managed_programs_exclude_facilitators_and_other_hubs(world):
    assert set(selectors.programs_managed_by(world.users["facilitator"])) == set()
    assert set(selectors.programs_managed_by(world.users["other_hub_admin"])) == set()
    assert world.program in selectors.programs_managed_by(world.users["superhub_staff"])


def test_registrations_visible_are_own_and_managed(world):
    mine = selectors.registrations_visible_to(world.users["participant"])
    admin = selectors.registrations_visible_to(world.users["hub_admin"])
    other = selectors.registrations_visible_to(world.users["other_hub_admin"])

    assert [r.user for r in mine] == [world.users["participant"]]
    assert {r.user.email for r in admin} == {"participant@example.org", "presenter@example.org"}
    assert list(other) == []


def test_catalogue_shows_open_and_closed_only(world):
    factories.ProgramFactory(hub=world.hub, slug="closed-one", status="closed")
    factories.ProgramFactory(hub=world.hub, slug="archived-one", status="archived")

    slugs = set(selectors.catalogue().values_list("slug", flat=True))

    assert slugs == {"hep-c", "private-program", "closed-one"}
