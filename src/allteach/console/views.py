"""Hub console pages: validate input, call one service, render.

Every lookup goes through a selector that filters by what the user may see, so
another hub's objects answer 404; services raise PermissionDenied (403) when the
object is visible but the action is not the user's to take.
"""

import csv
import zoneinfo
from datetime import datetime

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from allteach import recurrence
from allteach.accounts.models import Profession
from allteach.attendance import services as attendance_services
from allteach.console import forms
from allteach.core.access import access
from allteach.hubs import selectors as hub_selectors
from allteach.hubs import services as hub_services
from allteach.meetings import selectors as meeting_selectors
from allteach.meetings import services as meeting_services
from allteach.programs import selectors as program_selectors
from allteach.programs import services as program_services
from allteach.programs.models import RegistrationStatus, Schedule

REGISTRANTS_PER_PAGE = 100
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# --- lookups -----------------------------------------------------------------------


def _program(request, hub_slug: str, program_slug: str):
    """The managed hub and its program; a program of another hub answers 404."""
    hub = hub_selectors.hub_get_managed(user=request.user, slug=hub_slug)
    program = program_selectors.program_get_managed(user=request.user, slug=program_slug)
    if program.hub_id != hub.pk:
        raise Http404
    return hub, program


def _cohort(request, hub_slug: str, cohort_id: int):
    cohort = program_selectors.cohort_get_managed(user=request.user, cohort_id=cohort_id)
    if cohort.program.hub.slug != hub_slug:
        raise Http404
    return cohort


def _session(request, hub_slug: str, session_id: int):
    """A session of the hub; the team sees it (404 for others), only managers change it (403)."""
    session = meeting_selectors.session_get_for_team(user=request.user, session_id=session_id)
    if session.cohort.program.hub.slug != hub_slug:
        raise Http404
    _require_perm(request, "programs.change_program", session.cohort.program)
    return session


def _require_perm(request, perm: str, obj) -> None:
    """Refuse before judging the input, so a refused user never learns what a valid form is.

    The service checks again; this only keeps a coordinator's empty form from getting a 400.
    """
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _schedule_of(cohort) -> Schedule | None:
    return Schedule.objects.filter(cohort=cohort).first()


def _local_text(value: datetime) -> str:
    return f"{value:%a} {value.day} {value:%b %Y, %H:%M %Z}"


# --- hubs --------------------------------------------------------------------------


@access("authenticated")
@login_required
@require_GET
def index(request):
    """The hubs the user works on, with how many programs each runs."""
    hubs = (
        hub_selectors.hubs_on_team_of(request.user)
        .annotate(program_count=Count("programs", distinct=True))
        .order_by("name")
    )
    return render(request, "console/index.html", {"hubs": hubs})


def _hub_programs(hub):
    """The hub's programs with their counts, in one query whatever their number."""
    approved = Q(cohorts__registrations__status=RegistrationStatus.APPROVED)
    return hub.programs.annotate(
        cohort_count=Count("cohorts", distinct=True),
        registered_count=Count("cohorts__registrations", filter=approved, distinct=True),
        waitlist_count=Count(
            "cohorts__registrations",
            filter=Q(cohorts__registrations__status=RegistrationStatus.WAITLISTED),
            distinct=True,
        ),
        pending_count=Count(
            "cohorts__registrations",
            filter=Q(cohorts__registrations__status=RegistrationStatus.PENDING),
            distinct=True,
        ),
    ).order_by("title")


def _render_hub(request, hub, *, settings_form=None, status=200):
    can_manage = request.user.has_perm("hubs.manage_hub", hub)
    if can_manage and settings_form is None:
        settings_form = forms.HubSettingsForm(
            initial={
                "timezone": hub.timezone,
                "guest_visit_limit": hub.guest_visit_limit,
                "attendance_min_minutes": hub.attendance_min_minutes,
                "attendance_min_percent": hub.attendance_min_percent,
            }
        )
    return render(
        request,
        "console/hub.html",
        {
            "hub": hub,
            "programs": _hub_programs(hub),
            "can_manage": can_manage,
            "settings_form": settings_form if can_manage else None,
        },
        status=status,
    )


@access("team")
@login_required
@require_GET
def hub_home(request, hub_slug):
    """A hub's programs with their counts; managers also get the hub settings."""
    hub = hub_selectors.hub_get_for_team(user=request.user, slug=hub_slug)
    return _render_hub(request, hub)


