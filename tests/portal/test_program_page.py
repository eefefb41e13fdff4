"""The program page (schedule sentence, faculty, credit) and the cohort iCalendar feed."""

import datetime as dt

from allteach.meetings.models import Session
from allteach.meetings.services import occurrence_change, schedule_set


def _schedule(world):
    return schedule_set(
        actor=world.users["hub_admin"],
        cohort=world.cohort,
        data={
            "frequency": "weekly",
            "weekdays": [1],
            "start_date": dt.date(2027, 1, 5),
            "time_of_day": dt.time(12, 0),
            "duration_minutes": 60,
            "timezone": "America/Denver",
            "count": 5,
            "skipped_dates": [dt.date(2027, 1, 12)],
        },
    )


def test_program_page_says_when_the_cohort_meets(client, world):
    _schedule(world)
    html = client.get("/programs/hep-c/").content.decode()
    assert "Every week on Tuesday at 12:00 (America/Denver)" in html
    assert f"/cohorts/{world.cohort.pk}/calendar.ics" in html


def test_calendar_feed_has_rule_exdate_and_moved_occurrence(client, world):
    _schedule(world)
    session = Session.objects.get(cohort=world.cohort, original_date=dt.date(2027, 1, 19))
    occurrence_change(
        actor=world.users["hub_admin"],
        session=session,
        new_start_local=dt.datetime(2027, 1, 20, 12, 0),
    )
    response = client.get(f"/cohorts/{world.cohort.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;WKST=MO;COUNT=5" in text
    assert "EXDATE;TZID=America/Denver:20270112T120000" in text
    assert "RECURRENCE-ID;TZID=America/Denver:20270119T120000" in text
    assert "DTSTART;TZID=America/Denver:20270120T120000" in text
    assert "SEQUENCE:1" in text


def test_calendar_of_a_draft_program_is_404_for_visitors(client, world):
    from tests import factories

    cohort = factories.CohortFactory(program=world.draft_program)
    assert client.get(f"/cohorts/{cohort.pk}/calendar.ics").status_code == 404


def test_program_page_lists_faculty_and_credit(client, world):
    from tests import factories

    expert = factories.UserFactory(name="Rebecca Lindqvist, MD", specialty="Hepatology")
    factories.MembershipFactory(hub=world.hub, user=expert, role="expert")
    world.program.credit_types = ["ama_pra_1", "ancc"]
    world.program.credit_hours_per_session = 1
    world.program.save()
    html = client.get("/programs/hep-c/").content.decode()
    assert "Rebecca Lindqvist, MD" in html and "Hepatology" in html
    assert "AMA PRA Category 1 Credit™" in html and "ANCC nursing contact hours" in html
