"""`allteach demo`: a complete, idempotent demo world whose logins work."""

import io
import random
from collections import Counter
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone

from allteach.accounts.models import User
from allteach.accounts.validators import npi_is_valid
from allteach.demo import builder, data
from allteach.hubs.models import Hub, HubMembership
from allteach.meetings.models import AgendaItem, Session, SessionStatus
from allteach.programs.models import Cohort, Program, Registration, Schedule
from tests import factories

pytestmark = pytest.mark.django_db

COORDINATOR = "coordinator@demo.allteach.org"


def run_demo(*args) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def model_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def schedule_state() -> list[tuple]:
    return list(
        Schedule.objects.order_by("pk").values_list("pk", "start_date", "sequence", "skipped_dates")
    )


def test_demo_run_twice_creates_the_world_once():
    run_demo()
    first, schedules = model_counts(), schedule_state()

    run_demo()

    assert model_counts() == first
    assert schedule_state() == schedules
    assert first["hubs.Superhub"] == 1
    assert first["hubs.Hub"] == 2
    assert first["programs.Program"] == 4
    assert first["programs.Cohort"] == 6
    assert first["programs.Schedule"] == 6
    participants = User.objects.filter(registrations__isnull=False).distinct().count()
    assert participants >= builder.PARTICIPANT_COUNT
    now = timezone.now()
    assert Session.objects.filter(starts_at__lt=now).exists()
    assert Session.objects.filter(starts_at__gte=now).exists()
    statuses = Counter(Registration.objects.values_list("status", flat=True))
    assert statuses["approved"] > statuses["pending"] > 0
    assert statuses["waitlisted"] > 0


def test_demo_rerun_weeks_later_keeps_the_schedule_anchor():
    today = timezone.localdate()
    world = builder.build_demo(today=today)
    counts, schedules = model_counts(), schedule_state()

    later = builder.build_demo(today=today + timedelta(days=45))

    assert later.anchor == world.anchor
    assert world.anchor.weekday() == 0
    assert today - timedelta(weeks=27) < world.anchor <= today - timedelta(weeks=26)
    assert model_counts() == counts
    assert schedule_state() == schedules


def test_demo_logins_authenticate_with_the_shared_password():
    output = run_demo()

    assert builder.DEMO_PASSWORD in output
    for email in builder.LOGIN_EMAILS:
        assert email in output
        user = authenticate(None, username=email, password=builder.DEMO_PASSWORD)
        assert user is not None, email
        assert EmailAddress.objects.filter(user=user, email=email, verified=True, primary=True)
    admin = User.objects.get(email="admin@demo.allteach.org")
    assert admin.is_superuser and admin.is_staff
    assert admin.superhub_links.get().superhub.name == "ECHO Superhub"
    unm = Hub.objects.get(slug="unm-project-echo")
    assert set(
        HubMembership.objects.filter(hub=unm, user__email=COORDINATOR).values_list(
            "role", flat=True
        )
    ) == {"admin", "coordinator"}
    assert HubMembership.objects.filter(
        hub=unm, user__email="facilitator@demo.allteach.org", role="facilitator"
    ).exists()


def test_demo_generated_participants_cannot_sign_in():
    run_demo()
    generated = User.objects.exclude(email__endswith="@demo.allteach.org")

    assert generated.count() == builder.PARTICIPANT_COUNT
    assert not any(user.has_usable_password() for user in generated)
    assert all(user.email.rsplit("@", 1)[1] in data.PARTICIPANT_DOMAINS for user in generated)


def test_demo_participant_login_is_in_two_programs():
    run_demo()

    registrations = Registration.objects.filter(user__email="participant@demo.allteach.org")

    assert sorted(registrations.values_list("cohort__program__slug", "status")) == [
        ("hepatitis-c-echo", "approved"),
        ("opioid-use-disorder-echo", "approved"),
    ]
    assert (
        Registration.objects.get(
            user__email="pharmacist@demo.allteach.org",
            cohort__program__slug="opioid-use-disorder-echo",
        ).status
        == "pending"
    )
    assert Registration.objects.get(user__email="teacher@demo.allteach.org").status == "waitlisted"


def test_demo_full_cohort_has_exactly_its_capacity_approved():
    run_demo()
    cohort = Cohort.objects.get(name="Educators cohort")

    statuses = Counter(cohort.registrations.values_list("status", flat=True))

    assert cohort.capacity == 20
    assert statuses["approved"] == 20
    assert statuses["waitlisted"] > 0


