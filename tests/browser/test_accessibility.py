"""Key pages pass axe-core's WCAG 2.0/2.1 A and AA rules and fit a phone screen.

axe-core is vendored under ``tests/browser/vendor/axe-core`` (tests only, no CDN). Every
page is checked as the role that normally sees it; problems on all pages are collected
and reported together so that one run shows the whole picture.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from allteach.attendance.services import attendance_reconcile
from allteach.conferencing.models import JoinLink
from allteach.conferencing.services import LINK_GRACE
from allteach.meetings import services as meeting_services
from tests import factories

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
#: "Needs review" results that are nonetheless certain in server-rendered pages: an
#: aria-describedby pointing at a missing id, or two controls sharing an id.
INCOMPLETE_IS_VIOLATION = {"aria-valid-attr-value", "duplicate-id-aria", "duplicate-id-active"}
PHONE = {"width": 375, "height": 812}

#: The page's width against the phone's, and the elements that stick out (outside a
#: `.table-wrap` scroll container). With mobile emulation, `innerWidth` grows to fit
#: content that overflows, so the comparison is with the layout viewport (clientWidth).
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const doc = document.documentElement.scrollWidth;
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    // A scroll container clips what it holds, except positioned children that escape it.
    if (el.closest('.table-wrap') && getComputedStyle(el).position !== 'absolute') continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1) {
      const id = el.id ? '#' + el.id : '';
      const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
      culprits.push(`${el.tagName.toLowerCase()}${id}${cls} (right=${Math.round(box.right)})`);
    }
  }
  return {doc, width, culprits: culprits.slice(0, 8)};
}"""


@pytest.fixture
def a11y_world(transactional_db):
    """A hub with a scheduled program, registrants, a team and a past session with attendance."""
    hub = factories.HubFactory(slug="nm-hub", name="New Mexico Hub")
    admin = factories.UserFactory(email="admin@example.org", name="Hana Admin")
    facilitator = factories.UserFactory(email="fac@example.org", name="Felix Facilitator")
    factories.MembershipFactory(hub=hub, user=admin, role="admin")
    factories.MembershipFactory(hub=hub, user=facilitator, role="facilitator")
    program = factories.ProgramFactory(hub=hub, slug="hep-c", title="Hepatitis C ECHO")
    factories.CurriculumTopicFactory(program=program, title="Treating hepatitis C in primary care")
    cohort = factories.CohortFactory(program=program, name="Tuesday cohort")
    start = timezone.localdate() + dt.timedelta(days=3)
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
            "count": 4,
        },
    )
    participant = factories.UserFactory(email="participant@example.org", name="Amara Okafor")
    people = [participant] + [
        factories.UserFactory(name=f"Registrant {n}", email=f"registrant{n}@clinic.example")
        for n in range(5)
    ]
    for person in people:
        factories.RegistrationFactory(cohort=cohort, user=person)
    factories.RegistrationFactory(
        cohort=cohort, user=factories.UserFactory(name="Pending Person"), status="pending"
    )
    past_start = timezone.now().replace(microsecond=0) - dt.timedelta(days=7)
    past = factories.SessionFactory(
        cohort=cohort,
        original_date=past_start.date(),
        starts_at=past_start,
        ends_at=past_start + dt.timedelta(hours=1),
    )
    for index, person in enumerate(people[:4]):
        clicked = past.starts_at + dt.timedelta(minutes=index)
        JoinLink.objects.create(
            session=past,
            user=person,
            expires_at=past.ends_at + LINK_GRACE,
            first_clicked_at=clicked,
            last_clicked_at=clicked,
            clicks=1,
        )
    JoinLink.objects.create(
        session=past,
        guest_name="Clinic Conference Room",
        guest_key="room-1",
        expires_at=past.ends_at + LINK_GRACE,
        first_clicked_at=past.starts_at,
        last_clicked_at=past.starts_at,
        clicks=1,
    )
    attendance_reconcile(session=past)
    upcoming = cohort.sessions.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()

    console = f"/console/{hub.slug}"
    pages = {
        None: {
            "catalogue": "/",
            "program page": f"/programs/{program.slug}/",
            "sign-up": "/accounts/signup/",
            "login": "/accounts/login/",
            "sign-up with errors": ("/accounts/signup/", {"email": "not-an-address"}),
            "login with errors": (
                "/accounts/login/",
                {"login": "participant@example.org", "password": "wrong"},
            ),
        },
        participant: {
            "session page": f"/sessions/{upcoming.pk}/",
            "participant home": "/home/",
            "profile": "/me/profile/",
            "API tokens": "/me/tokens/",
            "PHI check": ("/screening/", _screen_text),
            "PHI check with errors": ("/screening/", {"text": ""}),
            "profile with errors": ("/me/profile/?credit=1", {"npi": "123", "birth_mmdd": "9999"}),
        },
        admin: {
            "hub console": f"{console}/",
            "program console": f"{console}/programs/{program.slug}/",
            "schedule editor": f"{console}/cohorts/{cohort.pk}/schedule/",
            "sessions list": f"{console}/cohorts/{cohort.pk}/sessions/",
            "registrants": f"{console}/programs/{program.slug}/registrants/",
            "team": f"{console}/team/",
            "videoconferencing": f"/conferencing/{hub.slug}/",
            "attendance": f"/attendance/sessions/{past.pk}/",
            "new program with errors": (f"{console}/programs/new/", {"title": ""}),
            "team with errors": (f"{console}/team/", {"email": "nobody@example.org"}),
        },
    }
    return pages


