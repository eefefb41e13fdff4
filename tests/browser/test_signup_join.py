"""A new visitor in India signs up, confirms the e-mail, joins a program and sees IST times."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone

from allteach.meetings import services as meeting_services
from allteach.meetings.models import Session
from tests import factories

KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")


def django_date(value: dt.datetime) -> str:
    """The template's "D j M Y, H:i T" for an aware datetime."""
    return f"{value:%a} {value.day} {value:%b} {value.year}, {value:%H:%M} {value.tzname()}"


@pytest.fixture
def scheduled_program(transactional_db):
    hub = factories.HubFactory(slug="nm-hub", name="New Mexico Hub")
    admin = factories.UserFactory(email="admin@example.org")
    factories.MembershipFactory(hub=hub, user=admin, role="admin")
    program = factories.ProgramFactory(hub=hub, slug="hep-c", title="Hepatitis C ECHO")
    cohort = factories.CohortFactory(program=program, name="Tuesday cohort")
    start = timezone.localdate() + dt.timedelta(days=7)
    meeting_services.schedule_set(
        actor=admin,
        cohort=cohort,
        data={
            "frequency": "weekly",
            "weekdays": [start.weekday()],
            "start_date": start,
            "time_of_day": dt.time(12, 0),
            "duration_minutes": 60,
            "timezone": "America/Denver",
            "count": 3,
        },
    )
    return program


@pytest.mark.browser
def test_signup_confirm_join_shows_next_session_in_kolkata(live_server, browser, scheduled_program):
    context = browser.new_context(timezone_id="Asia/Kolkata")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/signup/")
        page.fill("input[name=name]", "Asha Rao")
        page.fill("input[name=email]", "asha@example.org")
        page.select_option("select[name=profession]", "physician")
        page.fill("input[name=password1]", "a long enough secret 42")
        page.fill("input[name=password2]", "a long enough secret 42")
        # Chromium's ICU reports the zone by its older IANA alias; both name the same rules.
        assert page.input_value("input[name=timezone]") in {"Asia/Kolkata", "Asia/Calcutta"}
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state()

        assert len(mail.outbox) == 1
        link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
        page.goto(link)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()

        page.goto(f"{live_server.url}/")
        page.get_by_role("link", name="Hepatitis C ECHO").click()
        page.get_by_role("button", name="Join this program").click()
        page.wait_for_url(f"{live_server.url}/home/")

        first = (
            Session.objects.filter(cohort__program=scheduled_program).order_by("starts_at").first()
        )
        expected = django_date(first.starts_at.astimezone(KOLKATA))
        shown = page.locator("#next-sessions time.session-start").first.inner_text()
        assert shown == expected
        assert expected.endswith("00:30 IST") or expected.endswith("23:30 IST")
        page.screenshot(path="/tmp/allteach-home.png", full_page=True)
    finally:
        context.close()
