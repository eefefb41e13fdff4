"""Shared fixtures: the people of the permission matrix and a small hub world."""

import os
import shutil
from dataclasses import dataclass

import pytest

from tests import factories

ROLES = (
    "anonymous",
    "participant",
    "presenter",
    "facilitator",
    "hub_admin",
    "other_hub_admin",
    "superhub_staff",
)


@dataclass
class World:
    """Two hubs under one superhub, with one person in every role of the matrix."""

    superhub: object
    hub: object
    other_hub: object
    program: object
    draft_program: object
    private_program: object
    cohort: object
    session: object
    users: dict


@pytest.fixture
def world(db):
    superhub = factories.SuperhubFactory(slug="echo-superhub")
    hub = factories.HubFactory(superhub=superhub, slug="nm-hub", name="New Mexico Hub")
    other_hub = factories.HubFactory(slug="other-hub", name="Other Hub")
    program = factories.ProgramFactory(hub=hub, slug="hep-c", title="Hepatitis C ECHO")
    draft = factories.ProgramFactory(hub=hub, slug="draft-program", status="draft")
    private = factories.ProgramFactory(hub=hub, slug="private-program", enrolment="private")
    cohort = factories.CohortFactory(program=program, name="Tuesday cohort")
    session = factories.SessionFactory(cohort=cohort)
    users = {
        "participant": factories.UserFactory(email="participant@example.org"),
        "presenter": factories.UserFactory(email="presenter@example.org"),
        "facilitator": factories.UserFactory(email="facilitator@example.org"),
        "hub_admin": factories.UserFactory(email="admin@example.org"),
        "other_hub_admin": factories.UserFactory(email="other-admin@example.org"),
        "superhub_staff": factories.UserFactory(email="staff@example.org"),
    }
    factories.RegistrationFactory(cohort=cohort, user=users["participant"])
    factories.RegistrationFactory(cohort=cohort, user=users["presenter"])
    factories.MembershipFactory(hub=hub, user=users["facilitator"], role="facilitator")
    factories.MembershipFactory(hub=hub, user=users["hub_admin"], role="admin")
    factories.MembershipFactory(hub=other_hub, user=users["other_hub_admin"], role="admin")
    factories.SuperhubStaffFactory(superhub=superhub, user=users["superhub_staff"])
    return World(superhub, hub, other_hub, program, draft, private, cohort, session, users)


def chromium_path() -> str | None:
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright; required when CI=true."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI requires Chromium at /usr/bin/chromium for the browser tests")
        pytest.skip("SKIPPED browser tests: Debian's chromium is not installed (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _fresh_provider_account_cache():
    """The join path caches provider accounts by id; ids repeat after each test's rollback."""
    from allteach.conferencing.services import forget_cached_accounts

    forget_cached_accounts()
    yield
    forget_cached_accounts()
