"""What the roadmap pages read, and the computed metrics behind its indicators.

A computed indicator names a metric of :data:`METRICS`; each metric reads the platform's own
records for the roadmap's group and years. Other features add theirs with
:func:`metric_register` (e.g. portal reach, once it is recorded).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from clusterdialogue.dialogue.models import Indicator, Meeting, Roadmap
from clusterdialogue.dialogue.roadmap.permissions import user_can_view_roadmap


@dataclass(frozen=True)
class MetricResult:
    value: Decimal | None
    note: str | Promise = ""


@dataclass(frozen=True)
class Metric:
    key: str
    label: str | Promise
    compute: Callable[[Roadmap], MetricResult]


METRICS: dict[str, Metric] = {}


def metric_register(*, key: str, label: str | Promise, compute: Callable[[Roadmap], MetricResult]):
    """Make a metric available to computed indicators (the key is stored on the indicator)."""
    METRICS[key] = Metric(key, label, compute)
    return METRICS[key]


def metric_choices() -> list[tuple[str, str | Promise]]:
    return [(metric.key, metric.label) for metric in METRICS.values()]


def _held_meetings(roadmap: Roadmap) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        group=roadmap.group,
        status=Meeting.Status.HELD,
        start__year__gte=roadmap.start_year,
        start__year__lte=roadmap.end_year,
    )


def _meetings_held(roadmap: Roadmap) -> MetricResult:
    return MetricResult(Decimal(_held_meetings(roadmap).count()))


def _host_territories(roadmap: Roadmap) -> MetricResult:
    hosts = _held_meetings(roadmap).exclude(host_territory=None)
    return MetricResult(Decimal(hosts.values("host_territory").distinct().count()))


def _attendance_model() -> Any:
    """The meetings feature's ``Attendance`` (with a ``meeting`` key), if it exists yet."""
    try:
        model = apps.get_model("dialogue", "Attendance")
    except LookupError:
        return None
    names = {f.name for f in model._meta.get_fields()}
    return model if "meeting" in names else None


def _territories_per_meeting(roadmap: Roadmap) -> MetricResult:
    """The average number of territories represented at the held meetings."""
    model = _attendance_model()
    if model is None:
        return MetricResult(None, _("Attendance is not recorded yet."))
    names = {f.name for f in model._meta.get_fields()}
    path = "territory" if "territory" in names else "member__territory"
    counts = []
    for meeting in _held_meetings(roadmap):
        rows = model.objects.filter(meeting=meeting).exclude(**{path: None})
        counts.append(rows.values(path).distinct().count())
    if not counts:
        return MetricResult(None, _("No meeting held in these years yet."))
    average = Decimal(sum(counts)) / len(counts)
    return MetricResult(average.quantize(Decimal("0.1")), ", ".join(str(c) for c in counts))


def _collaborations(roadmap: Roadmap, **filters: Any) -> QuerySet:
    """Collaborations started in the roadmap's years with a partner in one of the group's
    territories: the pipeline also holds other networks' work, which is not this group's."""
    from clusterdialogue.clusters.models import ClusterOrganisation
    from clusterdialogue.clusters.selectors import cluster_in_territory_q
    from clusterdialogue.collaboration.models import Collaboration
    from clusterdialogue.dialogue.planning.selectors import territory_list_participating

    in_territories = Q(pk__in=[])
    for territory in territory_list_participating(group=roadmap.group):
        in_territories |= cluster_in_territory_q(territory=territory)
    partners = ClusterOrganisation.objects.filter(in_territories)
    return Collaboration.objects.filter(
        started_on__year__gte=roadmap.start_year,
        started_on__year__lte=roadmap.end_year,
        partners__in=partners,
        **filters,
    ).distinct()


def _collaborations_started(roadmap: Roadmap) -> MetricResult:
    return MetricResult(Decimal(_collaborations(roadmap).count()))


def _joint_applications(roadmap: Roadmap) -> MetricResult:
    return MetricResult(Decimal(_collaborations(roadmap, kind="joint_application").count()))


def _missions(roadmap: Roadmap) -> MetricResult:
    """Interclustering missions of the group's network held in the roadmap's years (the events
    app), and missions recorded in the collaboration pipeline; the note gives both counts."""
    import datetime as dt

    held = 0
    if apps.is_installed("clusterdialogue.events"):
        event = apps.get_model("events", "Event")
        held = event.objects.filter(
            kind="mission",
            network=roadmap.group.network,
            start__year__gte=roadmap.start_year,
            start__year__lte=roadmap.end_year,
            end__lt=dt.date.today(),
        ).count()
    recorded = _collaborations(roadmap, kind="mission").count()
    note = _("%(held)s held as events, %(recorded)s recorded in the pipeline") % {
        "held": held,
        "recorded": recorded,
    }
    return MetricResult(Decimal(held + recorded), note)


metric_register(key="meetings_held", label=_("Meetings held by the group"), compute=_meetings_held)
metric_register(
    key="host_territories", label=_("Territories that hosted a meeting"), compute=_host_territories
)
metric_register(
    key="territories_per_meeting",
    label=_("Territories represented per meeting (average)"),
    compute=_territories_per_meeting,
)
metric_register(
    key="collaborations",
    label=_("Collaborations in the collaboration pipeline"),
    compute=_collaborations_started,
)
metric_register(
    key="joint_applications",
    label=_("Joint applications in the collaboration pipeline"),
    compute=_joint_applications,
)
metric_register(
    key="missions",
    label=_("Fact-finding missions held (events) or recorded (pipeline)"),
    compute=_missions,
)


@dataclass(frozen=True)
class Progress:
    """An indicator's current value, where it comes from, and how far it is towards the target."""

    indicator: Indicator
    value: Decimal | None
    computed: bool
    note: str | Promise
    percent: int | None

    @property
    def bar(self) -> int:
        return min(self.percent or 0, 100)


def indicator_progress(*, indicator: Indicator) -> Progress:
    roadmap = indicator.objective.roadmap
    if indicator.source_kind == Indicator.SourceKind.COMPUTED:
        metric = METRICS.get(indicator.metric_key)
        if metric is None:
            result = MetricResult(None, _("Unknown metric."))
        else:
            result = metric.compute(roadmap)
        computed = True
    else:
        latest = indicator.values.first()
        if latest is None:
            result = MetricResult(None, _("No value entered yet."))
        else:
            result = MetricResult(latest.value, latest.measured_on.isoformat())
        computed = False
    percent = None
    if result.value is not None and indicator.target:
        percent = round(result.value / indicator.target * 100)
    return Progress(indicator, result.value, computed, result.note, percent)


def roadmap_list_visible(*, group: Any, user: Any) -> list[Roadmap]:
    roadmaps = group.roadmaps.all()
    return [roadmap for roadmap in roadmaps if user_can_view_roadmap(user, roadmap)]


def roadmap_detail(*, roadmap: Roadmap) -> list[dict[str, Any]]:
    """Each objective with its actions and its indicators' progress."""
    objectives = roadmap.objectives.prefetch_related(
        "actions__owner_member", "actions__territory__region", "indicators__values"
    )
    return [
        {
            "objective": objective,
            "actions": list(objective.actions.all()),
            "progress": [indicator_progress(indicator=i) for i in objective.indicators.all()],
        }
        for objective in objectives
    ]
