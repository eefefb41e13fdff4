"""Schedule editor, live preview and the sessions list in the console."""

import datetime as dt

import pytest
from django.urls import reverse

from allteach.meetings.models import Session
from allteach.programs.models import Schedule, ScheduleOverride
from tests import factories

pytestmark = pytest.mark.django_db

WEEKLY = {
    "frequency": "weekly",
    "interval": "1",
    "weekdays": ["1"],
    "monthly_mode": "day",
    "start_date": "2027-01-05",
    "time_of_day": "12:00",
    "duration_minutes": "60",
    "timezone": "America/Denver",
    "end_date": "",
    "count": "10",
    "skipped_dates": "",
}


@pytest.fixture
def cohort(world):
    """A cohort of the world's program without sessions yet."""
    return factories.CohortFactory(program=world.program, name="Wednesday cohort")


def _url(name, cohort):
    return reverse(f"console:{name}", args=["nm-hub", cohort.pk])


def test_schedule_page_renders_with_cohort_zone(world, as_role, cohort):
    response = as_role("hub_admin").get(_url("schedule", cohort))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="America/Denver"' in html
    assert f'hx-post="{_url("schedule_preview", cohort)}"' in html
    assert "<legend>On these weekdays (weekly)</legend>" in html


def test_schedule_save_creates_sessions(world, as_role, cohort):
    response = as_role("hub_admin").post(_url("schedule", cohort), WEEKLY)

    assert response.status_code == 302
    assert response["Location"] == _url("sessions", cohort)
    sessions = list(Session.objects.filter(cohort=cohort).order_by("starts_at"))
    assert len(sessions) == 10
    assert sessions[0].starts_at == dt.datetime(2027, 1, 5, 19, 0, tzinfo=dt.UTC)
    assert sessions[-1].original_date == dt.date(2027, 3, 9)
    # After the DST change on 14 March the same 12:00 local would be 18:00 UTC.
    assert sessions[-1].starts_at == dt.datetime(2027, 3, 9, 19, 0, tzinfo=dt.UTC)
    schedule = Schedule.objects.get(cohort=cohort)
    assert (schedule.weekdays, schedule.count, schedule.timezone) == ([1], 10, "America/Denver")


def test_schedule_save_monthly_last_friday_with_skips(world, as_role, cohort):
    data = dict(
        WEEKLY,
        frequency="monthly",
        weekdays=["1"],  # left ticked from weekly; a monthly rule ignores it
        monthly_mode="weekday",
        month_day="15",
        month_week="-1",
        month_weekday="4",
        start_date="2027-01-01",
        count="6",
        skipped_dates="2027-02-26,\n2027-03-26",
    )

    response = as_role("hub_admin").post(_url("schedule", cohort), data)

    assert response.status_code == 302
    dates = list(
        Session.objects.filter(cohort=cohort)
        .order_by("starts_at")
        .values_list("original_date", flat=True)
    )
    assert dates == [
        dt.date(2027, 1, 29),
        dt.date(2027, 4, 30),
        dt.date(2027, 5, 28),
        dt.date(2027, 6, 25),
    ]
    schedule = Schedule.objects.get(cohort=cohort)
    assert (schedule.month_day, schedule.month_week, schedule.month_weekday) == (None, -1, 4)
    assert schedule.weekdays == []


@pytest.mark.parametrize(
    ("changes", "field", "message", "kept"),
    [
        (
            {"count": "", "end_date": "2026-12-01"},
            "end_date",
            "The end date is before the start date.",
            'value="2026-12-01"',
        ),
        (
            {"timezone": "America/Springfield"},
            "timezone",
            "Unknown time zone 'America/Springfield'",
            'value="America/Springfield"',
        ),
        (
            {
                "weekdays": ["6"],
                "start_date": "2027-03-07",
                "time_of_day": "02:30",
                "timezone": "America/New_York",
            },
            "time_of_day",
            "02:30 does not exist on 2027-03-14 in America/New_York",
            'value="02:30"',
        ),
        (
            {"skipped_dates": "2027-01-12\n2027-02-30"},
            "skipped_dates",
            "“2027-02-30” is not a date",
            "2027-01-12\n2027-02-30</textarea>",
        ),
        (
            {"interval": "4"},
            "interval",
            "Repeat every 1 to 3 weeks.",
            'value="4"',
        ),
    ],
    ids=["end-before-start", "unknown-zone", "dst-gap", "bad-skipped-date", "interval"],
)
def test_invalid_schedule_keeps_input_and_saves_nothing(
    world, as_role, cohort, changes, field, message, kept
):
    response = as_role("hub_admin").post(_url("schedule", cohort), dict(WEEKLY, **changes))

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    html = response.content.decode()
    assert kept in html
    assert f'id="id_{field}_errors"' in html
    assert not Schedule.objects.filter(cohort=cohort).exists()
    assert not Session.objects.filter(cohort=cohort).exists()


