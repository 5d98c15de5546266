"""Pages of the meeting planner: the proposals with their reasons, confirming or overriding one,
and entering what the planner avoids (school holidays, unavailability) or aligns with (events)."""

from __future__ import annotations

import datetime as dt
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from clusterdialogue.common.forms import form_service_apply
from clusterdialogue.common.http import posted
from clusterdialogue.common.permissions import can, require
from clusterdialogue.core.scheduling import PlanningError
from clusterdialogue.dialogue.groups.selectors import group_get_visible
from clusterdialogue.dialogue.models import BlockedPeriod, WorkingGroup
from clusterdialogue.dialogue.planning import services
from clusterdialogue.dialogue.planning.exports import plan_csv_write
from clusterdialogue.dialogue.planning.forms import (
    ConfirmForm,
    HostEventForm,
    PlanOptionsForm,
    SchoolHolidaysForm,
    UnavailabilityForm,
)
from clusterdialogue.dialogue.planning.reasons import reason_display, reasons_display
from clusterdialogue.dialogue.planning.selectors import (
    blocked_period_list,
    host_event_list,
    meeting_list_planned,
    member_for_user,
)


def _options_form(request: HttpRequest) -> PlanOptionsForm:
    """The planner's settings from the query string, the defaults filling what it leaves out."""
    defaults = {"start": dt.date.today().isoformat(), "meetings": 4, "per_year": 2, "days": 2}
    return PlanOptionsForm({**defaults, **request.GET.dict()})


def _plan(group: WorkingGroup, options: dict) -> tuple[list, str]:
    try:
        return services.meetings_plan_for_group(group=group, **options), ""
    except PlanningError as error:
        return [], str(error)


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, slug: str) -> HttpResponse:
    """The next proposals with their reasons; POST confirms one (as proposed or changed)."""
    group = group_get_visible(user=request.user, slug=slug)
    require(request.user, "planning.plan", group)
    options_form = _options_form(request)
    options = options_form.options()
    proposals, error = _plan(group, options)
    failed = None
    if request.method == "POST":
        require(request.user, "planning.confirm_meeting", group)
        failed = ConfirmForm(request.POST, group=group)
        if failed.is_valid():
            index = failed.cleaned_data["meeting"]
            chosen = next((p for p in proposals if p.meeting == index), None)
            if chosen is None:
                failed.add_error(None, _("This proposal is no longer in the plan; look again."))
            else:
                data = failed.cleaned_data
                meeting = form_service_apply(
                    failed,
                    lambda: services.meeting_confirm_from_plan(
                        group=group, proposal=chosen, host_territory=data["host_territory"],
                        city=data["city"], start=data["start"], end=data["end"],
                        override_reason=data["override_reason"],
                    ),
                )  # fmt: skip
                if meeting is not None:
                    messages.success(
                        request, _("Meeting %(number)s confirmed.") % {"number": meeting.number}
                    )
                    return redirect(request.get_full_path())
    territories = {t.region.code: t for t in group.network.territories.select_related("region")}
    rows = []
    for proposal in proposals:
        form = (
            failed
            if failed is not None and failed.data.get("meeting") == str(proposal.meeting)
            else None
        )
        if form is None:
            form = ConfirmForm(
                group=group,
                initial={
                    "meeting": proposal.meeting,
                    "host_territory": territories.get(proposal.territory),
                    "city": proposal.city,
                    "start": proposal.start,
                    "end": proposal.end,
                },
            )
        rows.append(
            {
                "proposal": proposal,
                "reasons": reasons_display(proposal.reasons),
                "territory": territories.get(proposal.territory),
                "form": form,
            }
        )
    context = {
        "group": group,
        "options_form": options_form,
        "options": options,
        "rows": rows,
        "error": error,
        "meetings": meeting_list_planned(group=group)[:12],
        "query": request.GET.urlencode(),
    }
    status = 400 if failed is not None and failed.errors else 200
    return render(request, "dialogue/planning/plan.html", context, status=status)