def test_demo_private_program_records_who_decided():
    run_demo()
    oud = Program.objects.get(slug="opioid-use-disorder-echo")
    registrations = Registration.objects.filter(cohort__program=oud)

    assert oud.enrolment == "private"
    assert "acpe" in oud.credit_types
    assert registrations.filter(status="pending").exists()
    decided = registrations.filter(status__in=["approved", "declined"])
    assert decided.exists()
    assert set(decided.values_list("decided_by__email", flat=True)) == {COORDINATOR}
    assert not registrations.filter(status="pending", decided_by__isnull=False).exists()


def test_demo_one_registration_per_person_and_program():
    run_demo()

    pairs = Counter(Registration.objects.values_list("user_id", "cohort__program_id"))

    assert max(pairs.values()) == 1


def test_demo_schedules_have_a_skipped_holiday_a_moved_session_and_agendas():
    run_demo()
    tuesday = Cohort.objects.get(program__slug="hepatitis-c-echo", name="Tuesday cohort")

    skipped = tuesday.schedule.skipped_dates
    moved = Session.objects.get(status=SessionStatus.MOVED)

    assert len(skipped) == 1
    assert skipped[0][5:] in {f"12-{day}" for day in range(22, 29)} | {
        f"07-0{day}" for day in range(1, 8)
    }
    assert not tuesday.sessions.filter(original_date=skipped[0]).exists()
    assert moved.cohort == tuesday
    local = moved.starts_at.astimezone(ZoneInfo("America/Denver"))
    assert (local.date() - moved.original_date).days == 1
    assert (local.weekday(), local.hour, local.minute) == (2, 12, 0)
    sessions = tuesday.sessions.count()
    assert sessions == 51  # 52 Tuesdays in the year, one skipped
    assert AgendaItem.objects.filter(session__cohort=tuesday).count() == 3 * sessions
    assert Session.objects.filter(didactic__isnull=True).count() == 0


def test_demo_cohorts_span_languages_time_zones_and_rules():
    run_demo()

    cohorts = Cohort.objects.all()
    schedules = Schedule.objects.all()

    assert cohorts.filter(language="es").count() == 1
    assert len(set(cohorts.values_list("timezone", flat=True))) >= 3
    assert {(s.frequency, s.interval) for s in schedules} >= {
        ("weekly", 1),
        ("weekly", 2),
        ("monthly", 1),
    }
    assert schedules.filter(month_week=2, month_weekday=3).exists()  # 2nd Thursday
    for program in Program.objects.all():
        assert 8 <= program.curriculum.count() <= 12
        presenters = program.curriculum.values_list("presenter__hub_memberships__hub", flat=True)
        assert set(presenters) >= {program.hub_id}
        assert program.status == "open"


def test_demo_profiles_are_valid_and_mostly_in_new_mexico():
    run_demo()
    generated = list(User.objects.exclude(email__endswith="@demo.allteach.org"))
    known_zips = {place[0] for place in data.NM_ZIPS + data.OTHER_ZIPS}

    for user in generated:
        user.full_clean()
    with_npi = [user.npi for user in User.objects.exclude(npi="")]
    states = Counter(user.state for user in generated)
    professions = Counter(user.profession for user in generated)

    assert all(npi_is_valid(npi) for npi in with_npi)
    assert len(with_npi) >= 50
    assert all(user.practice_zip in known_zips for user in generated)
    assert states["NM"] >= 0.75 * len(generated)
    assert professions.most_common(1)[0][0] == "physician"
    assert {"educator", "chw", "pharmacist", "behavioural_health"} <= set(professions)
    assert len({user.name for user in generated}) >= 180


def test_npi_check_digit_matches_the_validator():
    rng = random.Random(1)
    for _ in range(200):
        first_nine = "1" + "".join(str(rng.randrange(10)) for _ in range(8))
        assert npi_is_valid(first_nine + builder.npi_check_digit(first_nine))
    assert builder.npi_check_digit("123456789") == "3"  # CMS's published example 1234567893


def test_demo_participant_plan_is_the_same_every_time():
    first = builder.participant_specs(random.Random(builder.SEED))
    second = builder.participant_specs(random.Random(builder.SEED))

    assert first == second
    assert len({spec["email"] for spec in first}) == builder.PARTICIPANT_COUNT


def test_demo_if_empty_leaves_a_database_with_hubs_alone():
    factories.HubFactory(slug="someone-elses-hub")
    before = model_counts()

    output = run_demo("--if-empty")

    assert model_counts() == before
    assert "not loaded" in output


def test_demo_if_empty_loads_an_empty_database():
    run_demo("--if-empty")

    assert Hub.objects.count() == 2


def test_demo_print_logins_lists_the_coordinator_only_when_loaded():
    assert COORDINATOR not in run_demo("--print-logins")
    run_demo("-v0")

    output = run_demo("--print-logins")

    assert COORDINATOR in output
    assert builder.DEMO_PASSWORD in output
    assert "Demo data ready" not in output  # logins only, no summary
