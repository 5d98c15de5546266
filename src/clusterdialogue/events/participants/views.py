"""Pages of the participants feature: register, the participant list and profiles, decisions,
and one's own unavailability."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clusterdialogue.common.forms import form_service_apply
from clusterdialogue.common.http import posted
from clusterdialogue.common.permissions import can, require
from clusterdialogue.events.b2b.forms import MeetingRequestForm
from clusterdialogue.events.models import Participant
from clusterdialogue.events.participants import forms, selectors, services
from clusterdialogue.events.permissions import user_participant_approved
from clusterdialogue.events.programme.selectors import event_get_visible


def _form_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    return render(request, template, context, status=400 if context["form"].errors else 200)


@login_required
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    require(request.user, "participants.register", event)
    manages = can(request.user, "events.manage_event", event)
    organisations = selectors.organisations_user_acts_for(user=request.user).order_by("name")
    initial = {"email": request.user.email, "name": request.user.get_full_name()}
    form = forms.RegistrationForm(
        posted(request), organisations=organisations, manages=manages, initial=initial
    )
    context = {
        "event": event,
        "form": form,
        "registration_open": services.registration_is_open(event=event),
    }
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data["organisation"]
        require(request.user, "clusters.act_for", organisation)
        # A registration with the user's own e-mail address is theirs: it links to the account.
        own = data["email"].strip().lower() == (request.user.email or "").strip().lower()
        participant = form_service_apply(
            form,
            lambda: services.participant_register(
                event=event, user=request.user if own else None, **data
            ),
        )
        if participant is not None:
            messages.success(
                request, _("The registration is recorded; the organisers will approve it.")
            )
            return redirect(event)
    return _form_page(request, "events/participants/register.html", context)


def _participant(request: HttpRequest, event, pk: int) -> Participant:
    return get_object_or_404(Participant.objects.select_related("organisation"), event=event, pk=pk)


@require_GET
@login_required
def participant_list(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    require(request.user, "events.view_participants", event)
    manages = can(request.user, "events.manage_event", event)
    own = user_participant_approved(request.user, event)
    rows = selectors.participants_of(event=event, approved_only=not manages)
    context = {
        "event": event,
        "manages": manages,
        "own": own,
        "participants": [p for p in rows if own is None or p.pk != own.pk],
        "counts": {
            status: sum(1 for p in rows if p.status == status)
            for status in Participant.Status.values
        },
    }
    return render(request, "events/participants/list.html", context)


@require_GET
@login_required
def participant_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    require(request.user, "events.view_participants", event)
    participant = _participant(request, event, pk)
    manages = can(request.user, "events.manage_event", event)
    if participant.status != Participant.Status.APPROVED and not manages:
        raise Http404
    context = {
        "event": event,
        "participant": participant,
        "manages": manages,
        "may_request": can(request.user, "b2b.request_meeting", participant),
        "form": MeetingRequestForm(auto_id="request_%s"),
    }
    return render(request, "events/participants/detail.html", context)


@login_required
@require_POST
def participant_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    participant = _participant(request, event, pk)
    require(request.user, "participants.decide", participant)
    decision = request.POST.get("decision", "")
    action = {"approve": services.participant_approve, "decline": services.participant_decline}
    if decision not in action:
        messages.error(request, _("Choose to approve or decline."))
        return redirect("events:participant-list", event.slug)
    try:
        action[decision](participant=participant)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s: decision recorded.") % {"name": participant.name})
    return redirect("events:participant-list", event.slug)


@login_required
@require_POST
def participant_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    participant = _participant(request, event, pk)
    require(request.user, "participants.withdraw", participant)
    try:
        services.participant_withdraw(participant=participant)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s no longer takes part.") % {"name": participant.name})
    return redirect(event)


@login_required
def unavailability(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    participant = selectors.participant_chosen_or_own(
        event=event, user=request.user, chosen=request.GET.get("participant", "")
    )
    if participant is None:
        raise Http404
    require(request.user, "participants.set_unavailability", participant)
    initial = {"sessions": list(participant.unavailable.values_list("session", flat=True))}
    form = forms.UnavailabilityForm(posted(request), event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        sessions = form.cleaned_data["sessions"]
        if (
            form_service_apply(
                form,
                lambda: services.unavailability_set(participant=participant, sessions=sessions),
            )
            is not None
        ):
            messages.success(
                request, _("Saved. The next run of the schedule keeps you free in those slots.")
            )
            return redirect(event)
    context = {"event": event, "participant": participant, "form": form}
    return _form_page(request, "events/participants/unavailability.html", context)
