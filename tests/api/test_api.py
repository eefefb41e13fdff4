"""The JSON API end to end: auth, schema, programs, cohorts, schedules, sessions, registrations."""

import datetime as dt
import re

from allteach.accounts import services as account_services
from allteach.core.models import AuditEvent
from allteach.meetings.models import Session
from allteach.programs.models import Invitation, Program, Registration
from tests import factories

TUESDAYS_NOON_DENVER = {
    "frequency": "weekly",
    "weekdays": [1],
    "start_date": "2030-01-01",
    "time_of_day": "12:00",
    "duration_minutes": 60,
    "timezone": "America/Denver",
    "count": 5,
}


# --- authentication -------------------------------------------------------------------


def test_me_with_bearer_token_answers_200(world, api_as):
    response = api_as("participant").get("/me")

    assert response.status_code == 200
    assert response.json()["email"] == "participant@example.org"
    assert response.json()["timezone"] == "America/Denver"


def test_me_with_revoked_token_answers_401(world):
    from tests.api.conftest import ApiClient

    user = world.users["participant"]
    token, raw = account_services.api_token_issue(actor=user, name="script")
    account_services.api_token_revoke(actor=user, token=token)

    response = ApiClient(raw).get("/me")

    assert response.status_code == 401
    assert response.json() == {"message": "Sign in or send an API token.", "errors": {}}


def test_me_with_garbage_token_answers_401(world):
    from tests.api.conftest import ApiClient

    response = ApiClient("at_not-a-real-token").get("/me")

    assert response.status_code == 401


def test_me_anonymous_answers_401(anon_api):
    assert anon_api.get("/me").status_code == 401


