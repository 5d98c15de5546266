"""Pages of the programme feature: event list and page, create and edit, programme items."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clusterdialogue.accounts.permissions import user_is_secretariat
from clusterdialogue.common.forms import form_service_apply
from clusterdialogue.common.http import posted
from clusterdialogue.common.permissions import can, require
from clusterdialogue.events.models import Session
from clusterdialogue.events.participants.selectors import participants_of
from clusterdialogue.events.participants.services import registration_is_open
from clusterdialogue.events.permissions import user_participants
from clusterdialogue.events.programme import forms, selectors, services


def _form_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    return render(request, template, context, status=400 if context["form"].errors else 200)


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.event_split_by_date(
        events=selectors.event_visible(user=request.user)
    )
    context = {
        "upcoming": upcoming,
        "past": past,
        "can_create": can(request.user, "events.create_event"),
    }
    return render(request, "events/programme/list.html", context)


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_get_visible(user=request.user, slug=slug)
    user = request.user
    manages = can(user, "events.manage_event", event)
    sees_participants = can(user, "events.view_participants", event)
    context = {
        "event": event,
        "manages": manages,
        "programme": selectors.programme_by_day(event=event),
        "categories": event.categories.all(),
        "registration_open": registration_is_open(event=event),
        "may_register": can(user, "participants.register", event),
        "own": user_participants(user, event),
        "participants": participants_of(event=event, approved_only=not manages)
        if sees_participants
        else [],
        "sees_participants": sees_participants,
    }
    if manages:
        context["session_form"] = forms.SessionForm(event=event, auto_id="session_%s")
    return render(request, "events/programme/detail.html", context)


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "events.create_event")
    form = forms.EventForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        territory = data["host_territory"]
        event = form_service_apply(
            form,
            lambda: services.event_create(
                created_by=request.user, network=territory.network, **data
            ),
        )
        if event is not None:
            messages.success(request, _("The event is created. Add its programme next."))
            return redirect(event)
    return _form_page(request, "events/programme/form.html", {"form": form, "event": None})


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_get_visible(user=request.user, slug=slug)
    require(request.user, "events.manage_event", event)
    form = forms.EventForm(
        posted(request),
        event=event,
        everyone=user_is_secretariat(request.user),
        initial=forms.event_initial(event),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["network"] = data["host_territory"].network
        if form_service_apply(form, lambda: services.event_update(event=event, **data)):
            messages.success(request, _("The event is saved."))
            return redirect(event)
    return _form_page(request, "events/programme/form.html", {"form": form, "event": event})


@login_required
@require_POST
def session_add(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_get_visible(user=request.user, slug=slug)
    require(request.user, "events.manage_event", event)
    form = forms.SessionForm(request.POST, event=event)
    if form.is_valid():
        data = form.cleaned_data
        if form_service_apply(form, lambda: services.session_add(event=event, **data)):
            messages.success(request, _("The programme item is added."))
            return redirect(event.get_absolute_url() + "#programme")
    for field, problems in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(problems)}" if label else " ".join(problems))
    return redirect(event.get_absolute_url() + "#programme")


@login_required
@require_POST
def session_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = selectors.event_get_visible(user=request.user, slug=slug)
    require(request.user, "events.manage_event", event)
    services.session_remove(session=get_object_or_404(Session, event=event, pk=pk))
    messages.success(request, _("The programme item is removed."))
    return redirect(event.get_absolute_url() + "#programme")
