"""Hub console pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from allteach.hubs import selectors as hub_selectors
from allteach.programs import selectors as program_selectors


@login_required
def index(request):
    hubs = hub_selectors.hubs_on_team_of(request.user).order_by("name")
    return render(request, "console/index.html", {"hubs": hubs})


@login_required
def hub_home(request, hub_slug):
    hub = hub_selectors.hub_get_for_team(user=request.user, slug=hub_slug)
    return render(request, "console/hub.html", {"hub": hub, "programs": hub.programs.all()})


@login_required
def program(request, hub_slug, program_slug):
    hub = hub_selectors.hub_get_managed(user=request.user, slug=hub_slug)
    program = program_selectors.program_get_managed(user=request.user, slug=program_slug)
    return render(request, "console/program.html", {"hub": hub, "program": program})
