"""Coordinator attendance page, group-viewing reports, and provider webhooks."""

import json
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from allteach.attendance import selectors, services
from allteach.attendance.forms import (
    AddForm,
    AdjustForm,
    AssignForm,
    GroupViewingForm,
    ImportForm,
    ReasonForm,
)
from allteach.conferencing.models import ProviderAccount, ProviderKind, SessionMeeting
from allteach.conferencing.services import account_for
from allteach.core.access import access
from allteach.hubs.models import Hub
from allteach.meetings.selectors import session_get_for_user
from allteach.providers import ProviderError, WebhookRejected
from allteach.providers.bbb import parse_analytics_callback, verify_analytics_callback
from allteach.providers.zoom import (
    parse_participant_event,
    url_validation_response,
    verify_zoom_webhook,
)

logger = logging.getLogger(__name__)


def _page(request, session, *, status=200, **forms):
    registrations = list(selectors.session_registrations(session=session))
    context = {
        "session": session,
        "program": session.cohort.program,
        "hub": session.cohort.program.hub,
        "roster": selectors.session_roster(session=session),
        "review_rows": selectors.session_review_rows(session=session),
        "group_viewings": selectors.session_group_viewings(session=session),
        "imports": selectors.session_imports(session=session),
        "history": selectors.session_attendance_history(session=session)[:50],
        "summary": selectors.session_summary(session=session),
        "import_form": forms.get("import_form") or ImportForm(),
        "add_form": forms.get("add_form") or AddForm(registrations=registrations),
        "assign_form": AssignForm(registrations=registrations),
        "registrations": registrations,
        "meeting": SessionMeeting.objects.filter(session=session).first(),
        "errors": forms.get("errors") or [],
    }
    return render(request, "attendance/session.html", context, status=status)


@access("manager")
@login_required
def session_attendance(request, session_id):
    session = selectors.session_get_managed(user=request.user, session_id=session_id)
    return _page(request, session)