def _context(browser, base_url, user, **options):
    context = browser.new_context(**options)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}]
        )
    return context


def _screen_text(page):
    """The PHI check's results panel, filled through htmx as a presenter would see it."""
    page.fill(
        "#id_text",
        "Patient John Smith, seen 3/14/2025 at Gallup clinic, MRN 4432190, tel 505-555-0143.",
    )
    page.locator("main form button[type=submit]").first.click()
    page.locator("#phi-results mark").first.wait_for()


def _submit_invalid(page, values):
    """Fill the last form in <main> that has these fields and post it past browser validation."""
    form = (
        page.locator("main form")
        .filter(has=page.locator(", ".join(f"[name={name}]" for name in values)))
        .last
    )
    for name, value in values.items():
        form.locator(f"[name={name}]").fill(value)
    with page.expect_navigation():
        # form.submit() skips both the browser's validation and htmx's submit handler.
        form.evaluate("f => f.submit()")
    assert page.locator("[aria-invalid=true], .errorlist, .message.error").count(), page.url


def _open(page, base_url, name, target):
    path, prepare = (target, None) if isinstance(target, str) else target
    response = page.goto(f"{base_url}{path}")
    assert response is not None and response.ok, f"{name}: {path} answered {response.status}"
    if callable(prepare):
        prepare(page)
    elif prepare:
        _submit_invalid(page, prepare)
    return path


def _axe_problems(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations', 'incomplete']})",
        WCAG_TAGS,
    )
    problems = []
    found = result["violations"] + [
        item for item in result["incomplete"] if item["id"] in INCOMPLETE_IS_VIOLATION
    ]
    for violation in found:
        if violation["impact"] not in BLOCKING:
            continue
        problems.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            problems.append(f"      {target} — {summary[:200]}")
    return problems


@pytest.mark.browser
def test_key_pages_pass_axe_and_fit_a_phone(live_server, browser, a11y_world):
    failures = []
    for user, pages in a11y_world.items():
        desktop = _context(browser, live_server.url, user, viewport={"width": 1280, "height": 900})
        phone = _context(
            browser,
            live_server.url,
            user,
            viewport=PHONE,
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
        )
        try:
            page, small = desktop.new_page(), phone.new_page()
            for name, target in pages.items():
                path = _open(page, live_server.url, name, target)
                problems = _axe_problems(page)
                if problems:
                    failures.append(f"{name} ({path}) — axe:\n" + "\n".join(problems))

                _open(small, live_server.url, name, target)
                fit = small.evaluate(OVERFLOW_JS)
                if fit["doc"] > fit["width"] + 1:
                    failures.append(
                        f"{name} ({path}) — {fit['doc']}px wide on a {fit['width']}px phone: "
                        + ", ".join(fit["culprits"])
                    )
        finally:
            desktop.close()
            phone.close()
    assert not failures, "Accessibility problems:\n" + "\n\n".join(failures)