@access("manager")
@login_required
@require_POST
def hub_settings(request, hub_slug):
    hub = hub_selectors.hub_get_managed(user=request.user, slug=hub_slug)
    form = forms.HubSettingsForm(request.POST)
    if form.is_valid():
        try:
            attendance_services.hub_settings_change(
                actor=request.user, hub=hub, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_error(error)
            hub.refresh_from_db()
        else:
            messages.success(request, "Hub settings saved.")
            return redirect("console:hub", hub_slug=hub.slug)
    return _render_hub(request, hub, settings_form=form, status=400)


# --- team --------------------------------------------------------------------------


def _render_team(request, hub, *, add_form=None, status=200):
    memberships = list(hub_selectors.hub_team(hub=hub))
    user_ids = {m.user_id for m in memberships}
    with_mfa = set(
        Authenticator.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True)
    )
    without_mfa = sorted(
        {m.user for m in memberships if m.user_id not in with_mfa}, key=lambda u: str(u).lower()
    )
    can_change = request.user.has_perm("hubs.change_team", hub)
    return render(
        request,
        "console/team.html",
        {
            "hub": hub,
            "memberships": memberships,
            "with_mfa": with_mfa,
            "without_mfa": without_mfa,
            "can_change": can_change,
            "add_form": (add_form or forms.MemberAddForm()) if can_change else None,
        },
        status=status,
    )


@access("manager")
@login_required
@require_GET
def team(request, hub_slug):
    """The hub's team and roles; hub admins add and remove people."""
    hub = hub_selectors.hub_get_managed(user=request.user, slug=hub_slug)
    return _render_team(request, hub)


@access("hub_admin")
@login_required
@require_POST
def team_add(request, hub_slug):
    hub = hub_selectors.hub_get_managed(user=request.user, slug=hub_slug)
    _require_perm(request, "hubs.change_team", hub)
    form = forms.MemberAddForm(request.POST)
    if form.is_valid():
        try:
            membership = hub_services.hub_member_add(
                actor=request.user, hub=hub, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{membership.user} is now {membership.get_role_display()}.")
            return redirect("console:team", hub_slug=hub.slug)
    return _render_team(request, hub, add_form=form, status=400)


@access("hub_admin")
@login_required
@require_POST
def team_remove(request, hub_slug, membership_id):
    hub = hub_selectors.hub_get_managed(user=request.user, slug=hub_slug)
    membership = get_object_or_404(hub_selectors.hub_team(hub=hub), pk=membership_id)
    try:
        hub_services.hub_member_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{membership.user} is no longer {membership.get_role_display()}."
        )
    return redirect("console:team", hub_slug=hub.slug)


# --- programs ----------------------------------------------------------------------


def _program_initial(program) -> dict:
    return {
        "title": program.title,
        "summary": program.summary,
        "audience": program.audience,
        "professions": program.professions,
        "topics": ", ".join(t.name for t in program.topics.all()),
        "language": program.language,
        "enrolment": program.enrolment,
        "status": program.status,
        "credit_types": program.credit_types,
        "credit_hours_per_session": program.credit_hours_per_session,
    }