@access("manager")
@login_required
@require_POST
def attendance_import(request, session_id):
    session = selectors.session_get_managed(user=request.user, session_id=session_id)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.attendance_import_zoom_csv(
                actor=request.user,
                session=session,
                data=upload.read(),
                filename=upload.name,
                tz=form.cleaned_data["timezone"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                f"Imported {result.filename or 'the file'}: {result.row_count} rows ({result.layout}).",
            )
            return redirect("attendance:session", session_id=session.pk)
    return _page(request, session, import_form=form, status=400)


@access("manager")
@login_required
@require_POST
def attendance_fetch(request, session_id):
    session = selectors.session_get_managed(user=request.user, session_id=session_id)
    try:
        result = services.attendance_fetch_from_provider(actor=request.user, session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Attendance fetched from the provider."
            if result
            else "The provider has no attendance report for this session.",
        )
    return redirect("attendance:session", session_id=session.pk)


@access("manager")
@login_required
@require_POST
def attendance_change(request, attendance_id, action):
    """Assign, adjust or dismiss one row; every change needs a reason and is recorded."""
    attendance = selectors.attendance_get_managed(user=request.user, attendance_id=attendance_id)
    session = attendance.session
    registrations = list(selectors.session_registrations(session=session))
    form_class = {"assign": AssignForm, "adjust": AdjustForm, "dismiss": ReasonForm}.get(action)
    if form_class is None:
        return HttpResponse(status=404)
    kwargs = {"registrations": registrations} if action == "assign" else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "assign":
                registration = next(r for r in registrations if r.pk == data["registration"])
                services.attendance_assign(
                    actor=request.user,
                    attendance=attendance,
                    registration=registration,
                    reason=data["reason"],
                )
            elif action == "adjust":
                services.attendance_adjust(
                    actor=request.user,
                    attendance=attendance,
                    minutes=data["minutes"],
                    reason=data["reason"],
                )
            else:
                services.attendance_dismiss(
                    actor=request.user, attendance=attendance, reason=data["reason"]
                )
        except ValidationError as error:
            return _page(request, session, errors=error.messages, status=400)
        messages.success(request, "Attendance updated.")
        return redirect("attendance:session", session_id=session.pk)
    return _page(
        request,
        session,
        errors=[f"{field}: {' '.join(errs)}" for field, errs in form.errors.items()],
        status=400,
    )


@access("manager")
@login_required
@require_POST
def attendance_add(request, session_id):
    session = selectors.session_get_managed(user=request.user, session_id=session_id)
    registrations = list(selectors.session_registrations(session=session))
    form = AddForm(request.POST, registrations=registrations)
    if form.is_valid():
        data = form.cleaned_data
        registration = next(r for r in registrations if r.pk == data["registration"])
        try:
            services.attendance_add_manual(
                actor=request.user,
                session=session,
                registration=registration,
                minutes=data["minutes"],
                reason=data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Attendance added.")
            return redirect("attendance:session", session_id=session.pk)
    return _page(request, session, add_form=form, status=400)


@access("authenticated")
@login_required
def group_viewing(request, session_id):
    """An attendee reports the people watching with them at one screen."""
    session = session_get_for_user(user=request.user, session_id=session_id)
    mine = selectors.my_group_viewing(user=request.user, session=session)
    form = GroupViewingForm(
        request.POST or None,
        initial={"headcount": mine.headcount, "site": mine.site, "names": mine.names}
        if mine
        else None,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.group_viewing_report(
                    actor=request.user, session=session, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Thank you: your group is counted.")
                return redirect("portal:session", session_id=session.pk)
        status = 400
    return render(
        request, "attendance/group_viewing.html", {"session": session, "form": form}, status=status
    )


@access("signed")
@csrf_exempt
@require_POST
def zoom_webhook(request, hub_slug):
    """Zoom event subscription endpoint: signature checked, url_validation answered."""
    hub = get_object_or_404(Hub, slug=hub_slug)
    account = ProviderAccount.objects.filter(hub=hub, kind=ProviderKind.ZOOM).first()
    secret = account.credentials.get("webhook_secret") if account else None
    if not secret:
        return JsonResponse(
            {"message": "Zoom webhooks are not configured for this hub."}, status=404
        )
    raw = request.body
    try:
        verify_zoom_webhook(
            secret,
            request.headers.get("x-zm-request-timestamp", ""),
            request.headers.get("x-zm-signature", ""),
            raw,
            now=timezone.now().timestamp(),
        )
        payload = json.loads(raw)
    except (WebhookRejected, ValueError) as error:
        logger.warning("Rejected Zoom webhook for %s: %s", hub.slug, error)
        return JsonResponse({"message": "Signature check failed."}, status=401)
    event = payload.get("event")
    if event == "endpoint.url_validation":
        return JsonResponse(url_validation_response(secret, payload["payload"]["plainToken"]))
    if event in ("meeting.participant_joined", "meeting.participant_left"):
        try:
            outcome = services.zoom_webhook_event(event=parse_participant_event(payload))
        except (KeyError, ValueError) as error:
            return JsonResponse({"message": f"Malformed event: {error}"}, status=400)
        return JsonResponse({"result": outcome})
    return JsonResponse({"result": "ignored"})


@access("signed")
@csrf_exempt
@require_POST
def bbb_analytics(request, key):
    """BigBlueButton's post-meeting analytics callback; accepted only with a valid HS512 JWT."""
    meeting = get_object_or_404(
        SessionMeeting.objects.select_related("session__cohort__program"), key=key, kind="bbb"
    )
    program = meeting.session.cohort.program
    account = account_for(hub_id=program.hub_id, program_id=program.pk)
    if account is None or account.kind != ProviderKind.BBB:
        return JsonResponse({"message": "Not found."}, status=404)
    try:
        payload = verify_analytics_callback(
            request.body, request.headers.get("Authorization", ""), account.credentials["secret"]
        )
        rows = parse_analytics_callback(payload)
    except (WebhookRejected, ValueError, KeyError) as error:
        logger.warning("Rejected BBB analytics callback for %s: %s", key, error)
        return JsonResponse({"message": "Rejected."}, status=401)
    except ProviderError as error:
        # Signed by BBB but unreadable (a bad timestamp, say): refuse it rather than guess.
        return JsonResponse({"message": f"Malformed analytics payload: {error}"}, status=400)
    services.attendance_from_bbb_callback(session=meeting.session, rows=rows)
    return JsonResponse({"result": "ok", "rows": len(rows)})
