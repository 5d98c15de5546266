"""Pages of the B2B meetings: request a meeting, my requests (sent and received) with their
answers, cancellation, and meetings the organisers add."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clusterdialogue.common.permissions import require
from clusterdialogue.events.b2b import forms, selectors, services
from clusterdialogue.events.models import MeetingRequest, Participant
from clusterdialogue.events.permissions import user_participant_approved, user_participants
from clusterdialogue.events.programme.selectors import event_get_visible


def _flash(request: HttpRequest, error: ValidationError | dict) -> None:
    items = error.message_dict.items() if isinstance(error, ValidationError) else error.items()
    for _field, problems in items:
        messages.error(request, " ".join(str(p) for p in problems))


@login_required
@require_POST
def request_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    partner = get_object_or_404(Participant, event=event, pk=pk)
    require(request.user, "b2b.request_meeting", partner)
    requester = user_participant_approved(request.user, event)
    form = forms.MeetingRequestForm(request.POST)
    if not form.is_valid():
        _flash(request, form.errors)
        return redirect("events:participant-detail", event.slug, partner.pk)
    try:
        services.meeting_request_create(requester=requester, partner=partner, **form.cleaned_data)
    except ValidationError as error:
        _flash(request, error)
        return redirect("events:participant-detail", event.slug, partner.pk)
    messages.success(request, _("Your request is sent to %(name)s.") % {"name": partner.name})
    return redirect("events:my-requests", event.slug)


@require_GET
@login_required
def my_requests(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    own = user_participants(request.user, event)
    if not own:
        raise Http404
    blocks = [(p, selectors.meeting_requests_of(participant=p)) for p in own]
    return render(request, "events/b2b/requests.html", {"event": event, "blocks": blocks})


def _request(event, pk: int) -> MeetingRequest:
    return get_object_or_404(
        MeetingRequest.objects.select_related("requester", "partner", "event"), event=event, pk=pk
    )


@login_required
@require_POST
def request_respond(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    meeting_request = _request(event, pk)
    require(request.user, "b2b.respond", meeting_request)
    answer = request.POST.get("answer", "")
    if answer not in ("accept", "decline"):
        messages.error(request, _("Choose to accept or decline."))
        return redirect("events:my-requests", event.slug)
    try:
        services.meeting_request_respond(
            request=meeting_request, by=meeting_request.partner, accept=answer == "accept"
        )
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("Your answer is recorded."))
    return redirect("events:my-requests", event.slug)


@login_required
@require_POST
def request_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    meeting_request = _request(event, pk)
    require(request.user, "b2b.cancel", meeting_request)
    try:
        services.meeting_request_cancel(request=meeting_request)
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("The request is cancelled."))
    back = request.POST.get("next", "")
    if back == "schedule":
        return redirect("events:schedule", event.slug)
    return redirect("events:my-requests", event.slug)


@login_required
@require_POST
def meeting_add(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    require(request.user, "b2b.add_meeting", event)
    form = forms.OrganiserMeetingForm(request.POST, event=event)
    if not form.is_valid():
        _flash(request, form.errors)
        return redirect("events:schedule", event.slug)
    try:
        services.meeting_add_by_organiser(event=event, **form.cleaned_data)
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("The meeting is added."))
    return redirect("events:schedule", event.slug)
