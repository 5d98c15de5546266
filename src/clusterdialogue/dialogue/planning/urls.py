"""Routes of the planning feature (under /dialogue/), and its menu entry."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _

from clusterdialogue.dialogue.planning import views
from clusterdialogue.portal.navigation.registry import Entry, Place

DEFAULT_GROUP = "cluster-dialogue"


def _plan_kwargs(place: Place) -> dict[str, Any] | None:
    """The planner of the group being looked at, else the Cluster Dialogue's, else the first
    group the user manages; hidden where the user manages none."""
    from clusterdialogue.common.permissions import can
    from clusterdialogue.dialogue.models import WorkingGroup

    slug = place.kwargs.get("slug") if place.view_name.startswith("dialogue:") else None
    candidates = WorkingGroup.objects.filter(archived_at__isnull=True).select_related("parent")
    ordered = sorted(candidates, key=lambda g: (g.slug != slug, g.slug != DEFAULT_GROUP, g.name))
    for group in ordered:
        if can(place.user, "planning.plan", group):
            return {"slug": group.slug}
    return None


urlpatterns = [
    path("<slug:slug>/plan/", views.plan, name="plan"),
    path("<slug:slug>/plan/plan.csv", views.plan_csv, name="plan-csv"),
    path("<slug:slug>/plan/school-holidays/", views.school_holidays, name="plan-school-holidays"),
    path("<slug:slug>/plan/unavailability/", views.unavailability, name="plan-unavailability"),
    path(
        "<slug:slug>/plan/periods/<int:pk>/delete/", views.period_delete, name="plan-period-delete"
    ),
    path("<slug:slug>/plan/events/", views.events, name="plan-events"),
    path("<slug:slug>/plan/events/<int:pk>/delete/", views.event_delete, name="plan-event-delete"),
]

MENU = [
    Entry(
        "dialogue-planner",
        _("Meeting planner"),
        "dialogue:plan",
        rule="planning.open_planner",
        active=("dialogue:plan-",),
        url_kwargs=_plan_kwargs,
    )
]
