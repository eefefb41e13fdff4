"""Registrants: filters, decisions, invitations and the CSV export."""

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from allteach.programs.models import Invitation, Registration, RegistrationStatus
from tests import factories

pytestmark = pytest.mark.django_db


def _url(name, program_slug="private-program", *extra):
    return reverse(f"console:{name}", args=["nm-hub", program_slug, *extra])


@pytest.fixture
def private(world):
    """The private program with one cohort: a pending and a waitlisted request."""
    cohort = factories.CohortFactory(program=world.private_program, name="Spring cohort")
    pending = factories.RegistrationFactory(
        cohort=cohort,
        status=RegistrationStatus.PENDING,
        user=factories.UserFactory(name="Ana Pending", email="ana@example.org"),
    )
    waiting = factories.RegistrationFactory(
        cohort=cohort,
        status=RegistrationStatus.WAITLISTED,
        user=factories.UserFactory(name="Wes Waiting", email="wes@example.org"),
    )
    return cohort, pending, waiting


def test_registrants_page_lists_and_filters(world, as_role, private):
    client = as_role("hub_admin")

    response = client.get(_url("registrants"))
    assert response.status_code == 200
    assert [r.user.email for r in response.context["page"].object_list] == [
        "ana@example.org",
        "wes@example.org",
    ]
    html = response.content.decode()
    assert "Awaiting approval" in html
    assert html.count('name="decision" value="approve"') == 2

    response = client.get(_url("registrants"), {"status": "waitlisted"})
    assert [r.user.email for r in response.context["page"].object_list] == ["wes@example.org"]


def test_registrants_filter_by_cohort(world, as_role):
    other = factories.CohortFactory(program=world.program, name="Other cohort")
    factories.RegistrationFactory(cohort=other, user=factories.UserFactory(email="o@example.org"))

    response = as_role("hub_admin").get(_url("registrants", "hep-c"), {"cohort": other.pk})

    assert [r.user.email for r in response.context["page"].object_list] == ["o@example.org"]


def test_approve_pending(world, as_role, private):
    _, pending, _ = private

    response = as_role("hub_admin").post(
        _url("registration_decide", "private-program", pending.pk), {"decision": "approve"}
    )

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.APPROVED
    assert pending.decided_by == world.users["hub_admin"]


def test_decline_waitlisted(world, as_role, private):
    _, _, waiting = private

    response = as_role("hub_admin").post(
        _url("registration_decide", "private-program", waiting.pk), {"decision": "decline"}
    )

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.DECLINED


def test_decide_on_approved_shows_error_and_changes_nothing(world, as_role):
    registration = Registration.objects.get(user=world.users["participant"])

    response = as_role("hub_admin").post(
        _url("registration_decide", "hep-c", registration.pk), {"decision": "decline"}, follow=True
    )

    assert "not awaiting a decision" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED


def test_decide_under_another_program_is_404(world, as_role, private):
    _, pending, _ = private

    response = as_role("hub_admin").post(
        _url("registration_decide", "hep-c", pending.pk), {"decision": "approve"}
    )

    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.PENDING


@pytest.mark.parametrize("role", ["facilitator", "participant", "other_hub_admin"])
def test_decide_refused(world, as_role, private, role):
    _, pending, _ = private

    response = as_role(role).post(
        _url("registration_decide", "private-program", pending.pk), {"decision": "approve"}
    )

    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.PENDING


def test_invite_creates_pending_invitation_and_mails(
    world, as_role, private, django_capture_on_commit_callbacks
):
    cohort, _, _ = private

    with django_capture_on_commit_callbacks(execute=True):
        response = as_role("hub_admin").post(
            _url("invitation_create"), {"email": "New.Person@Example.org", "cohort": cohort.pk}
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.cohort) == ("new.person@example.org", cohort)
    assert [m.to for m in mail.outbox] == [["new.person@example.org"]]
    page = as_role("hub_admin").get(_url("registrants"))
    assert "new.person@example.org" in page.content.decode()
    assert list(page.context["invitations"]) == [invitation]


