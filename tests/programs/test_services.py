"""Registration, waitlist, approval and invitation rules of the programs app."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from allteach.core.models import AuditEvent
from allteach.programs import selectors, services
from allteach.programs.models import Invitation, Registration
from tests import factories


def test_public_program_registration_is_approved_and_audited(world):
    user = factories.UserFactory()

    registration = services.registration_register(actor=user, cohort=world.cohort)

    assert registration.status == "approved"
    event = AuditEvent.objects.get(verb="registration.create", object_id=str(registration.pk))
    assert (event.actor, event.hub_id, event.after) == (user, world.hub.pk, {"status": "approved"})


def test_capacity_then_waitlist(world):
    cohort = factories.CohortFactory(program=world.program, capacity=2)
    statuses = [
        services.registration_register(actor=factories.UserFactory(), cohort=cohort).status
        for _ in range(4)
    ]

    assert statuses == ["approved", "approved", "waitlisted", "waitlisted"]


def test_full_cohort_without_waitlist_refuses(world):
    cohort = factories.CohortFactory(program=world.program, capacity=1, waitlist_enabled=False)
    services.registration_register(actor=factories.UserFactory(), cohort=cohort)

    with pytest.raises(ValidationError, match="This cohort is full."):
        services.registration_register(actor=factories.UserFactory(), cohort=cohort)
    assert cohort.registrations.count() == 1


def test_leaving_promotes_the_first_waitlisted(world):
    cohort = factories.CohortFactory(program=world.program, capacity=1)
    holder, first, second = (factories.UserFactory() for _ in range(3))
    place = services.registration_register(actor=holder, cohort=cohort)
    queued_first = services.registration_register(actor=first, cohort=cohort)
    queued_second = services.registration_register(actor=second, cohort=cohort)

    services.registration_leave(actor=holder, registration=place)

    statuses = dict(Registration.objects.filter(cohort=cohort).values_list("user_id", "status"))
    assert statuses == {holder.pk: "left", first.pk: "approved", second.pk: "waitlisted"}
    assert (
        AuditEvent.objects.filter(
            verb="registration.promote", object_id=str(queued_first.pk)
        ).count()
        == 1
    )
    assert queued_second.pk


def test_duplicate_registration_in_another_cohort_of_the_same_program(world):
    other_cohort = factories.CohortFactory(program=world.program)

    with pytest.raises(ValidationError, match="already registered"):
        services.registration_register(actor=world.users["participant"], cohort=other_cohort)
    assert Registration.objects.filter(user=world.users["participant"]).count() == 1


def test_registration_closed_for_draft_program(world):
    cohort = factories.CohortFactory(program=world.draft_program)

    with pytest.raises(ValidationError, match="not taking registrations"):
        services.registration_register(actor=factories.UserFactory(), cohort=cohort)


def test_private_program_needs_approval(world):
    cohort = factories.CohortFactory(program=world.private_program)
    user = factories.UserFactory()
    registration = services.registration_register(actor=user, cohort=cohort)
    assert registration.status == "pending"

    with pytest.raises(PermissionDenied):
        services.registration_decide(
            actor=world.users["facilitator"], registration=registration, approve=True
        )
    decided = services.registration_decide(
        actor=world.users["hub_admin"], registration=registration, approve=True
    )

    assert decided.status == "approved"
    assert decided.decided_by == world.users["hub_admin"]


def test_declined_person_cannot_register_again(world):
    cohort = factories.CohortFactory(program=world.private_program)
    user = factories.UserFactory()
    registration = services.registration_register(actor=user, cohort=cohort)
    services.registration_decide(
        actor=world.users["hub_admin"], registration=registration, approve=False
    )

    with pytest.raises(ValidationError, match="declined"):
        services.registration_register(actor=user, cohort=cohort)


def test_someone_else_cannot_leave_for_you(world):
    registration = Registration.objects.get(user=world.users["participant"])

    with pytest.raises(PermissionDenied):
        services.registration_leave(actor=world.users["hub_admin"], registration=registration)
    registration.refresh_from_db()
    assert registration.status == "approved"


def _invitation(world, **fields) -> Invitation:
    cohort = factories.CohortFactory(program=world.private_program)
    return services.invitation_create(
        actor=world.users["hub_admin"], cohort=cohort, email=fields.pop("email", "new@example.org")
    )


def test_invitation_accept_registers_without_approval(world):
    invitation = _invitation(world)
    user = factories.UserFactory(email="new@example.org")

    registration = services.invitation_accept(actor=user, invitation=invitation)

    assert registration.status == "approved"
    assert registration.invitation == invitation
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


def test_used_invitation_is_refused_and_not_found_by_token(world):
    invitation = _invitation(world)
    services.invitation_accept(actor=factories.UserFactory(), invitation=invitation)
    invitation.refresh_from_db()

    with pytest.raises(ValidationError, match="expired or was already used"):
        services.invitation_accept(actor=factories.UserFactory(), invitation=invitation)
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.invitation_get_usable(token=invitation.token)


def test_expired_invitation_is_refused(world):
    invitation = _invitation(world)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    invitation.refresh_from_db()

    with pytest.raises(ValidationError, match="expired"):
        services.invitation_accept(actor=factories.UserFactory(), invitation=invitation)
    assert invitation.cohort.registrations.count() == 0


def test_invitation_needs_a_manager(world):
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            actor=world.users["facilitator"], cohort=world.cohort, email="x@example.org"
        )
    assert Invitation.objects.count() == 0


def test_program_create_needs_a_manager_and_writes_audit(world):
    with pytest.raises(PermissionDenied):
        services.program_create(
            actor=world.users["other_hub_admin"], hub=world.hub, title="X", summary="y"
        )

    program = services.program_create(
        actor=world.users["hub_admin"], hub=world.hub, title="Hepatitis C ECHO", summary="y"
    )

    assert program.slug == "hepatitis-c-echo"
    assert (
        AuditEvent.objects.filter(
            verb="program.create", object_id=str(program.pk), hub_id=world.hub.pk
        ).count()
        == 1
    )


def test_curriculum_set_keeps_positions(world):
    topics = services.curriculum_set(
        actor=world.users["hub_admin"],
        program=world.program,
        topics=[{"title": "HCV basics"}, {"title": "Treatment"}],
    )
    again = services.curriculum_set(
        actor=world.users["hub_admin"],
        program=world.program,
        topics=[{"title": "HCV basics (new)"}],
    )

    assert [t.position for t in topics] == [1, 2]
    assert again[0].pk == topics[0].pk
    assert list(world.program.curriculum.values_list("title", flat=True)) == ["HCV basics (new)"]