def test_invalid_schedule_edit_leaves_existing_schedule(world, as_role, cohort):
    client = as_role("hub_admin")
    client.post(_url("schedule", cohort), WEEKLY)
    before = list(Session.objects.filter(cohort=cohort).values_list("pk", "starts_at"))

    response = client.post(_url("schedule", cohort), dict(WEEKLY, timezone="Nowhere/Land"))

    assert response.status_code == 400
    assert list(Session.objects.filter(cohort=cohort).values_list("pk", "starts_at")) == before
    assert Schedule.objects.get(cohort=cohort).timezone == "America/Denver"


def test_schedule_page_prefills_a_saved_schedule_with_preview(world, as_role, cohort):
    client = as_role("hub_admin")
    client.post(_url("schedule", cohort), dict(WEEKLY, skipped_dates="2027-01-12"))

    response = client.get(_url("schedule", cohort))

    assert response.status_code == 200
    assert response.context["preview"]["total"] == 9
    html = response.content.decode()
    assert "2027-01-12</textarea>" in html
    assert "Every week on Tuesday at 12:00 (America/Denver), 10 sessions, 1 of them skipped" in html


@pytest.mark.parametrize("role", ["facilitator", "participant", "other_hub_admin"])
def test_schedule_save_refused(world, as_role, cohort, role):
    response = as_role(role).post(_url("schedule", cohort), WEEKLY)

    assert response.status_code == 404
    assert not Schedule.objects.filter(cohort=cohort).exists()
    assert not Session.objects.filter(cohort=cohort).exists()


