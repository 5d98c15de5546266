"""The collaboration pipeline's pages: the board, a collaboration, its editing, moves, documents.

Collaborations are for signed-in users; writes go through :mod:`..services`, which
checks the user's rights, so the views only translate its answers into pages.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from clusterdialogue.accounts.permissions import user_managed_organisation_ids
from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.models import Collaboration, CooperationPost, FundingCall
from clusterdialogue.collaboration.pipeline import services
from clusterdialogue.collaboration.pipeline.forms import (
    BoardFilterForm,
    CollaborationForm,
    DocumentForm,
    MoveForm,
)
from clusterdialogue.collaboration.pipeline.selectors import (
    collaboration_board,
    collaboration_filter,
    collaboration_partner_rows,
    collaboration_queryset,
    collaboration_years,
)
from clusterdialogue.common.forms import form_errors_add
from clusterdialogue.common.http import posted
from clusterdialogue.common.permissions import can, require
from clusterdialogue.regions.selectors import network_default

POST_KINDS = {
    CooperationPost.Topic.JOINT_PROJECT: Collaboration.Kind.JOINT_APPLICATION,
    CooperationPost.Topic.MISSION: Collaboration.Kind.MISSION,
    CooperationPost.Topic.TECHNOLOGY: Collaboration.Kind.PROJECT,
}
# Long texts and the partner list take a whole row of the form.
WIDE_FIELDS = ("description", "outcome", "partners", "note")


def collaboration_or_404(pk: int) -> Collaboration:
    return get_object_or_404(collaboration_queryset(), pk=pk)


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if target and allowed else fallback


def _board_context(request: HttpRequest, query: Any) -> dict:
    network = network_default()
    form = BoardFilterForm(query, network=network, years=collaboration_years())
    queryset = collaboration_queryset()
    if form.is_valid():
        data = form.cleaned_data
        queryset = collaboration_filter(
            queryset, territory=data["territory"], kind=data["kind"], year=data["year"]
        )
    filters = {k: v for k, v in query.items() if k in form.fields and v}
    columns = collaboration_board(user=request.user, queryset=queryset)
    for card in (card for column in columns for card in column.cards):
        if card.can_move and card.next_stages:
            card.form = MoveForm(collaboration=card.collaboration)
    return {
        "form": form,
        "columns": columns,
        "total": Collaboration.objects.count(),
        "filters": urlencode(filters),
        "can_create": can(request.user, "pipeline.create"),
        "tab": "pipeline",
    }


def pipeline_board(request: HttpRequest) -> HttpResponse:
    """Columns per stage with a card per collaboration; anonymous visitors get an explanation."""
    if not can(request.user, "pipeline.view"):
        return render(request, "collaboration/pipeline/signed_out.html", {"tab": "pipeline"})
    context = _board_context(request, request.GET)
    if request.htmx and request.htmx.target == "pipeline-board":
        return render(request, "collaboration/pipeline/_board.html", context)
    return render(request, "collaboration/pipeline/board.html", context)


def _initial_from_query(request: HttpRequest) -> dict:
    """Prefill a new collaboration from a board post (``?post=``) or a consortium proposal
    (``?call=&partners=slug,slug&lead=slug``); the user's own clusters are partners."""
    initial: dict[str, Any] = {}
    slugs = [s for s in request.GET.get("partners", "").split(",") if s]
    own = list(
        ClusterOrganisation.objects.filter(pk__in=user_managed_organisation_ids(request.user))
    )
    post_pk = request.GET.get("post", "")
    post = CooperationPost.objects.filter(pk=post_pk).first() if post_pk.isdigit() else None
    if post is not None:
        initial.update(
            post=post,
            title=post.title,
            kind=POST_KINDS.get(post.topic, Collaboration.Kind.BILATERAL),
        )
        slugs.append(post.organisation.slug)
    call_pk = request.GET.get("call", "")
    call = FundingCall.objects.filter(pk=call_pk).first() if call_pk.isdigit() else None
    if call is not None:
        initial.update(call=call, kind=Collaboration.Kind.JOINT_APPLICATION)
        initial.setdefault("title", call.title[:300])
    partners = [*own, *ClusterOrganisation.objects.filter(slug__in=slugs)]
    if partners:
        initial["partners"] = list({p.pk: p for p in partners}.values())
    lead = request.GET.get("lead")
    if lead:
        initial["lead"] = ClusterOrganisation.objects.filter(slug=lead).first()
    return initial


