"""Roadmap writes: checked input (nothing stored on error), closing with lessons, the next draft."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from clusterdialogue.dialogue.models import (
    Indicator,
    IndicatorValue,
    Objective,
    Roadmap,
    RoadmapAction,
)
from clusterdialogue.dialogue.roadmap import services
from clusterdialogue.testing.factories import dialogue as factories_dialogue

pytestmark = pytest.mark.django_db


def test_create_checks_years_and_names_the_field(group_world):
    with pytest.raises(ValidationError) as error:
        services.roadmap_create(
            group=group_world.group, data={"title": "Example", "start_year": 2019, "end_year": 2018}
        )
    assert "end_year" in error.value.message_dict
    assert not Roadmap.objects.exists()


def test_computed_indicator_needs_a_known_metric(group_world):
    objective = factories_dialogue.ObjectiveFactory()
    with pytest.raises(ValidationError) as error:
        services.indicator_save(
            objective=objective,
            data={"name": "Example", "source_kind": "computed", "metric_key": "nope"},
        )
    assert "metric_key" in error.value.message_dict
    assert not Indicator.objects.exists()


def test_action_owner_must_belong_to_the_group(group_world):
    objective = factories_dialogue.ObjectiveFactory(
        roadmap=factories_dialogue.RoadmapFactory(group=group_world.group)
    )
    stranger = factories_dialogue.GroupMemberFactory()
    with pytest.raises(ValidationError) as error:
        services.action_save(
            objective=objective, data={"title": "Example", "owner_member": stranger}
        )
    assert "owner_member" in error.value.message_dict


def test_close_requires_lessons(group_world):
    roadmap = factories_dialogue.RoadmapFactory(group=group_world.group)
    with pytest.raises(ValidationError) as error:
        services.roadmap_close(roadmap=roadmap, lessons="  ")
    assert "lessons" in error.value.message_dict
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.ACTIVE
    services.roadmap_close(roadmap=roadmap, lessons="Example lesson")
    roadmap.refresh_from_db()
    assert (roadmap.status, roadmap.lessons) == (Roadmap.Status.CLOSED, "Example lesson")
    with pytest.raises(ValidationError):
        services.roadmap_update(roadmap=roadmap, data={"title": "Changed"})


def test_draft_next_copies_objectives_open_actions_and_indicators(group_world):
    roadmap = factories_dialogue.RoadmapFactory(
        group=group_world.group, start_year=2016, end_year=2018
    )
    objective = factories_dialogue.ObjectiveFactory(roadmap=roadmap, kind=Objective.Kind.VISIBILITY)
    factories_dialogue.RoadmapActionFactory(objective=objective, title="Example open")
    factories_dialogue.RoadmapActionFactory(
        objective=objective, title="Example done", status=RoadmapAction.Status.DONE
    )
    indicator = factories_dialogue.IndicatorFactory(
        objective=objective, name="Example reach", target=9
    )
    indicator.values.create(value=3, measured_on="2017-01-01")
    draft = services.roadmap_draft_next(roadmap=roadmap)
    assert (draft.start_year, draft.end_year, draft.status) == (2019, 2021, Roadmap.Status.DRAFT)
    assert draft.previous == roadmap
    copied = draft.objectives.get()
    assert copied.kind == Objective.Kind.VISIBILITY
    assert list(copied.actions.values_list("title", flat=True)) == ["Example open"]
    new_indicator = copied.indicators.get()
    assert (new_indicator.name, new_indicator.target) == ("Example reach", 9)
    assert not new_indicator.values.exists()
    assert roadmap.objectives.get().actions.count() == 2  # the old roadmap is untouched


def test_hand_values_only_for_manual_indicators(group_world):
    indicator = factories_dialogue.IndicatorFactory(
        source_kind="computed", metric_key="meetings_held"
    )
    with pytest.raises(ValidationError):
        services.indicator_value_add(
            indicator=indicator, user=None, data={"value": 1, "measured_on": "2017-01-01"}
        )
    assert not indicator.values.exists()


def test_removing_an_objective_takes_its_actions_indicators_and_values(group_world):
    roadmap = factories_dialogue.RoadmapFactory(group=group_world.group)
    objective = factories_dialogue.ObjectiveFactory(roadmap=roadmap)
    kept = factories_dialogue.ObjectiveFactory(roadmap=roadmap)
    factories_dialogue.RoadmapActionFactory(objective=objective)
    indicator = factories_dialogue.IndicatorFactory(objective=objective)
    indicator.values.create(value=1, measured_on=datetime.date(2017, 1, 1))
    services.objective_delete(objective=objective)
    assert list(roadmap.objectives.all()) == [kept]
    assert not IndicatorValue.objects.filter(indicator_id=indicator.pk).exists()
    assert not RoadmapAction.objects.filter(objective_id=objective.pk).exists()


@pytest.mark.parametrize("part", ["objective", "action", "indicator"])
def test_a_closed_roadmap_keeps_its_parts(group_world, part):
    roadmap = factories_dialogue.RoadmapFactory(group=group_world.group, status="closed")
    objective = factories_dialogue.ObjectiveFactory(roadmap=roadmap)
    parts = {
        "objective": (objective, services.objective_delete),
        "action": (factories_dialogue.RoadmapActionFactory(objective=objective), services.action_delete),
        "indicator": (factories_dialogue.IndicatorFactory(objective=objective), services.indicator_delete),
    }  # fmt: skip
    instance, delete = parts[part]
    with pytest.raises(ValidationError, match="closed roadmap"):
        delete(**{part: instance})
    assert type(instance).objects.filter(pk=instance.pk).exists()