def test_preview_describes_and_lists_first_ten(world, as_role, cohort):
    response = as_role("hub_admin").post(
        _url("schedule_preview", cohort), dict(WEEKLY, count="12"), HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Every week on Tuesday at 12:00 (America/Denver), 12 sessions" in html
    assert "12 sessions in all." in html
    assert html.count("<li><time") == 10
    assert '<time datetime="2027-01-05T12:00:00-07:00">Tue 5 Jan 2027, 12:00 MST</time>' in html
    assert "<html" not in html
    assert not Schedule.objects.filter(cohort=cohort).exists()


def test_preview_shows_zone_of_the_schedule_not_the_visitor(world, as_role, cohort):
    world.users["hub_admin"].timezone = "Asia/Tokyo"
    world.users["hub_admin"].save()

    response = as_role("hub_admin").post(
        _url("schedule_preview", cohort), dict(WEEKLY, timezone="America/New_York")
    )

    assert "Tue 5 Jan 2027, 12:00 EST" in response.content.decode()


def test_preview_errors_go_to_their_fields_out_of_band(world, as_role, cohort):
    response = as_role("hub_admin").post(
        _url("schedule_preview", cohort), dict(WEEKLY, timezone="Mars/Base")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        'id="id_timezone_errors" class="field-errors" hx-swap-oob="true"><ul class="errorlist"><li>Unknown time zone'
        in html
    )
    assert '<div id="id_start_date_errors" class="field-errors" hx-swap-oob="true"></div>' in html
    assert "Correct the highlighted fields" in html
    assert not Schedule.objects.filter(cohort=cohort).exists()


def test_preview_refused_for_facilitator(world, as_role, cohort):
    response = as_role("facilitator").post(_url("schedule_preview", cohort), WEEKLY)

    assert response.status_code == 404


# --- sessions ----------------------------------------------------------------------


@pytest.fixture
def scheduled(world, as_role, cohort):
    """The cohort with the weekly Tuesday rule saved; returns its first session."""
    as_role("hub_admin").post(_url("schedule", cohort), WEEKLY)
    return Session.objects.filter(cohort=cohort).order_by("starts_at").first()


def test_sessions_page_lists_upcoming_in_schedule_zone(world, as_role, cohort, scheduled):
    response = as_role("hub_admin").get(_url("sessions", cohort))

    assert response.status_code == 200
    # The brief's dates are in 2027; count both lists so the test outlives them.
    assert len(response.context["upcoming"]) + len(response.context["past"]) == 10
    html = response.content.decode()
    assert "Tue 5 Jan 2027, 12:00 MST" in html
    assert 'value="2027-01-05T12:00"' in html
    assert reverse("console:session_cancel", args=["nm-hub", scheduled.pk]) in html


def test_sessions_page_splits_past(world, as_role, cohort):
    factories.SessionFactory(
        cohort=cohort,
        original_date=dt.date(2020, 1, 7),
        starts_at=dt.datetime(2020, 1, 7, 19, tzinfo=dt.UTC),
        ends_at=dt.datetime(2020, 1, 7, 20, tzinfo=dt.UTC),
    )

    response = as_role("hub_admin").get(_url("sessions", cohort))

    assert [s.original_date for s in response.context["past"]] == [dt.date(2020, 1, 7)]
    assert response.context["upcoming"] == []


def test_session_move(world, as_role, cohort, scheduled):
    response = as_role("hub_admin").post(
        reverse("console:session_move", args=["nm-hub", scheduled.pk]),
        {"new_start_local": "2027-01-06T09:30", "new_duration_minutes": "90"},
    )

    assert response.status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.status == "moved"
    assert scheduled.starts_at == dt.datetime(2027, 1, 6, 16, 30, tzinfo=dt.UTC)
    assert scheduled.duration_minutes == 90
    assert Session.objects.filter(cohort=cohort).count() == 10


def test_session_move_into_dst_gap_is_rejected(world, as_role, cohort, scheduled):
    response = as_role("hub_admin").post(
        reverse("console:session_move", args=["nm-hub", scheduled.pk]),
        {"new_start_local": "2027-03-14T02:30"},
    )

    assert response.status_code == 400
    assert "does not exist in America/Denver" in response.content.decode()
    assert 'value="2027-03-14T02:30"' in response.content.decode()
    assert not ScheduleOverride.objects.exists()


def test_session_move_needs_a_change(world, as_role, cohort, scheduled):
    response = as_role("hub_admin").post(
        reverse("console:session_move", args=["nm-hub", scheduled.pk]), {}
    )

    assert response.status_code == 400
    assert "Give a new start, a new duration, or both." in response.content.decode()


def test_session_cancel_and_restore(world, as_role, cohort, scheduled):
    client = as_role("hub_admin")

    response = client.post(reverse("console:session_cancel", args=["nm-hub", scheduled.pk]))
    assert response.status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.status == "cancelled"

    response = client.post(reverse("console:session_restore", args=["nm-hub", scheduled.pk]))
    assert response.status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.status == "scheduled"
    assert scheduled.starts_at == dt.datetime(2027, 1, 5, 19, 0, tzinfo=dt.UTC)
    assert not ScheduleOverride.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"), [("facilitator", 403), ("participant", 404), ("other_hub_admin", 404)]
)
@pytest.mark.parametrize("action", ["session_move", "session_cancel", "session_restore"])
def test_session_changes_refused(world, as_role, cohort, scheduled, role, status, action):
    before = (scheduled.starts_at, scheduled.status)

    response = as_role(role).post(
        reverse(f"console:{action}", args=["nm-hub", scheduled.pk]),
        {"new_start_local": "2027-01-06T09:30"},
    )

    assert response.status_code == status
    scheduled.refresh_from_db()
    assert (scheduled.starts_at, scheduled.status) == before
    assert not ScheduleOverride.objects.exists()


@pytest.mark.parametrize("role", ["facilitator", "participant", "other_hub_admin"])
def test_sessions_page_refused(world, as_role, cohort, role):
    assert as_role(role).get(_url("sessions", cohort)).status_code == 404
