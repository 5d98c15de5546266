"""Pages of the roadmap feature: a group's roadmaps, one roadmap, its forms and CSV exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from clusterdialogue.common.forms import form_service_apply
from clusterdialogue.common.http import posted
from clusterdialogue.common.permissions import can, require
from clusterdialogue.dialogue.groups.selectors import group_get_visible
from clusterdialogue.dialogue.models import Indicator, Objective, Roadmap, RoadmapAction
from clusterdialogue.dialogue.roadmap import exports, forms, selectors, services


def _roadmap(request: HttpRequest, slug: str, pk: int) -> Roadmap:
    group = group_get_visible(user=request.user, slug=slug)
    roadmap = get_object_or_404(Roadmap.objects.select_related("group"), group=group, pk=pk)
    if not can(request.user, "roadmap.view_roadmap", roadmap):
        raise Http404
    return roadmap


def _form_page(request: HttpRequest, context: dict) -> HttpResponse:
    status = 400 if context["form"].errors else 200
    return render(request, "dialogue/roadmap/form.html", context, status=status)


@require_GET
def roadmap_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_get_visible(user=request.user, slug=slug)
    context = {
        "group": group,
        "roadmaps": selectors.roadmap_list_visible(group=group, user=request.user),
        "manage": can(request.user, "roadmap.manage_roadmap", group),
    }
    return render(request, "dialogue/roadmap/list.html", context)


@login_required
def roadmap_create(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_get_visible(user=request.user, slug=slug)
    require(request.user, "roadmap.manage_roadmap", group)
    form = forms.RoadmapForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        roadmap = form_service_apply(form, lambda: services.roadmap_create(group=group, data=data))
        if roadmap is not None:
            messages.success(request, _("The roadmap is created."))
            return redirect(roadmap)
    return _form_page(request, {"form": form, "group": group, "title": _("New roadmap")})


@require_GET
def roadmap_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    roadmap = _roadmap(request, slug, pk)
    context = {
        "group": roadmap.group,
        "roadmap": roadmap,
        "objectives": selectors.roadmap_detail(roadmap=roadmap),
        "manage": can(request.user, "roadmap.manage_roadmap", roadmap),
        "next_roadmaps": roadmap.next_roadmaps.all(),
    }
    return render(request, "dialogue/roadmap/detail.html", context)


@login_required
def roadmap_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    roadmap = _roadmap(request, slug, pk)
    require(request.user, "roadmap.manage_roadmap", roadmap)
    form = forms.RoadmapForm(posted(request), instance=roadmap)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fresh = Roadmap.objects.get(pk=roadmap.pk)
        if form_service_apply(form, lambda: services.roadmap_update(roadmap=fresh, data=data)):
            messages.success(request, _("The roadmap is saved."))
            return redirect(fresh)
    context = {"form": form, "group": roadmap.group, "roadmap": roadmap, "title": str(roadmap)}
    return _form_page(request, context)


@login_required
def roadmap_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    roadmap = _roadmap(request, slug, pk)
    require(request.user, "roadmap.close_roadmap", roadmap)
    form = forms.CloseForm(posted(request), initial={"lessons": roadmap.lessons})
    if request.method == "POST" and form.is_valid():
        lessons = form.cleaned_data["lessons"]
        if form_service_apply(
            form, lambda: services.roadmap_close(roadmap=roadmap, lessons=lessons)
        ):
            messages.success(request, _("The roadmap is closed."))
            return redirect(roadmap)
    context = {
        "form": form, "group": roadmap.group, "roadmap": roadmap,
        "title": _("Close the roadmap"),
        "intro": _("Write what the group learned; the next roadmap starts from it."),
    }  # fmt: skip
    return _form_page(request, context)


@require_POST
@login_required
def roadmap_draft_next(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    roadmap = _roadmap(request, slug, pk)
    require(request.user, "roadmap.manage_roadmap", roadmap)
    draft = services.roadmap_draft_next(roadmap=roadmap)
    messages.success(
        request, _("The next roadmap is drafted with the objectives, open actions and indicators.")
    )
    return redirect(draft)


def _part_form(
    request: HttpRequest, slug: str, pk: int, *, kind: str, part_pk: int | None
) -> HttpResponse:
    """Add or edit an objective, an action or an indicator of the roadmap."""
    roadmap = _roadmap(request, slug, pk)
    require(request.user, "roadmap.manage_roadmap", roadmap)
    model, form_class, save, titles = PARTS[kind]
    owner = "roadmap" if kind == "objective" else "objective__roadmap"
    instance = get_object_or_404(model, pk=part_pk, **{owner: roadmap}) if part_pk else None
    extra: dict[str, Any] = {} if kind == "objective" else {"roadmap": roadmap}
    initial = {"objective": request.GET.get("objective")} if kind != "objective" else {}
    form = form_class(posted(request), instance=instance, initial=initial, **extra)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if form_service_apply(form, lambda: save(roadmap, data, instance)):
            messages.success(request, _("Saved."))
            return redirect(roadmap)
    title = titles[1] if instance else titles[0]
    context = {"form": form, "group": roadmap.group, "roadmap": roadmap, "title": title}
    if instance is not None and roadmap.status != Roadmap.Status.CLOSED:
        context["delete_url"] = reverse(
            "dialogue:roadmap-part-delete", args=[roadmap.group.slug, roadmap.pk, kind, part_pk]
        )
        context["delete_note"] = DELETE_NOTES[kind]
    return _form_page(request, context)


DELETE_NOTES = {
    "objective": gettext_lazy("Its actions and indicators are removed with it."),
    "action": "",
    "indicator": gettext_lazy("The values entered for it are removed with it."),
}
DELETERS: dict[str, tuple] = {
    "objective": (Objective, lambda part: services.objective_delete(objective=part)),
    "action": (RoadmapAction, lambda part: services.action_delete(action=part)),
    "indicator": (Indicator, lambda part: services.indicator_delete(indicator=part)),
}


@require_POST
@login_required
def part_delete(request: HttpRequest, slug: str, pk: int, kind: str, part: int) -> HttpResponse:
    """Remove an objective, an action or an indicator of a roadmap that is not closed."""
    roadmap = _roadmap(request, slug, pk)
    require(request.user, "roadmap.manage_roadmap", roadmap)
    if kind not in DELETERS:
        raise Http404
    model, delete = DELETERS[kind]
    owner = "roadmap" if kind == "objective" else "objective__roadmap"
    instance = get_object_or_404(model, pk=part, **{owner: roadmap})
    try:
        delete(instance)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Removed."))
    return redirect(roadmap)


PARTS: dict[str, tuple] = {
    "objective": (
        Objective,
        forms.ObjectiveForm,
        lambda r, d, i: services.objective_save(roadmap=r, data=d, objective=i),
        (_("New objective"), _("Edit the objective")),
    ),
    "action": (
        RoadmapAction,
        forms.ActionForm,
        lambda r, d, i: services.action_save(objective=d["objective"], data=d, action=i),
        (_("New action"), _("Edit the action")),
    ),
    "indicator": (
        Indicator,
        forms.IndicatorForm,
        lambda r, d, i: services.indicator_save(objective=d["objective"], data=d, indicator=i),
        (_("New indicator"), _("Edit the indicator")),
    ),
}


@login_required
def objective_form(request: HttpRequest, slug: str, pk: int, part: int | None = None):
    return _part_form(request, slug, pk, kind="objective", part_pk=part)


@login_required
def action_form(request: HttpRequest, slug: str, pk: int, part: int | None = None):
    return _part_form(request, slug, pk, kind="action", part_pk=part)


@login_required
def indicator_form(request: HttpRequest, slug: str, pk: int, part: int | None = None):
    return _part_form(request, slug, pk, kind="indicator", part_pk=part)


@login_required
def value_add(request: HttpRequest, slug: str, pk: int, part: int) -> HttpResponse:
    roadmap = _roadmap(request, slug, pk)
    indicator = get_object_or_404(Indicator, pk=part, objective__roadmap=roadmap)
    require(request.user, "roadmap.enter_value", indicator)
    form = forms.ValueForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = form_service_apply(
            form,
            lambda: services.indicator_value_add(indicator=indicator, user=request.user, data=data),
        )
        if saved is not None:
            messages.success(request, _("The value is recorded."))
            return redirect(roadmap)
    context = {
        "form": form, "group": roadmap.group, "roadmap": roadmap,
        "title": _("Enter a value: %(name)s") % {"name": indicator.name},
    }  # fmt: skip
    return _form_page(request, context)


@require_GET
def roadmap_export(request: HttpRequest, slug: str, pk: int, table: str) -> HttpResponse:
    roadmap = _roadmap(request, slug, pk)
    build = {"actions": exports.roadmap_actions_csv, "indicators": exports.roadmap_indicators_csv}
    if table not in build:
        raise Http404
    response = HttpResponse(build[table](roadmap=roadmap), content_type="text/csv; charset=utf-8")
    name = f"{roadmap.group.slug}-roadmap-{roadmap.start_year}-{roadmap.end_year}-{table}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