@access("manager")
@login_required
@require_http_methods(["GET", "POST"])
def program_create(request, hub_slug):
    hub = hub_selectors.hub_get_managed(user=request.user, slug=hub_slug)
    form = forms.ProgramForm(
        request.POST or None, initial={"language": "en", "enrolment": "public", "status": "draft"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            program = program_services.program_create(
                actor=request.user,
                hub=hub,
                topics=form.cleaned_data["topics"],
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{program.title} created.")
            return redirect("console:program", hub_slug=hub.slug, program_slug=program.slug)
    return render(
        request,
        "console/program_form.html",
        {"hub": hub, "program": None, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@access("manager")
@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request, hub_slug, program_slug):
    hub, program = _program(request, hub_slug, program_slug)
    form = forms.ProgramForm(request.POST or None, initial=_program_initial(program))
    if request.method == "POST" and form.is_valid():
        try:
            program_services.program_update(
                actor=request.user,
                program=program,
                topics=form.cleaned_data["topics"],
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Program saved.")
            return redirect("console:program", hub_slug=hub.slug, program_slug=program.slug)
    return render(
        request,
        "console/program_form.html",
        {"hub": hub, "program": program, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@access("manager")
@login_required
@require_GET
def program(request, hub_slug, program_slug):
    """A program at a glance: its cohorts, schedules and curriculum."""
    hub, program = _program(request, hub_slug, program_slug)
    cohorts = list(
        program_selectors.program_cohorts(program=program).prefetch_related("schedule__overrides")
    )
    for cohort in cohorts:
        cohort.schedule_text = (
            recurrence.describe(meeting_services.schedule_from_model(cohort.schedule))
            if _has_schedule(cohort)
            else ""
        )
    return render(
        request,
        "console/program.html",
        {
            "hub": hub,
            "program": program,
            "cohorts": cohorts,
            "curriculum": program_selectors.program_curriculum(program=program),
        },
    )


def _has_schedule(cohort) -> bool:
    try:
        cohort.schedule  # noqa: B018 — the reverse one-to-one raises when missing
    except Schedule.DoesNotExist:
        return False
    return True


@access("manager")
@login_required
@require_http_methods(["GET", "POST"])
def curriculum(request, hub_slug, program_slug):
    """Edit the ordered didactic topics and who presents each."""
    hub, program = _program(request, hub_slug, program_slug)
    team_users = (
        get_user_model().objects.filter(hub_memberships__hub=hub).distinct().order_by("name")
    )
    initial = [
        {
            "title": topic.title,
            "presenter": topic.presenter_id,
            "presenter_name": topic.presenter_name,
            "ORDER": topic.position,
        }
        for topic in program_selectors.program_curriculum(program=program)
    ]
    formset = forms.CurriculumFormSet(
        request.POST or None, initial=initial, form_kwargs={"team": team_users}, prefix="topics"
    )
    if request.method == "POST" and formset.is_valid():
        items = [
            {
                "title": form.cleaned_data["title"],
                "presenter": form.cleaned_data.get("presenter"),
                "presenter_name": form.cleaned_data.get("presenter_name", ""),
            }
            for form in formset.ordered_forms
            if not form.cleaned_data.get("DELETE")
        ]
        try:
            program_services.curriculum_set(actor=request.user, program=program, topics=items)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, f"Curriculum saved: {len(items)} topics.")
            return redirect("console:curriculum", hub_slug=hub.slug, program_slug=program.slug)
    return render(
        request,
        "console/curriculum.html",
        {"hub": hub, "program": program, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )


# --- cohorts -----------------------------------------------------------------------


@access("manager")
@login_required
@require_http_methods(["GET", "POST"])
def cohort_create(request, hub_slug, program_slug):
    hub, program = _program(request, hub_slug, program_slug)
    form = forms.CohortForm(
        request.POST or None,
        initial={"language": program.language, "timezone": hub.timezone, "waitlist_enabled": True},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            cohort = program_services.cohort_create(
                actor=request.user,
                program=program,
                timezone_name=data.pop("timezone"),
                **data,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{cohort.name} created; now give it a schedule.")
            return redirect("console:schedule", hub_slug=hub.slug, cohort_id=cohort.pk)
    return render(
        request,
        "console/cohort_form.html",
        {"hub": hub, "program": program, "cohort": None, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@access("manager")
@login_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request, hub_slug, cohort_id):
    cohort = _cohort(request, hub_slug, cohort_id)
    program = cohort.program
    form = forms.CohortForm(
        request.POST or None,
        initial={
            "name": cohort.name,
            "language": cohort.language,
            "timezone": cohort.timezone,
            "capacity": cohort.capacity,
            "waitlist_enabled": cohort.waitlist_enabled,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            program_services.cohort_update(actor=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Cohort saved.")
            return redirect("console:program", hub_slug=hub_slug, program_slug=program.slug)
    return render(
        request,
        "console/cohort_form.html",
        {"hub": program.hub, "program": program, "cohort": cohort, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- schedules and sessions --------------------------------------------------------


def _preview(form: forms.ScheduleForm) -> dict | None:
    """Describe the form's schedule and its first occurrences, or put its errors on the form."""
    if not form.is_valid():
        return None
    try:
        description, first, total = meeting_services.schedule_preview(data=form.schedule_data())
    except ValidationError as error:
        form.add_service_error(error)
        return None
    return {
        "description": description,
        "occurrences": [
            {"iso": o.local_start.isoformat(), "text": _local_text(o.local_start)} for o in first
        ],
        "total": total,
    }


@access("manager")
@login_required
@require_http_methods(["GET", "POST"])
def schedule_edit(request, hub_slug, cohort_id):
    """Set a cohort's recurrence rule; saving creates or updates its sessions."""
    cohort = _cohort(request, hub_slug, cohort_id)
    schedule = _schedule_of(cohort)
    if request.method == "POST":
        form = forms.ScheduleForm(request.POST)
        if form.is_valid():
            try:
                meeting_services.schedule_set(
                    actor=request.user, cohort=cohort, data=form.schedule_data()
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, f"Schedule saved for {cohort.name}.")
                return redirect("console:sessions", hub_slug=hub_slug, cohort_id=cohort.pk)
        preview = None
        status = 400
    else:
        form = forms.ScheduleForm(
            initial=forms.ScheduleForm.initial_for(schedule=schedule, cohort=cohort)
        )
        preview = None
        if schedule is not None:
            bound = forms.ScheduleForm(
                forms.ScheduleForm.initial_for(schedule=schedule, cohort=cohort)
            )
            preview = _preview(bound)
        status = 200
    return render(
        request,
        "console/schedule.html",
        {
            "hub": cohort.program.hub,
            "program": cohort.program,
            "cohort": cohort,
            "schedule": schedule,
            "form": form,
            "preview": preview,
        },
        status=status,
    )


@access("manager")
@login_required
@require_POST
def schedule_preview(request, hub_slug, cohort_id):
    """The htmx live preview: description, next occurrences and per-field errors; saves nothing."""
    cohort = _cohort(request, hub_slug, cohort_id)
    form = forms.ScheduleForm(request.POST)
    preview = _preview(form)
    return render(
        request,
        "console/_schedule_preview.html",
        {"cohort": cohort, "form": form, "preview": preview, "oob": True},
    )


def _render_sessions(request, cohort, *, failed_id=None, failed_form=None, status=200):
    schedule = _schedule_of(cohort)
    zone_name = schedule.timezone if schedule else cohort.timezone
    zone = zoneinfo.ZoneInfo(zone_name)
    now = timezone.now()
    upcoming, past = [], []
    for session in meeting_selectors.sessions_of_cohort(cohort_id=cohort.pk):
        local = session.starts_at.astimezone(zone)
        session.local_text = _local_text(local)
        session.local_iso = local.isoformat()
        if session.pk == failed_id:
            session.move_form = failed_form
        else:
            session.move_form = forms.SessionMoveForm(
                zone_name=zone_name,
                auto_id=f"s{session.pk}_%s",
                initial={
                    "new_start_local": f"{local:%Y-%m-%dT%H:%M}",
                    "new_duration_minutes": session.duration_minutes,
                },
            )
        (upcoming if session.ends_at >= now else past).append(session)
    past.reverse()
    return render(
        request,
        "console/sessions.html",
        {
            "hub": cohort.program.hub,
            "program": cohort.program,
            "cohort": cohort,
            "schedule": schedule,
            "zone_name": zone_name,
            "upcoming": upcoming,
            "past": past,
        },
        status=status,
    )


@access("manager")
@login_required
@require_GET
def sessions(request, hub_slug, cohort_id):
    """A cohort's sessions, upcoming and past, with one-off moves and cancellations."""
    cohort = _cohort(request, hub_slug, cohort_id)
    return _render_sessions(request, cohort)


@access("manager")
@login_required
@require_POST
def session_move(request, hub_slug, session_id):
    session = _session(request, hub_slug, session_id)
    cohort = session.cohort
    schedule = _schedule_of(cohort)
    if schedule is None:
        raise Http404
    form = forms.SessionMoveForm(
        request.POST, zone_name=schedule.timezone, auto_id=f"s{session.pk}_%s"
    )
    if form.is_valid():
        try:
            meeting_services.occurrence_change(
                actor=request.user,
                session=session,
                new_start_local=form.cleaned_data["new_start_local"],
                new_duration_minutes=form.cleaned_data["new_duration_minutes"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Session of {session.original_date:%Y-%m-%d} moved.")
            return redirect("console:sessions", hub_slug=hub_slug, cohort_id=cohort.pk)
    return _render_sessions(request, cohort, failed_id=session.pk, failed_form=form, status=400)


@access("manager")
@login_required
@require_POST
def session_cancel(request, hub_slug, session_id):
    session = _session(request, hub_slug, session_id)
    try:
        meeting_services.occurrence_change(actor=request.user, session=session, cancelled=True)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Session of {session.original_date:%Y-%m-%d} cancelled.")
    return redirect("console:sessions", hub_slug=hub_slug, cohort_id=session.cohort_id)


@access("manager")
@login_required
@require_POST
def session_restore(request, hub_slug, session_id):
    session = _session(request, hub_slug, session_id)
    try:
        meeting_services.occurrence_restore(actor=request.user, session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"Session of {session.original_date:%Y-%m-%d} is back on its usual time."
        )
    return redirect("console:sessions", hub_slug=hub_slug, cohort_id=session.cohort_id)


# --- registrants -------------------------------------------------------------------


def _filtered_registrants(program, cohorts, params):
    filters = forms.RegistrantFilterForm(params or None, cohorts=cohorts)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    registrations = program_selectors.registrants_of_program(
        program=program, status=cleaned.get("status") or ""
    )
    if cleaned.get("cohort"):
        registrations = registrations.filter(cohort_id=cleaned["cohort"])
    return filters, registrations


def _render_registrants(request, hub, program, *, invite_form=None, status=200):
    cohorts = list(program_selectors.program_cohorts(program=program))
    filters, registrations = _filtered_registrants(program, cohorts, request.GET)
    page = Paginator(registrations, REGISTRANTS_PER_PAGE).get_page(request.GET.get("page"))
    invitations = program_selectors.invitations_of_program(program=program).filter(
        accepted_at__isnull=True, expires_at__gt=timezone.now()
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "console/registrants.html",
        {
            "hub": hub,
            "program": program,
            "cohorts": cohorts,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "invitations": invitations,
            "invite_form": invite_form or forms.InvitationForm(cohorts=cohorts),
            "decidable": (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED),
        },
        status=status,
    )


@access("manager")
@login_required
@require_GET
def registrants(request, hub_slug, program_slug):
    """Who registered, filtered by status and cohort; approve, decline and invite."""
    hub, program = _program(request, hub_slug, program_slug)
    return _render_registrants(request, hub, program)


@access("manager")
@login_required
@require_POST
def registration_decide(request, hub_slug, program_slug, registration_id):
    hub, program = _program(request, hub_slug, program_slug)
    registration = get_object_or_404(
        program_selectors.registrants_of_program(program=program), pk=registration_id
    )
    decision = request.POST.get("decision")
    if decision not in ("approve", "decline"):
        messages.error(request, "Choose approve or decline.")
    else:
        try:
            program_services.registration_decide(
                actor=request.user, registration=registration, approve=decision == "approve"
            )
        except ValidationError as error:
            messages.error(request, f"{registration.user}: {' '.join(error.messages)}")
        else:
            messages.success(
                request, f"{registration.user}: {registration.get_status_display().lower()}."
            )
    url = request.POST.get("next", "")
    target = redirect("console:registrants", hub_slug=hub.slug, program_slug=program.slug)
    if url.startswith("?"):
        target["Location"] += url
    return target


@access("manager")
@login_required
@require_POST
def invitation_create(request, hub_slug, program_slug):
    hub, program = _program(request, hub_slug, program_slug)
    cohorts = list(program.cohorts.order_by("name"))
    form = forms.InvitationForm(request.POST, cohorts=cohorts)
    if form.is_valid():
        cohort = next(c for c in cohorts if c.pk == form.cleaned_data["cohort"])
        try:
            invitation = program_services.invitation_create(
                actor=request.user, cohort=cohort, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("console:registrants", hub_slug=hub.slug, program_slug=program.slug)
    return _render_registrants(request, hub, program, invite_form=form, status=400)


class _Echo:
    """A write-only buffer that hands each CSV line straight back for streaming."""

    def write(self, value: str) -> str:
        return value


def csv_safe(value) -> str:
    """Quote a cell that a spreadsheet would otherwise run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(CSV_FORMULA_PREFIXES) else text


REGISTRANT_CSV_HEADER = [
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
]


@access("manager")
@login_required
@require_GET
def registrants_csv(request, hub_slug, program_slug):
    """Stream the registrants (with the page's filters) as CSV."""
    _, program = _program(request, hub_slug, program_slug)
    cohorts = list(program.cohorts.all())
    _, registrations = _filtered_registrants(program, cohorts, request.GET)
    professions = dict(Profession.choices)
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(REGISTRANT_CSV_HEADER)
        for registration in registrations.iterator(chunk_size=1000):
            user = registration.user
            yield writer.writerow(
                [
                    csv_safe(cell)
                    for cell in (
                        user.name,
                        user.email,
                        professions.get(user.profession, user.profession),
                        user.specialty,
                        user.organisation,
                        user.practice_zip,
                        user.state,
                        registration.cohort.name,
                        registration.get_status_display(),
                        registration.created_at.astimezone(zoneinfo.ZoneInfo("UTC")).strftime(
                            "%Y-%m-%dT%H:%M:%SZ"
                        ),
                    )
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{program.slug}-registrants.csv"'
    return response
