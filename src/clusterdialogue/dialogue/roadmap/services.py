"""Writes of the roadmap feature: roadmaps, their parts, closing one and drafting the next."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusterdialogue.dialogue.models import (
    Indicator,
    IndicatorValue,
    Objective,
    Roadmap,
    RoadmapAction,
    WorkingGroup,
)
from clusterdialogue.dialogue.roadmap.selectors import METRICS

ROADMAP_FIELDS = ("title", "start_year", "end_year", "status", "source")


def _check_years(start: Any, end: Any) -> None:
    if start is None:
        raise ValidationError({"start_year": _("Give the first year.")})
    if end is None:
        raise ValidationError({"end_year": _("Give the last year.")})
    if end < start:
        raise ValidationError({"end_year": _("The last year cannot come before the first.")})


def _check_roadmap(data: dict[str, Any]) -> None:
    if not (data.get("title") or "").strip():
        raise ValidationError({"title": _("Give the roadmap a title.")})
    _check_years(data.get("start_year"), data.get("end_year"))
    if data.get("status") == Roadmap.Status.CLOSED:
        raise ValidationError({"status": _("Close a roadmap with its lessons instead.")})


@transaction.atomic
def roadmap_create(*, group: WorkingGroup, data: dict[str, Any]) -> Roadmap:
    _check_roadmap(data)
    values = {key: data[key] for key in ROADMAP_FIELDS if key in data}
    return Roadmap.objects.create(group=group, **values)


@transaction.atomic
def roadmap_update(*, roadmap: Roadmap, data: dict[str, Any]) -> Roadmap:
    if roadmap.status == Roadmap.Status.CLOSED:
        raise ValidationError(_("A closed roadmap is kept as it was."))
    _check_roadmap({**{k: getattr(roadmap, k) for k in ROADMAP_FIELDS}, **data})
    for key in ROADMAP_FIELDS:
        if key in data:
            setattr(roadmap, key, data[key])
    roadmap.save()
    return roadmap


@transaction.atomic
def roadmap_close(*, roadmap: Roadmap, lessons: str) -> Roadmap:
    """Close the roadmap; its lessons are what the next one starts from, so they are required."""
    if roadmap.status == Roadmap.Status.CLOSED:
        raise ValidationError(_("This roadmap is already closed."))
    if not (lessons or "").strip():
        raise ValidationError({"lessons": _("Write the lessons learned before closing.")})
    roadmap.lessons = lessons.strip()
    roadmap.status = Roadmap.Status.CLOSED
    roadmap.save(update_fields=["lessons", "status"])
    return roadmap


@transaction.atomic
def roadmap_draft_next(*, roadmap: Roadmap) -> Roadmap:
    """A draft for the following years with the same objectives, open actions and indicators.

    Hand-entered values are not copied: they measured the old period.
    """
    length = roadmap.end_year - roadmap.start_year
    start = roadmap.end_year + 1
    draft = Roadmap.objects.create(
        group=roadmap.group,
        title=roadmap.title,
        start_year=start,
        end_year=start + length,
        status=Roadmap.Status.DRAFT,
        previous=roadmap,
        is_example=roadmap.is_example,
    )
    for objective in roadmap.objectives.prefetch_related("actions", "indicators"):
        copy = Objective.objects.create(
            roadmap=draft,
            kind=objective.kind,
            text=objective.text,
            order=objective.order,
            is_example=objective.is_example,
        )
        for action in objective.actions.all():
            if action.is_open:
                RoadmapAction.objects.create(
                    objective=copy,
                    title=action.title,
                    owner_member=action.owner_member,
                    owner_text=action.owner_text,
                    territory=action.territory,
                    status=action.status,
                    is_example=action.is_example,
                )
        for indicator in objective.indicators.all():
            Indicator.objects.create(
                objective=copy,
                name=indicator.name,
                unit=indicator.unit,
                target=indicator.target,
                source_kind=indicator.source_kind,
                metric_key=indicator.metric_key,
                is_example=indicator.is_example,
            )
    return draft


def _save(model: type, instance: Any, parent: dict[str, Any], data: dict[str, Any], fields) -> Any:
    if instance is None:
        instance = model(**parent)
    for key in fields:
        if key in data:
            setattr(instance, key, data[key])
    instance.save()
    return instance


@transaction.atomic
def objective_save(
    *, roadmap: Roadmap, data: dict[str, Any], objective: Objective | None = None
) -> Objective:
    if not (data.get("text") or "").strip():
        raise ValidationError({"text": _("Write the objective.")})
    if data.get("kind") not in Objective.Kind.values:
        raise ValidationError({"kind": _("Choose one of the kinds offered.")})
    fields = ("kind", "text", "order")
    return _save(Objective, objective, {"roadmap": roadmap}, data, fields)


@transaction.atomic
def action_save(
    *, objective: Objective, data: dict[str, Any], action: RoadmapAction | None = None
) -> RoadmapAction:
    if not (data.get("title") or "").strip():
        raise ValidationError({"title": _("Say what the action is.")})
    member = data.get("owner_member")
    if member is not None and member.group_id != objective.roadmap.group_id:
        raise ValidationError({"owner_member": _("The owner must be a member of this group.")})
    if data.get("status") and data["status"] not in RoadmapAction.Status.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    fields = ("objective", "title", "owner_member", "owner_text", "territory", "due_on", "status")
    return _save(RoadmapAction, action, {"objective": objective}, data, fields)


@transaction.atomic
def indicator_save(
    *, objective: Objective, data: dict[str, Any], indicator: Indicator | None = None
) -> Indicator:
    if not (data.get("name") or "").strip():
        raise ValidationError({"name": _("Name the indicator.")})
    kind = data.get("source_kind") or Indicator.SourceKind.MANUAL
    if kind == Indicator.SourceKind.COMPUTED and data.get("metric_key") not in METRICS:
        raise ValidationError({"metric_key": _("Choose the metric a computed indicator reads.")})
    if kind == Indicator.SourceKind.MANUAL:
        data = {**data, "metric_key": ""}
    target = data.get("target")
    if target is not None and target < 0:
        raise ValidationError({"target": _("The target cannot be negative.")})
    fields = ("objective", "name", "unit", "target", "source_kind", "metric_key")
    return _save(Indicator, indicator, {"objective": objective}, data, fields)


def _check_not_closed(roadmap: Roadmap) -> None:
    if roadmap.status == Roadmap.Status.CLOSED:
        raise ValidationError(
            _("A closed roadmap is kept as it was closed; draft the next one to change it.")
        )


@transaction.atomic
def objective_delete(*, objective: Objective) -> None:
    """Remove an objective with its actions and indicators (and their entered values)."""
    _check_not_closed(objective.roadmap)
    objective.delete()


@transaction.atomic
def action_delete(*, action: RoadmapAction) -> None:
    _check_not_closed(action.objective.roadmap)
    action.delete()


@transaction.atomic
def indicator_delete(*, indicator: Indicator) -> None:
    """Remove an indicator with the values entered for it."""
    _check_not_closed(indicator.objective.roadmap)
    indicator.delete()


@transaction.atomic
def indicator_value_add(*, indicator: Indicator, user: Any, data: dict[str, Any]) -> IndicatorValue:
    """A hand-entered value, stamped with who entered it."""
    if indicator.source_kind != Indicator.SourceKind.MANUAL:
        raise ValidationError(_("A computed indicator takes its values from the platform."))
    if data.get("value") is None:
        raise ValidationError({"value": _("Give the value.")})
    if data.get("measured_on") is None:
        raise ValidationError({"measured_on": _("Give the date of the value.")})
    return IndicatorValue.objects.create(
        indicator=indicator,
        value=data["value"],
        measured_on=data["measured_on"],
        note=data.get("note", ""),
        entered_by=user if getattr(user, "is_authenticated", False) else None,
    )


# The demo roadmap: the 2016–2018 roadmap and its three objectives are the network's own
# (``dialogue.demo.SOURCE``); its actions and indicator targets are examples, flagged as such.
DEMO_OBJECTIVES = [
    (Objective.Kind.MUTUAL_LEARNING, "Mutual learning and benchmarking on cluster policy and practice, kept cutting-edge and aligned with market needs."),
    (Objective.Kind.COLLABORATION, "Cluster-to-cluster collaboration between the territories."),
    (Objective.Kind.VISIBILITY, "Visibility of the network and its clusters in Europe."),
]  # fmt: skip
DEMO_ACTIONS = {
    Objective.Kind.MUTUAL_LEARNING: "Example action: a peer review of one territory's cluster programme",
    Objective.Kind.COLLABORATION: "Example action: a matchmaking session between clusters of two territories",
    Objective.Kind.VISIBILITY: "Example action: a joint stand at a European cluster event",
}  # fmt: skip
DEMO_INDICATORS = {
    Objective.Kind.MUTUAL_LEARNING: [
        ("Example: meetings held", "meetings", 6, "meetings_held"),
        ("Example: territories that hosted a meeting", "territories", 6, "host_territories"),
    ],
    Objective.Kind.COLLABORATION: [
        ("Example: collaborations in the pipeline", "collaborations", 10, "collaborations"),
        ("Example: joint applications", "applications", 3, "joint_applications"),
    ],
    Objective.Kind.VISIBILITY: [("Example: presentations at European events", "events", 4, "")],
}


@transaction.atomic
def roadmap_demo_load(*, group: WorkingGroup, source: str) -> Roadmap:
    """The Cluster Dialogue's 2016–2018 roadmap (idempotent)."""
    existing = group.roadmaps.filter(start_year=2016, end_year=2018).first()
    if existing:
        return existing
    roadmap = Roadmap.objects.create(
        group=group,
        title="Cluster Dialogue roadmap",
        start_year=2016,
        end_year=2018,
        status=Roadmap.Status.CLOSED,
        source=source,
    )
    territories = list(group.network.territories.order_by("name"))
    for order, (kind, text) in enumerate(DEMO_OBJECTIVES):
        objective = Objective.objects.create(roadmap=roadmap, kind=kind, text=text, order=order)
        RoadmapAction.objects.create(
            objective=objective,
            title=DEMO_ACTIONS[kind],
            owner_text="Example member",
            territory=territories[order % len(territories)] if territories else None,
            status=RoadmapAction.Status.DONE,
            is_example=True,
        )
        for name, unit, target, metric in DEMO_INDICATORS[kind]:
            Indicator.objects.create(
                objective=objective,
                name=name,
                unit=unit,
                target=target,
                source_kind=Indicator.SourceKind.COMPUTED
                if metric
                else Indicator.SourceKind.MANUAL,
                metric_key=metric,
                is_example=True,
            )
    return roadmap
