"""The organisers' live view of the day: mark meetings held or no-show, re-fill freed tables."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clusterdialogue.common.permissions import can, require
from clusterdialogue.events.live import selectors, services
from clusterdialogue.events.models import MeetingRequest, ScheduledMeeting, Session
from clusterdialogue.events.programme.selectors import event_get_visible


def _flash(request: HttpRequest, error: ValidationError) -> None:
    for problems in error.message_dict.values():
        messages.error(request, " ".join(problems))


@require_GET
@login_required
def live(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    if not can(request.user, "live.place", event):
        raise PermissionDenied
    context = {
        "event": event,
        "rows": selectors.live_plan(event=event),
        "statuses": ScheduledMeeting.Status.choices,
    }
    return render(request, "events/live/live.html", context)


@login_required
@require_POST
def meeting_mark(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    meeting = get_object_or_404(
        ScheduledMeeting.objects.select_related("request__event"), request__event=event, pk=pk
    )
    require(request.user, "live.mark", meeting)
    try:
        services.meeting_mark(meeting=meeting, status=request.POST.get("status", ""))
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("The meeting is marked."))
    return redirect(f"{redirect('events:live', event.slug).url}#slot-{meeting.session_id}")


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() else None


@login_required
@require_POST
def meeting_place(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    require(request.user, "live.place", event)
    meeting_request = MeetingRequest.objects.filter(
        event=event, pk=_number(request.POST.get("request", ""))
    ).first()
    slot = Session.objects.filter(event=event, pk=_number(request.POST.get("slot", ""))).first()
    try:
        placed = services.meeting_place(
            event=event,
            request=meeting_request,
            slot=slot,
            table=_number(request.POST.get("table", "")),
        )
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(
            request,
            _("%(meeting)s meets at table %(table)d.")
            % {"meeting": placed.request, "table": placed.table},
        )
    anchor = f"#slot-{slot.pk}" if slot else ""
    return redirect(redirect("events:live", event.slug).url + anchor)


@require_GET
@login_required
def table_lists(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    if not can(request.user, "live.place", event):
        raise PermissionDenied
    context = {"event": event, "tables": selectors.table_lists(event=event)}
    return render(request, "events/live/tables.html", context)