@login_required
def plan_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The proposals as CSV, the columns of ``clusterdialogue dialogue plan``."""
    group = group_get_visible(user=request.user, slug=slug)
    require(request.user, "planning.plan", group)
    proposals, error = _plan(group, _options_form(request).options())
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    out = io.StringIO()
    plan_csv_write(proposals=proposals, out=out, word=reason_display, safe=True)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{group.slug}_plan.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def school_holidays(request: HttpRequest, slug: str) -> HttpResponse:
    """School-holiday periods per territory, which no proposed meeting touches."""
    group = group_get_visible(user=request.user, slug=slug)
    require(request.user, "planning.enter_school_holidays", group)
    form = SchoolHolidaysForm(posted(request), group=group)
    if form.is_valid():
        data = form.cleaned_data
        created = form_service_apply(
            form,
            lambda: services.blocked_period_create(
                group=group, kind=BlockedPeriod.Kind.SCHOOL_HOLIDAYS, territory=data["territory"],
                start=data["start"], end=data["end"], note=data["note"],
            ),
        )  # fmt: skip
        if created is not None:
            messages.success(request, _("School holidays added."))
            return redirect("dialogue:plan-school-holidays", slug=group.slug)
    periods = blocked_period_list(group=group, kind=BlockedPeriod.Kind.SCHOOL_HOLIDAYS)
    context = {"group": group, "form": form, "periods": periods}
    return render(
        request,
        "dialogue/planning/school_holidays.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def unavailability(request: HttpRequest, slug: str) -> HttpResponse:
    """Members' unavailability: managers enter anyone's, a member their own."""
    group = group_get_visible(user=request.user, slug=slug)
    require(request.user, "planning.enter_unavailability", group)
    for_others = can(request.user, "planning.enter_unavailability_for_others", group)
    if request.method == "POST" and request.POST.get("member"):
        # Naming someone else is refused outright rather than silently filed as one's own.
        require(request.user, "planning.enter_unavailability_for_others", group)
    own = member_for_user(group=group, user=request.user)
    form = UnavailabilityForm(posted(request), group=group, for_others=for_others)
    if form.is_valid():
        data = form.cleaned_data
        member = (data.get("member") if for_others else None) or own
        created = form_service_apply(
            form,
            lambda: services.blocked_period_create(
                group=group, kind=BlockedPeriod.Kind.UNAVAILABLE, member=member,
                start=data["start"], end=data["end"], note=data["note"],
            ),
        )  # fmt: skip
        if created is not None:
            messages.success(request, _("Unavailability added."))
            return redirect("dialogue:plan-unavailability", slug=group.slug)
    periods = blocked_period_list(group=group, kind=BlockedPeriod.Kind.UNAVAILABLE)
    if not for_others:
        periods = periods.filter(member=own)
    context = {"group": group, "form": form, "periods": periods, "for_others": for_others}
    return render(
        request,
        "dialogue/planning/unavailability.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def period_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = group_get_visible(user=request.user, slug=slug)
    period = get_object_or_404(blocked_period_list(group=group), pk=pk)
    require(request.user, "planning.remove_period", period)
    services.blocked_period_delete(period=period)
    messages.success(request, _("Removed."))
    if period.kind == BlockedPeriod.Kind.UNAVAILABLE:
        return redirect("dialogue:plan-unavailability", slug=group.slug)
    return redirect("dialogue:plan-school-holidays", slug=group.slug)


@login_required
@require_http_methods(["GET", "POST"])
def events(request: HttpRequest, slug: str) -> HttpResponse:
    """Exhibitions and events in the territories that a meeting can be placed next to."""
    group = group_get_visible(user=request.user, slug=slug)
    require(request.user, "planning.enter_event", group)
    form = HostEventForm(posted(request), group=group)
    if form.is_valid():
        data = form.cleaned_data
        created = form_service_apply(form, lambda: services.host_event_create(group=group, **data))
        if created is not None:
            messages.success(request, _("Event added."))
            return redirect("dialogue:plan-events", slug=group.slug)
    context = {"group": group, "form": form, "events": host_event_list(group=group)}
    return render(
        request, "dialogue/planning/events.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def event_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = group_get_visible(user=request.user, slug=slug)
    require(request.user, "planning.remove_event", group)
    event = get_object_or_404(host_event_list(group=group), pk=pk)
    services.host_event_delete(event=event)
    messages.success(request, _("Removed."))
    return redirect("dialogue:plan-events", slug=group.slug)