def test_token_issue_and_revoke_are_audited(world):
    user = world.users["participant"]
    token, raw = account_services.api_token_issue(actor=user, name="script")
    account_services.api_token_revoke(actor=user, token=token)

    verbs = list(
        AuditEvent.objects.filter(object_id=str(token.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["api_token.issue", "api_token.revoke"]
    assert raw.startswith("at_") and token.key_hash != raw


def test_me_patch_rejects_bad_time_zone_with_field_error(world, api_as):
    response = api_as("participant").patch("/me", {"timezone": "Mars/Olympus"})

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"message", "errors"}
    assert "timezone" in body["errors"]
    world.users["participant"].refresh_from_db()
    assert world.users["participant"].timezone == "America/Denver"


# --- schema and docs ------------------------------------------------------------------


def test_openapi_schema_lists_the_resources(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for expected in (
        "/api/programs",
        "/api/programs/{slug}/cohorts",
        "/api/cohorts/{cohort_id}/sessions",
        "/api/cohorts/{cohort_id}/schedule",
        "/api/sessions/{session_id}",
        "/api/registrations",
        "/api/cohorts/{cohort_id}/registrations",
    ):
        assert expected in paths


def test_api_docs_load_without_any_cdn(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    html = response.content.decode()
    external = re.findall(r"""(?:src|href)=["'](https?:)?//[^"']+""", html)
    assert external == [], f"the docs page loads from another host: {external}"
    for cdn in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs", "googleapis"):
        assert cdn not in html
    assert 'src="/static/ninja/swagger-ui-bundle.js"' in html


# --- programs -------------------------------------------------------------------------


def test_program_create_by_hub_admin(world, api_as):
    response = api_as("hub_admin").post(
        "/programs",
        {
            "hub": "nm-hub",
            "title": "Epilepsy ECHO",
            "summary": "Seizure care in primary care.",
            "topics": ["Epilepsy"],
            "professions": ["nurse"],
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert body["slug"] == "epilepsy-echo"
    assert body["status"] == "draft"
    assert body["hub"] == "nm-hub"
    assert body["topics"] == ["Epilepsy"]
    assert AuditEvent.objects.filter(verb="program.create", object_id=str(body["id"])).count() == 1


def test_program_create_in_other_hub_answers_404_and_creates_nothing(world, api_as):
    count = Program.objects.count()

    response = api_as("other_hub_admin").post(
        "/programs", {"hub": "nm-hub", "title": "Intruder", "summary": "x"}
    )

    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "errors": {}}
    assert Program.objects.count() == count


def test_program_patch_changes_fields(world, api_as):
    response = api_as("hub_admin").patch(
        "/programs/hep-c", {"title": "Hepatitis C ECHO (2027)", "topics": ["Hepatology"]}
    )

    assert response.status_code == 200
    world.program.refresh_from_db()
    assert world.program.title == "Hepatitis C ECHO (2027)"
    assert response.json()["topics"] == ["Hepatology"]


def test_program_patch_rejects_unknown_status_with_field_error(world, api_as):
    response = api_as("hub_admin").patch("/programs/hep-c", {"status": "exploded"})

    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def test_program_list_filters(world, anon_api):
    es = factories.ProgramFactory(
        hub=world.hub, slug="diabetes-es", title="Diabetes ECHO", language="es"
    )
    es.topics.set([factories_topic("Diabetes")])
    factories.ProgramFactory(
        hub=world.hub, slug="pharm", title="Pharmacy ECHO", professions=["pharmacist"]
    )

    def slugs(query=""):
        response = anon_api.get(f"/programs{query}")
        assert response.status_code == 200
        return sorted(p["slug"] for p in response.json())

    everyone = slugs()
    assert "draft-program" not in everyone
    assert {"hep-c", "diabetes-es", "pharm", "private-program"} <= set(everyone)
    assert slugs("?language=es") == ["diabetes-es"]
    assert slugs("?topic=diabetes") == ["diabetes-es"]
    assert slugs("?q=Diabetes") == ["diabetes-es"]
    assert slugs("?profession=pharmacist") == ["pharm"]


def factories_topic(name):
    from allteach.programs.models import Topic

    return Topic.objects.create(name=name, slug=name.lower())


def test_unknown_program_and_other_hubs_program_answer_identically(world, api_as):
    factories.ProgramFactory(hub=world.other_hub, slug="their-program")
    api = api_as("hub_admin")

    missing = api.patch("/programs/no-such-program", {"title": "x"})
    theirs = api.patch("/programs/their-program", {"title": "x"})

    assert missing.status_code == theirs.status_code == 404
    assert missing.json() == theirs.json() == {"message": "Not found.", "errors": {}}


def test_draft_program_is_404_for_public_and_visible_to_team(world, anon_api, api_as):
    assert anon_api.get("/programs/draft-program").status_code == 404
    assert api_as("other_hub_admin").get("/programs/draft-program").status_code == 404
    assert api_as("facilitator").get("/programs/draft-program").status_code == 200


# --- cohorts, schedules and sessions --------------------------------------------------


def test_cohort_create_defaults_to_hub_zone(world, api_as):
    response = api_as("hub_admin").post(
        "/programs/hep-c/cohorts", {"name": "Spanish cohort", "language": "es"}
    )

    assert response.status_code == 201
    assert response.json() == {
        "id": response.json()["id"],
        "program": "hep-c",
        "name": "Spanish cohort",
        "language": "es",
        "timezone": "America/Denver",
        "capacity": None,
        "waitlist_enabled": True,
    }


def test_cohort_create_rejects_bad_time_zone(world, api_as):
    response = api_as("hub_admin").post(
        "/programs/hep-c/cohorts", {"name": "X", "timezone": "Nowhere/Land"}
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["timezone"]
    assert response.json()["message"]


def test_schedule_put_creates_sessions_in_utc(world, api_as):
    cohort = factories.CohortFactory(program=world.program)

    response = api_as("hub_admin").put(f"/cohorts/{cohort.pk}/schedule", TUESDAYS_NOON_DENVER)

    assert response.status_code == 200
    assert response.json()["sequence"] == 0
    assert response.json()["description"]
    sessions = list(Session.objects.filter(cohort=cohort).order_by("starts_at"))
    assert len(sessions) == 5
    assert sessions[0].starts_at == dt.datetime(2030, 1, 1, 19, 0, tzinfo=dt.UTC)
    assert sessions[-1].starts_at == dt.datetime(2030, 1, 29, 19, 0, tzinfo=dt.UTC)
    assert all(s.duration_minutes == 60 for s in sessions)

    listed = api_as("participant").get(f"/cohorts/{cohort.pk}/sessions")
    assert [s["starts_at"] for s in listed.json()][:2] == [
        "2030-01-01T19:00:00Z",
        "2030-01-08T19:00:00Z",
    ]


def test_schedule_get_returns_the_rule(world, api_as):
    cohort = factories.CohortFactory(program=world.program)
    api = api_as("hub_admin")
    api.put(f"/cohorts/{cohort.pk}/schedule", TUESDAYS_NOON_DENVER)

    response = api.get(f"/cohorts/{cohort.pk}/schedule")

    assert response.status_code == 200
    assert response.json()["weekdays"] == [1]
    assert response.json()["time_of_day"] == "12:00:00"
    assert response.json()["count"] == 5


def test_schedule_put_rejects_end_before_start(world, api_as):
    cohort = factories.CohortFactory(program=world.program)
    data = {**TUESDAYS_NOON_DENVER, "count": None, "end_date": "2029-12-01"}

    response = api_as("hub_admin").put(f"/cohorts/{cohort.pk}/schedule", data)

    assert response.status_code == 400
    assert "end_date" in response.json()["errors"]
    assert Session.objects.filter(cohort=cohort).count() == 0


def test_schedule_put_rejects_bad_time_zone(world, api_as):
    cohort = factories.CohortFactory(program=world.program)

    response = api_as("hub_admin").put(
        f"/cohorts/{cohort.pk}/schedule", {**TUESDAYS_NOON_DENVER, "timezone": "Mars/Olympus"}
    )

    assert response.status_code == 400
    assert "timezone" in response.json()["errors"]


def test_schedule_preview_saves_nothing(world, api_as):
    sessions = Session.objects.count()

    response = api_as("participant").post("/schedules/preview?n=2", TUESDAYS_NOON_DENVER)

    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 5
    assert [o["start_utc"] for o in body["occurrences"]] == [
        "2030-01-01T19:00:00Z",
        "2030-01-08T19:00:00Z",
    ]
    assert Session.objects.count() == sessions


def test_session_move_and_cancel_touch_only_that_session(world, api_as):
    cohort = factories.CohortFactory(program=world.program)
    api = api_as("hub_admin")
    api.put(f"/cohorts/{cohort.pk}/schedule", TUESDAYS_NOON_DENVER)
    first, second, *rest = Session.objects.filter(cohort=cohort).order_by("starts_at")
    rest_before = [(s.pk, s.starts_at, s.status) for s in rest]

    moved = api.post(f"/sessions/{first.pk}/change", {"new_start_local": "2030-01-02T09:30:00"})
    cancelled = api.post(f"/sessions/{second.pk}/change", {"cancelled": True})

    assert moved.status_code == 200
    assert moved.json()["starts_at"] == "2030-01-02T16:30:00Z"
    assert moved.json()["status"] == "moved"
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    after = [
        (s.pk, s.starts_at, s.status)
        for s in Session.objects.filter(pk__in=[s.pk for s in rest]).order_by("starts_at")
    ]
    assert after == rest_before

    restored = api.post(f"/sessions/{first.pk}/restore")
    assert restored.json()["starts_at"] == "2030-01-01T19:00:00Z"
    assert restored.json()["status"] == "scheduled"


def test_session_change_without_a_change_is_400(world, api_as):
    cohort = factories.CohortFactory(program=world.program)
    api = api_as("hub_admin")
    api.put(f"/cohorts/{cohort.pk}/schedule", TUESDAYS_NOON_DENVER)
    session = Session.objects.filter(cohort=cohort).first()

    response = api.post(f"/sessions/{session.pk}/change", {})

    assert response.status_code == 400
    assert response.json()["message"] == "Choose a new time, a new length, or cancel the session."


# --- registrations and invitations ----------------------------------------------------


def test_register_public_program_is_approved(world, api_as):
    newcomer = factories.UserFactory()

    response = api_as(newcomer).post(f"/cohorts/{world.cohort.pk}/registrations")

    assert response.status_code == 201
    assert response.json()["status"] == "approved"
    assert response.json()["program"] == "hep-c"


def test_register_full_cohort_is_waitlisted(world, api_as):
    cohort = factories.CohortFactory(program=world.program, capacity=1)
    factories.RegistrationFactory(cohort=cohort)
    newcomer = factories.UserFactory()

    response = api_as(newcomer).post(f"/cohorts/{cohort.pk}/registrations")

    assert response.status_code == 201
    assert response.json()["status"] == "waitlisted"


def test_register_twice_is_400_with_message(world, api_as):
    response = api_as("participant").post(f"/cohorts/{world.cohort.pk}/registrations")

    assert response.status_code == 400
    assert response.json() == {
        "message": "You are already registered for this program.",
        "errors": {"non_field_errors": ["You are already registered for this program."]},
    }


def test_register_private_program_is_pending_then_approved_or_declined(world, api_as):
    cohort = factories.CohortFactory(program=world.private_program)
    first, second = factories.UserFactory(), factories.UserFactory()
    one = api_as(first).post(f"/cohorts/{cohort.pk}/registrations").json()
    two = api_as(second).post(f"/cohorts/{cohort.pk}/registrations").json()
    assert one["status"] == two["status"] == "pending"
    admin = api_as("hub_admin")

    approved = admin.post(f"/registrations/{one['id']}/approve")
    declined = admin.post(f"/registrations/{two['id']}/decline")

    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    again = admin.post(f"/registrations/{one['id']}/approve")
    assert again.status_code == 400
    assert again.json()["message"] == "This registration is registered, not awaiting a decision."


def test_participant_cannot_approve_their_own_pending_registration(world, api_as):
    cohort = factories.CohortFactory(program=world.private_program)
    user = factories.UserFactory()
    api = api_as(user)
    registration = api.post(f"/cohorts/{cohort.pk}/registrations").json()

    response = api.post(f"/registrations/{registration['id']}/approve")

    assert response.status_code == 403
    assert Registration.objects.get(pk=registration["id"]).status == "pending"


def test_leave_promotes_the_waitlist(world, api_as):
    cohort = factories.CohortFactory(program=world.program, capacity=1)
    holder, waiting = factories.UserFactory(), factories.UserFactory()
    holder_api = api_as(holder)
    place = holder_api.post(f"/cohorts/{cohort.pk}/registrations").json()
    queued = api_as(waiting).post(f"/cohorts/{cohort.pk}/registrations").json()
    assert (place["status"], queued["status"]) == ("approved", "waitlisted")

    response = holder_api.post(f"/registrations/{place['id']}/leave")

    assert response.status_code == 200
    assert response.json()["status"] == "left"
    assert Registration.objects.get(pk=queued["id"]).status == "approved"


def test_my_registrations_lists_only_my_active_ones(world, api_as):
    response = api_as("participant").get("/registrations")

    assert response.status_code == 200
    assert [(r["program"], r["status"]) for r in response.json()] == [("hep-c", "approved")]


def test_registrants_of_other_hub_answer_404(world, api_as):
    assert api_as("other_hub_admin").get("/programs/hep-c/registrations").status_code == 404
    assert api_as("hub_admin").get("/programs/hep-c/registrations").status_code == 200


def test_invitation_create_and_duplicate(world, api_as):
    api = api_as("hub_admin")
    cohort = factories.CohortFactory(program=world.private_program)

    created = api.post(f"/cohorts/{cohort.pk}/invitations", {"email": "Guest@Example.org"})
    already = api.post(
        f"/cohorts/{world.cohort.pk}/invitations", {"email": "participant@example.org"}
    )

    assert created.status_code == 201
    assert created.json()["email"] == "guest@example.org"
    assert Invitation.objects.filter(cohort=cohort, email="guest@example.org").count() == 1
    assert already.status_code == 400
    assert already.json()["errors"] == {
        "email": ["This person is already registered for the program."]
    }


def test_invitation_with_bad_email_is_a_field_error(world, api_as):
    response = api_as("hub_admin").post(
        f"/cohorts/{world.cohort.pk}/invitations", {"email": "not-an-email"}
    )

    assert response.status_code == 400
    assert "email" in response.json()["errors"]


def test_hub_team_add_by_admin_and_refused_to_coordinator(world, api_as):
    coordinator = factories.UserFactory()
    factories.MembershipFactory(hub=world.hub, user=coordinator, role="coordinator")

    added = api_as("hub_admin").post(
        "/hubs/nm-hub/team", {"email": "presenter@example.org", "role": "expert"}
    )
    refused = api_as(coordinator).post(
        "/hubs/nm-hub/team", {"email": "participant@example.org", "role": "expert"}
    )

    assert added.status_code == 201
    assert added.json()["role"] == "expert"
    assert refused.status_code == 403
    assert not world.hub.memberships.filter(user=world.users["participant"]).exists()


def test_schema_errors_are_json_with_field_names(world, api_as):
    response = api_as("hub_admin").post("/programs", {"hub": "nm-hub"})

    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "Some fields are invalid."
    assert {"title", "summary"} <= set(body["errors"])
