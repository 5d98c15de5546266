"""Roadmap pages: list, detail with progress bars and sources, forms, close, draft next, CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from clusterdialogue.dialogue.models import Indicator, Roadmap
from clusterdialogue.testing.factories import dialogue as factories_dialogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap(group_world):
    roadmap = factories_dialogue.RoadmapFactory(group=group_world.group, title="Example roadmap")
    objective = factories_dialogue.ObjectiveFactory(roadmap=roadmap, text="Example learning")
    factories_dialogue.RoadmapActionFactory(
        objective=objective, title="Example peer review", territory=group_world.territory
    )
    manual = factories_dialogue.IndicatorFactory(
        objective=objective, name="Example reach", target=4
    )
    manual.values.create(value=3, measured_on="2017-06-01")
    factories_dialogue.IndicatorFactory(
        objective=objective, name="Example meetings", source_kind="computed",
        metric_key="meetings_held", target=2,
    )  # fmt: skip
    return roadmap


def _url(name, roadmap, *extra):
    return reverse(f"dialogue:{name}", args=[roadmap.group.slug, roadmap.pk, *extra])


def test_detail_shows_source_kind_and_progress(client, roadmap):
    page = client.get(roadmap.get_absolute_url()).content.decode()
    assert "Example peer review" in page and "Territory A" in page
    assert "entered by hand" in page and "computed" in page
    assert "75&nbsp;%" in page and 'style="width: 75%"' in page
    assert "0&nbsp;%" in page  # no meeting held yet
    assert "example" in page
    assert "Close the roadmap" not in page


def test_list_and_empty_state(client, group_world, roadmap):
    url = reverse("dialogue:roadmap-list", args=[group_world.group.slug])
    assert "Example roadmap" in client.get(url).content.decode()
    empty = factories_dialogue.WorkingGroupFactory(network=group_world.network)
    page = client.get(reverse("dialogue:roadmap-list", args=[empty.slug])).content.decode()
    assert "no roadmap yet" in page


def test_drafts_are_for_members(client, group_world):
    draft = factories_dialogue.RoadmapFactory(group=group_world.group, status=Roadmap.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(group_world.user("member"))
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_close_needs_lessons_then_draft_next(client, group_world, roadmap):
    client.force_login(group_world.user("chair"))
    response = client.post(_url("roadmap-close", roadmap), {"lessons": ""})
    assert response.status_code == 400
    response = client.post(_url("roadmap-close", roadmap), {"lessons": "Example lessons"})
    assert response.status_code == 302
    page = client.get(roadmap.get_absolute_url()).content.decode()
    assert "Example lessons" in page
    response = client.post(_url("roadmap-draft-next", roadmap))
    draft = Roadmap.objects.get(previous=roadmap)
    assert response["Location"] == draft.get_absolute_url()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Example peer review" in page and "Drafted from the roadmap 2016–2018" in page


def test_forms_add_objective_action_indicator_and_value(client, group_world, roadmap):
    client.force_login(group_world.user("secretariat"))
    objective = roadmap.objectives.get()
    assert (
        client.post(
            _url("roadmap-objective-add", roadmap),
            {"kind": "visibility", "text": "Example seen", "order": 1},
        ).status_code
        == 302
    )
    assert (
        client.post(
            _url("roadmap-action-add", roadmap),
            {"objective": objective.pk, "title": "Example stand", "status": "planned"},
        ).status_code
        == 302
    )
    response = client.post(
        _url("roadmap-indicator-add", roadmap),
        {
            "objective": objective.pk,
            "name": "Example hosts",
            "source_kind": "computed",
            "metric_key": "",
        },
    )
    assert response.status_code == 400 and "metric" in response.content.decode()
    indicator = Indicator.objects.get(name="Example reach")
    response = client.post(
        _url("roadmap-value-add", roadmap, indicator.pk),
        {"value": "4", "measured_on": "2018-01-01"},
    )
    assert response.status_code == 302
    value = indicator.values.first()
    assert value.value == 4 and value.entered_by == group_world.user("secretariat")
    assert roadmap.objectives.count() == 2


def test_csv_exports(client, roadmap):
    actions = client.get(_url("roadmap-export", roadmap, "actions"))
    rows = list(csv.reader(io.StringIO(actions.content.decode())))
    assert rows[0][:2] == ["objective", "action"] and rows[1][1] == "Example peer review"
    indicators = client.get(_url("roadmap-export", roadmap, "indicators"))
    rows = list(csv.DictReader(io.StringIO(indicators.content.decode())))
    reach = next(r for r in rows if r["indicator"] == "Example reach")
    assert (reach["value"], reach["percent"], reach["source"]) == ("3.00", "75", "manual")
    assert client.get(_url("roadmap-export", roadmap, "other")).status_code == 404


def test_api_lists_visible_roadmaps_with_progress(client, group_world, roadmap):
    factories_dialogue.RoadmapFactory(group=group_world.group, status=Roadmap.Status.DRAFT)
    data = client.get("/api/dialogue/roadmaps/").json()
    results = data["results"] if isinstance(data, dict) else data
    assert [r["id"] for r in results] == [roadmap.pk]
    indicators = results[0]["objectives"][0]["indicators"]
    reach = next(i for i in indicators if i["name"] == "Example reach")
    assert (reach["percent"], reach["computed"]) == (75, False)
    assert client.post("/api/dialogue/roadmaps/", {}).status_code in (401, 403, 405)


def test_an_action_is_removed_from_its_edit_page(client, group_world, roadmap):
    client.force_login(group_world.users["chair"])
    action = roadmap.objectives.get().actions.get()
    edit = client.get(_url("roadmap-action-edit", roadmap, action.pk)).content.decode()
    delete_url = _url("roadmap-part-delete", roadmap, "action", action.pk)
    assert f'action="{delete_url}"' in edit
    response = client.post(delete_url, follow=True)
    assert "Example peer review" not in response.content.decode()
    assert not roadmap.objectives.get().actions.exists()


def test_a_closed_roadmap_refuses_removal_and_says_why(client, group_world, roadmap):
    client.force_login(group_world.users["chair"])
    Roadmap.objects.filter(pk=roadmap.pk).update(status="closed")
    objective = roadmap.objectives.get()
    edit = client.get(_url("roadmap-objective-edit", roadmap, objective.pk)).content.decode()
    assert "roadmap-part-delete" not in edit and "/delete/" not in edit
    response = client.post(
        _url("roadmap-part-delete", roadmap, "objective", objective.pk), follow=True
    )
    assert "A closed roadmap is kept as it was closed" in response.content.decode()
    assert roadmap.objectives.filter(pk=objective.pk).exists()


def test_an_unknown_part_kind_is_not_found(client, group_world, roadmap):
    client.force_login(group_world.users["chair"])
    objective = roadmap.objectives.get()
    response = client.post(_url("roadmap-part-delete", roadmap, "meeting", objective.pk))
    assert response.status_code == 404
