"""Pages of the calls area: the calls, a call with its matching clusters, the consortium
builder (with its CSV download and "start a collaboration"), and the secretariat's import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdialogue.clusters.selectors import cluster_list_public
from clusterdialogue.collaboration.calls.filters import FundingCallFilterSet
from clusterdialogue.collaboration.calls.forms import (
    CallFilterForm,
    CallImportForm,
    ConsortiumForm,
    StartCollaborationForm,
)
from clusterdialogue.collaboration.calls.selectors import (
    consortium_csv_rows,
    consortium_default_lead,
    consortium_lead_choices,
    consortium_proposals,
    funding_call_list,
    funding_call_matches,
    funding_call_status,
)
from clusterdialogue.collaboration.calls.services import (
    collaboration_start_from_proposal,
    funding_calls_import,
)
from clusterdialogue.collaboration.models import FundingCall
from clusterdialogue.common.errors import ServiceError
from clusterdialogue.common.permissions import can, require
from clusterdialogue.core.io import calls as calls_layout
from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.portal.exports import csv_response, wants_csv


def call_list(request: HttpRequest) -> HttpResponse:
    """The calls, nearest deadline first, filtered by status and programme."""
    filters = CallFilterForm(request.GET or None)
    calls = FundingCallFilterSet(request.GET, queryset=funding_call_list()).qs
    rows = [(call, funding_call_status(call=call)) for call in calls]
    return render(
        request,
        "collaboration/calls/list.html",
        {"filters": filters, "rows": rows, "can_import": can(request.user, "calls.import")},
    )


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A call, its rules, and the clusters whose profiles best match its topic."""
    call = get_object_or_404(FundingCall, pk=pk)
    return render(
        request,
        "collaboration/calls/detail.html",
        {
            "call": call,
            "status": funding_call_status(call=call),
            "matches": funding_call_matches(call=call, top=15),
        },
    )


def _builder_querysets(request: HttpRequest) -> tuple[QuerySet, QuerySet]:
    """The clusters that may lead (for this user) and those that may be partners."""
    return consortium_lead_choices(user=request.user), cluster_list_public().order_by("name")


def call_consortium(request: HttpRequest, pk: int) -> HttpResponse:
    """The consortium builder: proposals for a lead, with explanations (open to everyone).

    Building reads only, so the options travel in the address (GET) and a result can be
    shared; ``?format=csv`` downloads the proposals.
    """
    call = get_object_or_404(FundingCall, pk=pk)
    leads, candidates = _builder_querysets(request)
    bound = "lead" in request.GET
    default_lead = consortium_default_lead(user=request.user)
    form = ConsortiumForm(
        request.GET if bound else None,
        leads=leads,
        candidates=candidates,
        initial={"lead": default_lead.slug if default_lead else None},
    )
    context = {"call": call, "status": funding_call_status(call=call), "form": form}
    if bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = consortium_proposals(
                call=call,
                lead=data["lead"],
                size=data["size"],
                territory_weight=data["territory_weight"],
                pinned=[o.slug for o in data["pinned"]],
                excluded=[o.slug for o in data["excluded"]],
                proposals=data["proposals"],
            )
        except ServiceError as error:
            form.add_error("lead", str(error))
        else:
            if wants_csv(request):
                header, rows = consortium_csv_rows(result)
                return csv_response(f"consortia-call-{call.pk}.csv", header, rows)
            csv_query = request.GET.copy()
            csv_query["format"] = "csv"
            context.update(
                result=result,
                proposals=[(p, result.members(p)) for p in result.proposals],
                lead=data["lead"],
                can_start=can(request.user, "calls.start_collaboration", data["lead"]),
                csv_url=f"{request.path}?{csv_query.urlencode()}",
            )
    return render(request, "collaboration/calls/consortium.html", context)


@login_required
@require_POST
def call_consortium_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a joint application from a proposal (the lead's managers, representative, secretariat)."""
    call = get_object_or_404(FundingCall, pk=pk)
    leads, candidates = _builder_querysets(request)
    form = StartCollaborationForm(request.POST, leads=leads, candidates=candidates)
    if not form.is_valid():
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
        messages.error(request, _("The proposal could not be read (%s).") % problems)
        return redirect("collaboration:call-consortium", pk=call.pk)
    try:  # the service refuses (PermissionDenied: 403) users who may not act for the lead
        collaboration = collaboration_start_from_proposal(
            user=request.user,
            call=call,
            lead=form.cleaned_data["lead"],
            partner_slugs=[o.slug for o in form.cleaned_data["partners"]],
            title=form.cleaned_data["title"],
        )
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("collaboration:call-consortium", pk=call.pk)
    messages.success(
        request,
        _("The collaboration “%(title)s” was started at the stage “Identified”.")
        % {"title": collaboration.title},
    )
    try:
        return redirect(collaboration.get_absolute_url())
    except NoReverseMatch:  # the pipeline's pages are not installed: stay on the call
        return redirect(reverse("collaboration:call-detail", args=[call.pk]))


@login_required
def call_import(request: HttpRequest) -> HttpResponse:
    """Upload a CSV or JSON file of calls (secretariat only); a bad file changes nothing."""
    require(
        request.user,
        "calls.import",
        message=_("Only the network's secretariat imports funding calls."),
    )
    form = CallImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "layout": calls_layout.__doc__, "report": None}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["report"] = funding_calls_import(
                source=upload.read(), name=upload.name, is_example=form.cleaned_data["is_example"]
            )
        except DataFileError as error:
            form.add_error("file", str(error))
    return render(request, "collaboration/calls/import.html", context)
