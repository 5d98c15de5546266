"""Every role × every write of the roadmap feature (``roadmap.*`` rules), on the pages.

Same world as the groups matrix: the group's chair and the secretariat manage its roadmaps;
its member, an outsider and the anonymous public are refused and nothing is stored.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from clusterdialogue.dialogue.models import Indicator, Objective, Roadmap, RoadmapAction
from clusterdialogue.dialogue.tests.groups.conftest import DIALOGUE_ROLES
from clusterdialogue.testing.factories import dialogue as factories_dialogue
from clusterdialogue.testing.permissions import (
    APPLIED,
    Action,
    assert_rules_exercised,
    check_action,
)

pytestmark = pytest.mark.django_db

MANAGERS = {"chair": APPLIED, "secretariat": APPLIED}


def _roadmap(world):
    roadmap = factories_dialogue.RoadmapFactory(group=world.group, title="Example plan")
    objective = factories_dialogue.ObjectiveFactory(roadmap=roadmap)
    indicator = factories_dialogue.IndicatorFactory(objective=objective, name="Example manual")
    act = factories_dialogue.RoadmapActionFactory(objective=objective, title="Example to remove")
    return {"roadmap": roadmap, "objective": objective, "indicator": indicator, "action": act}


def _url(name, state, *extra):
    roadmap = state["roadmap"]
    return reverse(f"dialogue:{name}", args=[roadmap.group.slug, roadmap.pk, *extra])


def action(name, perform, outcome, *, rule, on="roadmap"):
    return Action(
        name,
        perform,
        outcome,
        MANAGERS,
        setup=_roadmap,
        rule=rule,
        rule_object=lambda w, s: s[on],
    )


ACTIONS = [
    Action(
        "page: create a roadmap",
        lambda c, w, s: c.post(
            reverse("dialogue:roadmap-create", args=[w.group.slug]),
            {"title": "Example new plan", "start_year": 2019, "end_year": 2021, "status": "draft"},
        ),
        lambda w, s: Roadmap.objects.filter(title="Example new plan").exists(),
        MANAGERS,
        rule="roadmap.manage_roadmap",
        rule_object=lambda w, s: w.group,
    ),
    action(
        "page: edit the roadmap",
        lambda c, w, s: c.post(
            _url("roadmap-edit", s),
            {"title": "Example renamed", "start_year": 2016, "end_year": 2018, "status": "active"},
        ),
        lambda w, s: Roadmap.objects.filter(title="Example renamed").exists(),
        rule="roadmap.manage_roadmap",
    ),
    action(
        "page: add an objective",
        lambda c, w, s: c.post(
            _url("roadmap-objective-add", s), {"kind": "visibility", "text": "Example", "order": 0}
        ),
        lambda w, s: Objective.objects.filter(kind="visibility").exists(),
        rule="roadmap.manage_roadmap",
    ),
    action(
        "page: add an action",
        lambda c, w, s: c.post(
            _url("roadmap-action-add", s),
            {"objective": s["objective"].pk, "title": "Example act", "status": "planned"},
        ),
        lambda w, s: RoadmapAction.objects.filter(title="Example act").exists(),
        rule="roadmap.manage_roadmap",
    ),
    action(
        "page: add an indicator",
        lambda c, w, s: c.post(
            _url("roadmap-indicator-add", s),
            {"objective": s["objective"].pk, "name": "Example count", "source_kind": "manual"},
        ),
        lambda w, s: Indicator.objects.filter(name="Example count").exists(),
        rule="roadmap.manage_roadmap",
    ),
    action(
        "page: enter a value",
        lambda c, w, s: c.post(
            _url("roadmap-value-add", s, s["indicator"].pk),
            {"value": "2", "measured_on": "2017-01-01"},
        ),
        lambda w, s: s["indicator"].values.exists(),
        rule="roadmap.enter_value",
        on="indicator",
    ),
    action(
        "page: remove an action",
        lambda c, w, s: c.post(_url("roadmap-part-delete", s, "action", s["action"].pk)),
        lambda w, s: not RoadmapAction.objects.filter(pk=s["action"].pk).exists(),
        rule="roadmap.manage_roadmap",
    ),
    action(
        "page: remove an indicator",
        lambda c, w, s: c.post(_url("roadmap-part-delete", s, "indicator", s["indicator"].pk)),
        lambda w, s: not Indicator.objects.filter(pk=s["indicator"].pk).exists(),
        rule="roadmap.manage_roadmap",
    ),
    action(
        "page: remove an objective",
        lambda c, w, s: c.post(_url("roadmap-part-delete", s, "objective", s["objective"].pk)),
        lambda w, s: not Objective.objects.filter(pk=s["objective"].pk).exists(),
        rule="roadmap.manage_roadmap",
    ),
    action(
        "page: close the roadmap",
        lambda c, w, s: c.post(_url("roadmap-close", s), {"lessons": "Example lessons"}),
        lambda w, s: Roadmap.objects.filter(pk=s["roadmap"].pk, status="closed").exists(),
        rule="roadmap.close_roadmap",
    ),
    action(
        "page: draft the next roadmap",
        lambda c, w, s: c.post(_url("roadmap-draft-next", s)),
        lambda w, s: Roadmap.objects.filter(previous=s["roadmap"]).exists(),
        rule="roadmap.manage_roadmap",
    ),
]


@pytest.mark.parametrize("role", DIALOGUE_ROLES)
@pytest.mark.parametrize("act", ACTIONS, ids=lambda a: a.name)
def test_matrix(client, group_world, act, role):
    check_action(client, group_world, act, role)


def test_every_roadmap_rule_is_exercised():
    assert_rules_exercised(
        "roadmap",
        ACTIONS,
        elsewhere={"roadmap.view_roadmap": "a read: test_pages.test_drafts_are_for_members"},
    )