@login_required
def collaboration_create(request: HttpRequest) -> HttpResponse:
    """Start following a collaboration (stage *identified*)."""
    require(
        request.user,
        "pipeline.create",
        message=_(
            "Cluster managers, territory representatives and the secretariat start collaborations."
        ),
    )
    data = posted(request)
    form = CollaborationForm(data, user=request.user, initial=_initial_from_query(request))
    if data is not None and form.is_valid():
        try:
            collaboration = services.collaboration_create(
                user=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            form_errors_add(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is now followed in the pipeline.") % {"title": collaboration},
            )
            return redirect(collaboration.get_absolute_url())
    context = {"form": form, "wide_fields": WIDE_FIELDS, "tab": "pipeline"}
    return render(request, "collaboration/pipeline/form.html", context)


@login_required
def collaboration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A collaboration: partners, stage log, documents, and the actions this user may take."""
    collaboration = collaboration_or_404(pk)
    can_edit = can(request.user, "pipeline.edit", collaboration)
    context = {
        "collaboration": collaboration,
        "partners": collaboration_partner_rows(
            collaboration=collaboration, network=network_default()
        ),
        "changes": list(collaboration.stage_changes.all()),
        "documents": collaboration.documents.select_related("uploaded_by").order_by("-uploaded_at"),
        "can_edit": can_edit,
        "can_delete": can(request.user, "pipeline.delete", collaboration),
        "can_download": can(request.user, "pipeline.download_documents", collaboration),
        "move_form": MoveForm(collaboration=collaboration) if can_edit else None,
        "document_form": DocumentForm() if can_edit else None,
        "is_final": not services.stage_next(stage=collaboration.stage),
        "tab": "pipeline",
    }
    return render(request, "collaboration/pipeline/detail.html", context)


@login_required
def collaboration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = collaboration_or_404(pk)
    require(
        request.user,
        "pipeline.edit",
        collaboration,
        message=_("Only the people who act for a partner edit a collaboration."),
    )
    data = posted(request)
    form = CollaborationForm(data, user=request.user, instance=collaboration)
    if data is not None and form.is_valid():
        try:
            services.collaboration_update(
                collaboration=collaboration, user=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            form_errors_add(form, error)
        else:
            messages.success(request, _("The collaboration was saved."))
            return redirect(collaboration.get_absolute_url())
    context = {
        "form": form,
        "collaboration": collaboration,
        "wide_fields": WIDE_FIELDS,
        "tab": "pipeline",
    }
    return render(request, "collaboration/pipeline/form.html", context)


@login_required
def collaboration_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move to a following stage with a date and a note (from the board, htmx, or a page)."""
    collaboration = collaboration_or_404(pk)
    require(
        request.user,
        "pipeline.edit",
        collaboration,
        message=_("Only the people who act for a partner move a collaboration."),
    )
    data = posted(request)
    form = MoveForm(data, collaboration=collaboration)
    if data is not None and form.is_valid():
        values = form.cleaned_data
        try:
            services.collaboration_move(
                collaboration=collaboration,
                user=request.user,
                stage=values["stage"],
                date=values["date"],
                note=values["note"],
                amount=values["amount"],
                expected_stage=values["expected_stage"],
            )
        except ValidationError as error:
            form_errors_add(form, error)
        else:
            label = services.stage_label(values["stage"])
            messages.success(
                request,
                _("“%(title)s” moved to “%(stage)s”.") % {"title": collaboration, "stage": label},
            )
            if request.htmx:
                query = {k: v[-1] for k, v in parse_qs(request.POST.get("filters", "")).items()}
                context = _board_context(request, query)
                return render(request, "collaboration/pipeline/_board.html", context)
            return redirect(_safe_next(request, collaboration.get_absolute_url()))
    context = {
        "collaboration": collaboration,
        "form": form,
        "filters": request.POST.get("filters", ""),
        "next": _safe_next(request, ""),
        "tab": "pipeline",
    }
    if request.htmx and data is not None:
        response = render(request, "collaboration/pipeline/_move_form.html", context)
        response["HX-Retarget"] = f"#move-{collaboration.pk}"
        response["HX-Reswap"] = "outerHTML"
        return response
    status = 400 if data is not None else 200
    return render(request, "collaboration/pipeline/move.html", context, status=status)


@login_required
def collaboration_delete(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = collaboration_or_404(pk)
    require(
        request.user,
        "pipeline.delete",
        collaboration,
        message=_("Only the secretariat and the partners' territory representatives delete it."),
    )
    if request.method == "POST":
        title = str(collaboration)
        services.collaboration_delete(collaboration=collaboration, user=request.user)
        messages.success(request, _("“%(title)s” was deleted.") % {"title": title})
        return redirect("collaboration:pipeline")
    context = {"collaboration": collaboration, "tab": "pipeline"}
    return render(request, "collaboration/pipeline/delete.html", context)
