"""Public and participant pages: catalogue, program, session, home."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from allteach.programs.models import Topic
from tests import factories

SESSION_START = dt.datetime(2030, 1, 1, 19, 0, tzinfo=dt.UTC)  # 12:00 in Denver, 00:30 in Kolkata


def programs_in(response) -> list[str]:
    return sorted(p.slug for p in response.context["programs"])


@pytest.fixture
def catalogue_world(world):
    diabetes = Topic.objects.create(name="Diabetes", slug="diabetes")
    es = factories.ProgramFactory(
        hub=world.hub, slug="diabetes-es", title="Diabetes ECHO", language="es"
    )
    es.topics.set([diabetes])
    factories.ProgramFactory(
        hub=world.hub, slug="pharm", title="Pharmacy ECHO", professions=["pharmacist"]
    )
    return world


def test_catalogue_lists_published_programs(catalogue_world, client):
    response = client.get("/")

    assert response.status_code == 200
    assert programs_in(response) == ["diabetes-es", "hep-c", "pharm", "private-program"]
    assert "<html" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=diabetes", ["diabetes-es"]),
        ("q=New+Mexico", ["diabetes-es", "hep-c", "pharm", "private-program"]),
        ("topic=diabetes", ["diabetes-es"]),
        ("language=es", ["diabetes-es"]),
        ("profession=pharmacist", ["pharm"]),
        ("upcoming=on", ["hep-c"]),
    ],
)
def test_catalogue_filters(catalogue_world, client, query, expected):
    response = client.get(f"/?{query}")

    assert programs_in(response) == expected


def test_catalogue_htmx_returns_only_results(catalogue_world, client):
    response = client.get("/?language=es", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<form" not in html
    assert "Diabetes ECHO" in html
    assert "Hepatitis C ECHO" not in html
    assert [t.name for t in response.templates] == ["portal/_catalogue_results.html"]


def _program_with_session(world):
    world.session.starts_at = SESSION_START
    world.session.ends_at = SESSION_START + dt.timedelta(hours=1)
    world.session.save()
    return world.program


@pytest.mark.django_db
def test_program_page_times_follow_tz_cookie(world, client, monkeypatch):
    _program_with_session(world)
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: dt.datetime(2029, 12, 1, tzinfo=dt.UTC)
    )

    client.cookies["tz"] = "Asia/Kolkata"
    kolkata = client.get("/programs/hep-c/").content.decode()
    client.cookies["tz"] = "America/Denver"
    denver = client.get("/programs/hep-c/").content.decode()

    assert "Wed 2 Jan 2030, 00:30 IST" in kolkata
    assert "Tue 1 Jan 2030, 12:00 MST" in denver


def test_program_page_uses_profile_zone_over_cookie(world, client, monkeypatch):
    _program_with_session(world)
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: dt.datetime(2029, 12, 1, tzinfo=dt.UTC)
    )
    user = world.users["participant"]
    user.timezone = "Europe/London"
    user.save()
    client.force_login(user)
    client.cookies["tz"] = "Asia/Kolkata"

    html = client.get("/programs/hep-c/").content.decode()

    assert "Tue 1 Jan 2030, 19:00 GMT" in html


def test_program_page_of_draft_is_404_for_public(world, client):
    assert client.get("/programs/draft-program/").status_code == 404


def test_session_page_shows_agenda_and_time(world, client):
    _program_with_session(world)
    client.cookies["tz"] = "America/Denver"

    response = client.get(f"/sessions/{world.session.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tuesday 1 January 2030, 12:00–13:00 MST" in html
    assert "Join as a guest" in html


def test_home_shows_next_sessions(world, client):
    _program_with_session(world)
    client.force_login(world.users["participant"])

    response = client.get("/home/")

    assert response.status_code == 200
    assert response.context["next_sessions"] == [world.session]
    assert "Tue 1 Jan 2030, 12:00 MST" in response.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_catalogue_query_count_does_not_grow(world, client):
    one = _queries(client, "/")
    topic = Topic.objects.create(name="Extra", slug="extra")
    for n in range(29):
        program = factories.ProgramFactory(hub=world.hub)
        program.topics.set([topic])
        factories.SessionFactory(cohort=factories.CohortFactory(program=program))

    thirty = _queries(client, "/")

    assert thirty == one


def test_home_query_count_does_not_grow(world, client):
    user = world.users["participant"]
    client.force_login(user)
    one = _queries(client, "/home/")
    for n in range(29):
        cohort = factories.CohortFactory(program=factories.ProgramFactory(hub=world.hub))
        factories.RegistrationFactory(cohort=cohort, user=user)
        factories.SessionFactory(cohort=cohort)

    thirty = _queries(client, "/home/")

    assert thirty == one
