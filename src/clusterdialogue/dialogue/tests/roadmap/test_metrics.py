"""Computed indicators read the platform's records for the roadmap's group and years."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from clusterdialogue.collaboration.models import Collaboration
from clusterdialogue.dialogue.models import Indicator, Meeting
from clusterdialogue.dialogue.roadmap.selectors import (
    METRICS,
    MetricResult,
    indicator_progress,
    metric_register,
)
from clusterdialogue.testing import factories
from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.factories import dialogue as factories_dialogue

pytestmark = pytest.mark.django_db


def _meeting(group, number, year, status=Meeting.Status.HELD, host=None):
    return factories_dialogue.MeetingFactory(
        group=group, number=number, start=datetime.date(year, 5, 5), status=status,
        host_territory=host,
    )  # fmt: skip


def _computed(roadmap, metric, target=4):
    objective = factories_dialogue.ObjectiveFactory(roadmap=roadmap)
    return factories_dialogue.IndicatorFactory(
        objective=objective, source_kind=Indicator.SourceKind.COMPUTED, metric_key=metric,
        target=target,
    )  # fmt: skip


def test_meetings_held_and_hosts_count_only_held_meetings_in_the_years(group_world):
    group, territory = group_world.group, group_world.territory
    other = factories.TerritoryFactory(network=group.network)
    roadmap = factories_dialogue.RoadmapFactory(group=group, start_year=2016, end_year=2018)
    _meeting(group, 1, 2015, host=territory)  # before
    _meeting(group, 2, 2016, host=territory)
    _meeting(group, 3, 2017, host=other)
    _meeting(group, 4, 2018, host=territory)
    _meeting(group, 5, 2018, status=Meeting.Status.CANCELLED, host=other)
    _meeting(group, 6, 2019)  # after
    factories_dialogue.MeetingFactory(start=datetime.date(2017, 1, 1))  # another group
    held = indicator_progress(indicator=_computed(roadmap, "meetings_held", target=6))
    assert (held.value, held.percent, held.bar, held.computed) == (Decimal(3), 50, 50, True)
    hosts = indicator_progress(indicator=_computed(roadmap, "host_territories", target=1))
    assert (hosts.value, hosts.percent, hosts.bar) == (Decimal(2), 200, 100)


def test_attendance_is_not_recorded_until_the_meetings_feature_has_it(group_world):
    roadmap = factories_dialogue.RoadmapFactory(group=group_world.group)
    progress = indicator_progress(indicator=_computed(roadmap, "territories_per_meeting"))
    try:
        from clusterdialogue.dialogue.models import Attendance  # noqa: F401
    except ImportError:
        assert progress.value is None and progress.percent is None
        assert "not recorded yet" in str(progress.note)


def _collaboration(kind, year, *partners):
    collaboration = Collaboration.objects.create(
        title="Example", kind=kind, started_on=datetime.date(year, 3, 1)
    )
    collaboration.partners.set(partners)
    return collaboration


def test_collaborations_joint_applications_and_missions_in_the_years(group_world):
    roadmap = factories_dialogue.RoadmapFactory(
        group=group_world.group, start_year=2016, end_year=2018
    )
    inside = factories.RegionFactory(code="QA11", name="Exampleland North-West", level=2)
    elsewhere = factories.RegionFactory(code="QB1", name="Otherland", level=1)
    ours = factories_clusters.ClusterOrganisationFactory(region=inside)
    also_ours = factories_clusters.ClusterOrganisationFactory(region=group_world.territory.region)
    theirs = factories_clusters.ClusterOrganisationFactory(region=elsewhere)
    _collaboration("joint_application", 2016, ours, theirs)
    _collaboration("joint_application", 2019, ours)  # after the roadmap
    _collaboration("bilateral", 2017, ours, also_ours)  # counted once
    _collaboration("mission", 2018, also_ours)
    _collaboration("mission", 2017, theirs)  # no partner in the group's territories
    _collaboration("bilateral", 2017)  # no partner at all
    collaborations = indicator_progress(indicator=_computed(roadmap, "collaborations"))
    joint = indicator_progress(indicator=_computed(roadmap, "joint_applications", target=2))
    missions = indicator_progress(indicator=_computed(roadmap, "missions", target=1))
    assert collaborations.value == 3
    assert (joint.value, joint.percent) == (1, 50)
    assert (missions.value, missions.percent) == (1, 100)


def test_manual_indicator_shows_its_latest_value(group_world):
    indicator = factories_dialogue.IndicatorFactory(target=8)
    assert indicator_progress(indicator=indicator).value is None
    indicator.values.create(value=2, measured_on=datetime.date(2017, 1, 1))
    indicator.values.create(value=6, measured_on=datetime.date(2018, 1, 1))
    progress = indicator_progress(indicator=indicator)
    assert (progress.value, progress.percent, progress.computed) == (6, 75, False)


def test_other_features_register_metrics(group_world):
    metric_register(
        key="example_reach", label="Example reach", compute=lambda r: MetricResult(Decimal(5))
    )
    try:
        roadmap = factories_dialogue.RoadmapFactory(group=group_world.group)
        assert (
            indicator_progress(indicator=_computed(roadmap, "example_reach", target=10)).percent
            == 50
        )
    finally:
        METRICS.pop("example_reach")


def test_missions_count_events_held_in_the_years_and_pipeline_missions(group_world):
    from clusterdialogue.events.models import Event

    roadmap = factories_dialogue.RoadmapFactory(
        group=group_world.group, start_year=2016, end_year=2018
    )
    territory = group_world.territory
    other_network = factories.NetworkFactory(name="Other example network", slug="example-other")
    for slug, kind, year, network in [
        ("example-mission-a", "mission", 2016, group_world.network),
        ("example-mission-b", "mission", 2018, group_world.network),
        ("example-brokerage", "brokerage", 2017, group_world.network),  # not a mission
        ("example-late", "mission", 2019, group_world.network),  # after the roadmap
        ("example-elsewhere", "mission", 2017, other_network),  # another network
    ]:
        Event.objects.create(
            kind=kind, title=f"Example {slug}", slug=slug, network=network,
            host_territory=territory, start=datetime.date(year, 6, 1),
            end=datetime.date(year, 6, 2),
        )  # fmt: skip
    ours = factories_clusters.ClusterOrganisationFactory(region=territory.region)
    _collaboration("mission", 2017, ours)
    missions = indicator_progress(indicator=_computed(roadmap, "missions", target=6))
    assert missions.value == 3 and missions.percent == 50
    assert str(missions.note) == "2 held as events, 1 recorded in the pipeline"
