"""The proposals page: whom the delegation should meet, and whom to invite."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clusterdialogue.common.permissions import require
from clusterdialogue.events.programme.selectors import event_get_visible
from clusterdialogue.events.proposals import selectors


@require_GET
@login_required
def proposals(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    require(request.user, "proposals.view", event)
    context = {
        "event": event,
        "delegation": selectors.delegation_organisations(event=event),
        "meet": selectors.event_meeting_proposals(event=event),
        "invite": selectors.event_invitation_proposals(event=event),
    }
    return render(request, "events/proposals/proposals.html", context)
