"""Pages of the schedule: the organisers' schedule page (run it, see the bound and the gap, the
table plan per slot) and a participant's agenda as a page and as iCalendar."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clusterdialogue.common.http import site_url
from clusterdialogue.common.permissions import can, require
from clusterdialogue.events import exports as pdf
from clusterdialogue.events.b2b.forms import OrganiserMeetingForm
from clusterdialogue.events.b2b.selectors import pending_q
from clusterdialogue.events.models import MeetingRequest, Participant
from clusterdialogue.events.participants.selectors import participant_chosen_or_own
from clusterdialogue.events.programme.selectors import event_get_visible
from clusterdialogue.events.schedule import exports, selectors, services


@login_required
def schedule(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    require(request.user, "schedule.run", event)
    if request.method == "POST":
        try:
            result = services.event_schedule(event=event)
        except ValidationError as error:
            for problems in error.message_dict.values():
                messages.error(request, " ".join(problems))
        else:
            messages.success(
                request,
                _("Scheduled %(scheduled)d of %(requests)d meetings.")
                % {"scheduled": result.scheduled, "requests": result.requests},
            )
        return redirect("events:schedule", event.slug)
    context = {
        "event": event,
        "report": event.schedule_report,
        "plan": selectors.table_plan(event=event),
        "unscheduled": selectors.requests_unscheduled(event=event),
        "pending": MeetingRequest.objects.filter(event=event)
        .filter(pending_q(now=timezone.now()))
        .count(),
        "form": OrganiserMeetingForm(event=event, auto_id="meeting_%s"),
    }
    return render(request, "events/schedule/schedule.html", context)


def _agenda_participant(request: HttpRequest, event) -> Participant:
    participant = participant_chosen_or_own(
        event=event, user=request.user, chosen=request.GET.get("participant", "")
    )
    if participant is None:
        raise Http404
    require(request.user, "schedule.view_agenda", participant)
    return participant


@require_GET
@login_required
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    participant = _agenda_participant(request, event)
    context = {
        "event": event,
        "participant": participant,
        "agenda": selectors.agenda_of(participant=participant),
        "manages": can(request.user, "events.manage_event", event),
    }
    return render(request, "events/schedule/agenda.html", context)


@require_GET
@login_required
def agenda_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    participant = _agenda_participant(request, event)
    body = exports.agenda_calendar(
        participant=participant,
        agenda=selectors.agenda_of(participant=participant),
        site_url=site_url(request),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-agenda.ics"'
    return response


@require_GET
@login_required
def agenda_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    participant = _agenda_participant(request, event)
    body = pdf.pdf_render(
        template="events/schedule/agenda_pdf.html",
        context={
            "event": event,
            "participant": participant,
            "agenda": selectors.agenda_of(participant=participant),
        },
        site_url=site_url(request),
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{event.slug}-agenda.pdf"'
    return response
