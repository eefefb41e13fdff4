"""Program create/edit, curriculum and cohorts in the console."""

import pytest
from django.urls import reverse

from allteach.programs.models import Cohort, CurriculumTopic, Program

pytestmark = pytest.mark.django_db

PROGRAM_POST = {
    "title": "Epilepsy ECHO",
    "summary": "Seizure care in primary care.",
    "audience": "Primary care teams",
    "professions": ["physician", "pharmacist"],
    "topics": "epilepsy, neurology , epilepsy",
    "language": "es",
    "enrolment": "private",
    "status": "open",
    "credit_types": ["ama_pra_1", "acpe"],
    "credit_hours_per_session": "1.50",
}


def test_program_create_page_renders(world, as_role):
    response = as_role("hub_admin").get(reverse("console:program_create", args=["nm-hub"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<legend>Professions</legend>" in html
    assert 'value="ama_pra_1"' in html
    assert 'for="id_title"' in html


def test_program_create_saves_everything(world, as_role):
    response = as_role("hub_admin").post(
        reverse("console:program_create", args=["nm-hub"]), PROGRAM_POST
    )

    program = Program.objects.get(title="Epilepsy ECHO")
    assert response.status_code == 302
    assert response["Location"] == reverse("console:program", args=["nm-hub", program.slug])
    assert program.hub == world.hub
    assert program.slug == "epilepsy-echo"
    assert program.professions == ["physician", "pharmacist"]
    assert program.credit_types == ["ama_pra_1", "acpe"]
    assert str(program.credit_hours_per_session) == "1.50"
    assert (program.language, program.enrolment, program.status) == ("es", "private", "open")
    assert sorted(t.name for t in program.topics.all()) == ["epilepsy", "neurology"]


def test_program_create_invalid_keeps_input(world, as_role):
    data = dict(PROGRAM_POST, title="", credit_hours_per_session="abc")
    before = Program.objects.count()

    response = as_role("hub_admin").post(reverse("console:program_create", args=["nm-hub"]), data)

    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"title", "credit_hours_per_session"}
    html = response.content.decode()
    assert "Seizure care in primary care." in html
    assert 'value="epilepsy, neurology , epilepsy"' in html
    assert 'aria-invalid="true"' in html
    assert Program.objects.count() == before


@pytest.mark.parametrize("role", ["facilitator", "participant", "other_hub_admin"])
def test_program_create_refused(world, as_role, role):
    before = Program.objects.count()

    response = as_role(role).post(reverse("console:program_create", args=["nm-hub"]), PROGRAM_POST)

    assert response.status_code == 404
    assert Program.objects.count() == before


def test_program_page_shows_cohorts(world, as_role):
    response = as_role("hub_admin").get(reverse("console:program", args=["nm-hub", "hep-c"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tuesday cohort" in html
    assert "No schedule yet" in html
    assert reverse("console:schedule", args=["nm-hub", world.cohort.pk]) in html


def test_program_page_under_another_hub_slug_is_404(world, as_role):
    response = as_role("other_hub_admin").get(
        reverse("console:program", args=["other-hub", "hep-c"])
    )

    assert response.status_code == 404


def test_program_edit_prefills_and_saves(world, as_role):
    client = as_role("hub_admin")
    url = reverse("console:program_edit", args=["nm-hub", "hep-c"])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["title"] == "Hepatitis C ECHO"

    response = client.post(url, dict(PROGRAM_POST, title="Hepatitis C ECHO 2027"))

    assert response.status_code == 302
    program = Program.objects.get(slug="hep-c")
    assert program.title == "Hepatitis C ECHO 2027"
    assert program.credit_types == ["ama_pra_1", "acpe"]


@pytest.mark.parametrize("role", ["facilitator", "participant", "other_hub_admin"])
def test_program_edit_refused_changes_nothing(world, as_role, role):
    response = as_role(role).post(
        reverse("console:program_edit", args=["nm-hub", "hep-c"]),
        dict(PROGRAM_POST, title="Hijacked"),
    )

    assert response.status_code == 404
    assert Program.objects.get(slug="hep-c").title == "Hepatitis C ECHO"


def _curriculum_post(rows: list[dict]) -> dict:
    data = {
        "topics-TOTAL_FORMS": str(len(rows)),
        "topics-INITIAL_FORMS": "0",
        "topics-MIN_NUM_FORMS": "0",
        "topics-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"topics-{index}-{key}"] = value
    return data


def test_curriculum_saves_in_order_with_presenters(world, as_role):
    facilitator = world.users["facilitator"]
    data = _curriculum_post(
        [
            {"title": "Treatment", "presenter": str(facilitator.pk), "ORDER": "2"},
            {"title": "Screening", "presenter_name": "Dr Guest", "ORDER": "1"},
            {"title": "", "ORDER": ""},
        ]
    )

    response = as_role("hub_admin").post(
        reverse("console:curriculum", args=["nm-hub", "hep-c"]), data
    )

    assert response.status_code == 302
    topics = list(CurriculumTopic.objects.filter(program=world.program).order_by("position"))
    assert [(t.position, t.title, t.presenter, t.presenter_name) for t in topics] == [
        (1, "Screening", None, "Dr Guest"),
        (2, "Treatment", facilitator, ""),
    ]


def test_curriculum_offers_only_the_hub_team_as_presenters(world, as_role):
    response = as_role("hub_admin").get(reverse("console:curriculum", args=["nm-hub", "hep-c"]))

    assert response.status_code == 200
    choices = response.context["formset"].forms[0].fields["presenter"].queryset
    assert sorted(u.email for u in choices) == ["admin@example.org", "facilitator@example.org"]


def test_curriculum_rejects_presenter_and_guest_together(world, as_role):
    data = _curriculum_post(
        [
            {
                "title": "Treatment",
                "presenter": str(world.users["facilitator"].pk),
                "presenter_name": "Dr Guest",
            }
        ]
    )

    response = as_role("hub_admin").post(
        reverse("console:curriculum", args=["nm-hub", "hep-c"]), data
    )

    assert response.status_code == 400
    assert "not both" in response.content.decode()
    assert 'value="Dr Guest"' in response.content.decode()
    assert not CurriculumTopic.objects.filter(program=world.program).exists()


def test_curriculum_rejects_presenter_from_another_hub(world, as_role):
    data = _curriculum_post(
        [{"title": "Treatment", "presenter": str(world.users["other_hub_admin"].pk)}]
    )

    response = as_role("hub_admin").post(
        reverse("console:curriculum", args=["nm-hub", "hep-c"]), data
    )

    assert response.status_code == 400
    assert not CurriculumTopic.objects.filter(program=world.program).exists()


def test_curriculum_refused_for_facilitator(world, as_role):
    response = as_role("facilitator").post(
        reverse("console:curriculum", args=["nm-hub", "hep-c"]),
        _curriculum_post([{"title": "Treatment"}]),
    )

    assert response.status_code == 404
    assert not CurriculumTopic.objects.exists()


def test_cohort_create(world, as_role):
    response = as_role("hub_admin").post(
        reverse("console:cohort_create", args=["nm-hub", "hep-c"]),
        {
            "name": "Thursday cohort",
            "language": "es",
            "timezone": "America/Phoenix",
            "capacity": "40",
            "waitlist_enabled": "",
        },
    )

    cohort = Cohort.objects.get(name="Thursday cohort")
    assert response.status_code == 302
    assert response["Location"] == reverse("console:schedule", args=["nm-hub", cohort.pk])
    assert (cohort.program, cohort.language, cohort.timezone, cohort.capacity) == (
        world.program,
        "es",
        "America/Phoenix",
        40,
    )
    assert cohort.waitlist_enabled is False


def test_cohort_create_defaults_to_hub_zone(world, as_role):
    response = as_role("hub_admin").get(reverse("console:cohort_create", args=["nm-hub", "hep-c"]))

    assert response.status_code == 200
    assert 'value="America/Denver"' in response.content.decode()


def test_cohort_create_rejects_unknown_zone(world, as_role):
    before = Cohort.objects.count()

    response = as_role("hub_admin").post(
        reverse("console:cohort_create", args=["nm-hub", "hep-c"]),
        {"name": "Late cohort", "language": "en", "timezone": "Europe/Atlantis"},
    )

    assert response.status_code == 400
    assert "Europe/Atlantis" in response.context["form"].errors["timezone"][0]
    assert 'value="Late cohort"' in response.content.decode()
    assert Cohort.objects.count() == before


def test_cohort_edit(world, as_role):
    response = as_role("hub_admin").post(
        reverse("console:cohort_edit", args=["nm-hub", world.cohort.pk]),
        {"name": "Tuesday cohort", "language": "en", "timezone": "America/Chicago", "capacity": ""},
    )

    assert response.status_code == 302
    world.cohort.refresh_from_db()
    assert (world.cohort.timezone, world.cohort.capacity) == ("America/Chicago", None)


@pytest.mark.parametrize("role", ["facilitator", "participant", "other_hub_admin"])
def test_cohort_edit_refused(world, as_role, role):
    response = as_role(role).post(
        reverse("console:cohort_edit", args=["nm-hub", world.cohort.pk]),
        {"name": "Hijacked", "language": "en", "timezone": "UTC"},
    )

    assert response.status_code == 404
    world.cohort.refresh_from_db()
    assert world.cohort.name == "Tuesday cohort"


def test_cohort_of_another_hub_is_404_under_own_hub(world, as_role):
    other_cohort = world.cohort
    response = as_role("other_hub_admin").get(
        reverse("console:cohort_edit", args=["other-hub", other_cohort.pk])
    )

    assert response.status_code == 404
