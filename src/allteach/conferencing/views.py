"""The personal join link: record the click and send the person to the videoconference."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from allteach.conferencing.forms import ProviderAccountForm
from allteach.conferencing.models import ProviderAccount, ProviderKind
from allteach.conferencing.services import (
    JoinLinkError,
    join_link_follow,
    provider_account_set,
    zoom_series_ensure,
)
from allteach.core.access import access
from allteach.hubs.selectors import hub_get_managed
from allteach.programs.selectors import cohort_get_managed


@access("public")
@never_cache
@require_GET
def join(request, token):
    """`/join/<token>`: works on a phone and for guests; kept to one read and one write."""
    try:
        url = join_link_follow(token=token)
    except JoinLinkError as error:
        return render(request, "conferencing/join_error.html", {"message": str(error)}, status=410)
    return HttpResponseRedirect(url)


@access("manager")
@login_required
def provider_settings(request, hub_slug):
    """Choose the hub's videoconference service (Jitsi by default)."""
    hub = hub_get_managed(user=request.user, slug=hub_slug)
    account = ProviderAccount.objects.filter(hub=hub, program__isnull=True).first()
    initial = {"kind": account.kind, **account.options} if account else {"kind": ProviderKind.JITSI}
    form = ProviderAccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            provider_account_set(
                actor=request.user,
                hub=hub,
                kind=form.cleaned_data["kind"],
                options=form.options(),
                credentials=form.credentials(),
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            messages.success(request, "Videoconference settings saved.")
            return redirect("conferencing:settings", hub_slug=hub.slug)
    stored = sorted(account.credentials) if account and account.secrets_encrypted else []
    return render(
        request,
        "conferencing/settings.html",
        {"hub": hub, "form": form, "account": account, "stored_secrets": stored},
        status=400 if form.errors else 200,
    )


@access("manager")
@login_required
@require_POST
def zoom_series(request, hub_slug, cohort_id):
    """Create the cohort's Zoom recurring meetings (split at 50 occurrences)."""
    hub = hub_get_managed(user=request.user, slug=hub_slug)
    cohort = cohort_get_managed(user=request.user, cohort_id=cohort_id)
    if cohort.program.hub_id != hub.pk:
        raise Http404
    try:
        attached = zoom_series_ensure(actor=request.user, cohort=cohort)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Zoom meetings ready for {attached} upcoming session{'s' if attached != 1 else ''}.",
        )
    return redirect("console:sessions", hub_slug=hub.slug, cohort_id=cohort.pk)
