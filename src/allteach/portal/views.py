"""Public and participant pages: catalogue, program, session, home, profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from allteach import icalendar
from allteach.accounts import services as account_services
from allteach.accounts.forms import ProfileForm
from allteach.accounts.models import ApiToken
from allteach.conferencing import services as conferencing_services
from allteach.core.access import access
from allteach.hubs import selectors as hub_selectors
from allteach.meetings import selectors as meeting_selectors
from allteach.meetings import services as meeting_services
from allteach.portal.forms import CatalogueFilterForm, GuestForm, RegisterForm, TokenForm
from allteach.programs import selectors as program_selectors
from allteach.programs import services as program_services
from allteach.programs.models import CreditType, Enrolment, ProgramStatus, Schedule


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@access("public")
@require_GET
def catalogue(request):
    """The public program catalogue with search and filters; htmx swaps just the results."""
    form = CatalogueFilterForm(request.GET or None, topics=program_selectors.topics_in_use())
    filters = form.cleaned_data if form.is_valid() else {}
    programs = program_selectors.catalogue(
        query=filters.get("q", ""),
        topic=filters.get("topic", ""),
        language=filters.get("language", ""),
        profession=filters.get("profession", ""),
    )
    if filters.get("upcoming"):
        programs = meeting_selectors.upcoming_only(programs)
    programs = meeting_selectors.with_next_start(programs)
    template = "portal/_catalogue_results.html" if request.htmx else "portal/catalogue.html"
    return render(request, template, {"form": form, "programs": programs})


@access("public")
def program_detail(request, slug):
    program = program_selectors.program_get_for_user(user=request.user, slug=slug)
    cohorts = list(program_selectors.program_cohorts(program=program))
    for cohort in cohorts:
        schedule = getattr(cohort, "schedule", None)
        cohort.schedule_description = (
            meeting_services.describe_schedule(schedule=schedule) if schedule else ""
        )
    registration = program_selectors.registration_of_user_in_program(
        user=request.user, program=program
    )
    return render(
        request,
        "portal/program.html",
        {
            "program": program,
            "curriculum": program_selectors.program_curriculum(program=program),
            "faculty": hub_selectors.hub_faculty(hub=program.hub),
            "credit_labels": [
                CreditType(c).label for c in program.credit_types if c in CreditType.values
            ],
            "cohorts": cohorts,
            "sessions": meeting_selectors.upcoming_sessions_of_program(program=program, limit=8),
            "registration": registration,
            "register_form": RegisterForm(cohorts=cohorts),
            "can_register": program.status == ProgramStatus.OPEN
            and cohorts
            and registration is None,
            "can_manage": request.user.has_perm("programs.change_program", program),
        },
    )


@access("authenticated")
@login_required
@require_POST
def program_register(request, slug):
    program = program_selectors.program_get_for_user(user=request.user, slug=slug)
    cohorts = list(program_selectors.program_cohorts(program=program))
    form = RegisterForm(request.POST, cohorts=cohorts)
    if not form.is_valid():
        messages.error(request, "Choose a cohort to join.")
        return redirect("portal:program", slug=slug)
    cohort = next(c for c in cohorts if c.pk == form.cleaned_data["cohort"])
    try:
        registration = program_services.registration_register(actor=request.user, cohort=cohort)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("portal:program", slug=slug)
    messages.success(request, f"{program.title}: {registration.get_status_display()}.")
    return redirect("portal:home")


@access("public")
def session_detail(request, session_id):
    session = meeting_selectors.session_get_for_user(user=request.user, session_id=session_id)
    program = session.cohort.program
    registration = program_selectors.registration_of_user_in_program(
        user=request.user, program=program
    )
    guests_allowed = (
        not request.user.is_authenticated
        and program.enrolment == Enrolment.PUBLIC
        and program.status == ProgramStatus.OPEN
        and not session.is_cancelled
    )
    return render(
        request,
        "portal/session.html",
        {
            "session": session,
            "program": program,
            "agenda": meeting_selectors.session_agenda(session=session),
            "registration": registration,
            "guest_form": GuestForm() if guests_allowed else None,
            "on_team": request.user.has_perm("hubs.view_hub_console", program.hub),
            "can_manage": request.user.has_perm("programs.manage_registration", program),
        },
    )


@access("authenticated")
@login_required
def session_join(request, session_id):
    """Give the person their own join link (recorded on click) and follow it."""
    session = meeting_selectors.session_get_for_user(user=request.user, session_id=session_id)
    try:
        link = conferencing_services.join_link_for_participant(user=request.user, session=session)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("portal:program", slug=session.cohort.program.slug)
    return redirect("conferencing:join", token=link.token)


@access("public")
@require_http_methods(["POST"])
def session_guest(request, session_id):
    session = meeting_selectors.session_get_for_user(user=request.user, session_id=session_id)
    form = GuestForm(request.POST)
    if form.is_valid():
        try:
            visit = meeting_services.guest_visit_record(session=session, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            link = conferencing_services.join_link_for_guest(
                session=session, name=visit.name, guest_key=visit.guest_key
            )
            return redirect("conferencing:join", token=link.token)
    return render(
        request,
        "portal/session.html",
        {
            "session": session,
            "program": session.cohort.program,
            "agenda": meeting_selectors.session_agenda(session=session),
            "guest_form": form,
        },
        status=400,
    )


@access("authenticated")
@login_required
def home(request):
    registrations = list(program_selectors.registrations_of_user(user=request.user))
    return render(
        request,
        "portal/home.html",
        {
            "registrations": registrations,
            "next_sessions": meeting_selectors.next_sessions_for_participant(user=request.user),
        },
    )


@access("authenticated")
@login_required
@require_POST
def registration_leave(request, registration_id):
    registration = program_selectors.registration_get_visible(
        user=request.user, registration_id=registration_id
    )
    if registration.user_id != request.user.pk:
        # A coordinator reaching a registrant's row here is not the registrant leaving.
        return HttpResponse(status=404)
    try:
        program_services.registration_leave(actor=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"You left {registration.cohort.program.title}.")
    return redirect("portal:home")


@access("public")
def invitation(request, token):
    invitation = program_selectors.invitation_get_usable(token=token)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            program_services.invitation_accept(actor=request.user, invitation=invitation)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, f"Welcome to {invitation.cohort.program.title}.")
            return redirect("portal:home")
    return render(request, "portal/invitation.html", {"invitation": invitation})


@access("authenticated")
@login_required
def profile(request):
    needs_credit = any(
        r.cohort.program.needs_credit_details
        for r in program_selectors.registrations_of_user(user=request.user)
    )
    show_credit = needs_credit or request.GET.get("credit") == "1"
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user, needs_credit_details=show_credit)
        if form.is_valid():
            try:
                account_services.profile_update(
                    actor=request.user,
                    user=request.user,
                    **{k: form.cleaned_data[k] for k in form.changed_data},
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Your profile was saved.")
                return redirect("portal:profile")
    else:
        form = ProfileForm(instance=request.user, needs_credit_details=show_credit)
    return render(
        request,
        "portal/profile.html",
        {"form": form, "show_credit": show_credit},
        status=400 if form.errors else 200,
    )


@access("authenticated")
@login_required
def api_tokens(request):
    new_token = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _, new_token = account_services.api_token_issue(
                actor=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True)
    return render(
        request, "portal/tokens.html", {"form": form, "tokens": tokens, "new_token": new_token}
    )


@access("authenticated")
@login_required
@require_POST
def api_token_revoke(request, token_id):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user, revoked_at__isnull=True)
    account_services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("portal:api_tokens")


@access("public")
@require_GET
def healthz(request):
    """Liveness and database check for load balancers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})


@access("public")
@require_GET
def cohort_calendar(request, cohort_id):
    """An iCalendar feed of a cohort's sessions (one series, moved and cancelled ones included)."""
    cohort = program_selectors.cohort_get_visible(user=request.user, cohort_id=cohort_id)
    schedule = Schedule.objects.filter(cohort=cohort).prefetch_related("overrides").first()
    if schedule is None:
        raise Http404("This cohort has no schedule yet.")
    program = cohort.program
    series = icalendar.CalendarSeries(
        uid=f"cohort-{cohort.pk}@{request.get_host().split(':')[0]}",
        schedule=meeting_services.schedule_from_model(schedule),
        summary=f"{program.title} ({cohort.name})",
        description=program.summary,
        url=request.build_absolute_uri(reverse("portal:program", args=[program.slug])),
        sequence=schedule.sequence,
    )
    body = icalendar.calendar([series], method="PUBLISH", name=program.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{program.slug}-{cohort.pk}.ics"'
    return response