def test_invite_already_registered_keeps_input(world, as_role, private):
    cohort, _, _ = private

    response = as_role("hub_admin").post(
        _url("invitation_create"), {"email": "ana@example.org", "cohort": cohort.pk}
    )

    assert response.status_code == 400
    assert "already registered" in response.context["invite_form"].errors["email"][0]
    assert 'value="ana@example.org"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_invite_to_cohort_of_another_program_is_rejected(world, as_role, private):
    response = as_role("hub_admin").post(
        _url("invitation_create"), {"email": "x@example.org", "cohort": world.cohort.pk}
    )

    assert response.status_code == 400
    assert "cohort" in response.context["invite_form"].errors
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", ["facilitator", "participant", "other_hub_admin"])
def test_invite_refused(world, as_role, private, role):
    cohort, _, _ = private

    response = as_role(role).post(
        _url("invitation_create"), {"email": "x@example.org", "cohort": cohort.pk}
    )

    assert response.status_code == 404
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_csv_export_rows_and_formula_guard(world, as_role):
    cohort = factories.CohortFactory(program=world.private_program, name="=Cohort")
    user = factories.UserFactory(
        name='=HYPERLINK("http://evil")',
        email="evil@example.org",
        profession="pharmacist",
        specialty="+cmd",
        organisation="-2+3",
        practice_zip="87101",
        state="NM",
    )
    plain = factories.UserFactory(
        name="Ana Plain",
        email="ana@example.org",
        profession="",
        specialty="",
        organisation="@risk, Clinic",
        practice_zip="",
        state="",
    )
    first = factories.RegistrationFactory(cohort=cohort, user=plain)
    second = factories.RegistrationFactory(
        cohort=cohort, user=user, status=RegistrationStatus.PENDING
    )
    Registration.objects.filter(pk=first.pk).update(
        created_at=dt.datetime(2027, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    )
    Registration.objects.filter(pk=second.pk).update(
        created_at=dt.datetime(2027, 1, 3, 0, 0, 0, tzinfo=dt.UTC)
    )

    response = as_role("hub_admin").get(_url("registrants_csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="private-program-registrants.csv"'
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [
        [
            "name",
            "email",
            "profession",
            "specialty",
            "organisation",
            "practice ZIP",
            "state",
            "cohort",
            "status",
            "registered at",
        ],
        [
            "Ana Plain",
            "ana@example.org",
            "",
            "",
            "'@risk, Clinic",
            "",
            "",
            "'=Cohort",
            "Registered",
            "2027-01-02T03:04:05Z",
        ],
        [
            '\'=HYPERLINK("http://evil")',
            "evil@example.org",
            "Pharmacist",
            "'+cmd",
            "'-2+3",
            "87101",
            "NM",
            "'=Cohort",
            "Awaiting approval",
            "2027-01-03T00:00:00Z",
        ],
    ]


def test_csv_export_follows_filters(world, as_role, private):
    response = as_role("hub_admin").get(_url("registrants_csv"), {"status": "pending"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[1] for row in rows[1:]] == ["ana@example.org"]


@pytest.mark.parametrize("role", ["facilitator", "participant", "other_hub_admin"])
def test_csv_export_refused(world, as_role, private, role):
    assert as_role(role).get(_url("registrants_csv")).status_code == 404


def test_registrants_query_count_is_constant(world, as_role):
    cohort = factories.CohortFactory(program=world.private_program)
    client = as_role("hub_admin")

    def add(n):
        for _ in range(n):
            factories.RegistrationFactory(cohort=cohort, status=RegistrationStatus.PENDING)
            factories.UserFactory()
        Invitation.objects.create(cohort=cohort, email=f"i{n}@example.org")

    add(1)
    with CaptureQueriesContext(connection) as one:
        response = client.get(_url("registrants"))
    assert len(response.context["page"].object_list) == 1
    add(29)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(_url("registrants"))
    assert len(response.context["page"].object_list) == 30

    assert len(one) == len(thirty)
