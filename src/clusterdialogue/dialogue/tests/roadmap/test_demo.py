"""The demo's roadmap and members: sourced where real, labelled example everywhere else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clusterdialogue.dialogue.demo import SOURCE, dialogue_demo_load
from clusterdialogue.dialogue.models import GroupMember, Indicator, Roadmap, RoadmapAction
from clusterdialogue.regions.services import network_create_four_motors
from clusterdialogue.testing import factories

pytestmark = pytest.mark.django_db


def test_demo_roadmap_and_example_members(client):
    for code in ("FRK", "DE1", "ES51", "ITC4", "BE2", "UKL"):
        factories.RegionFactory(code=code)
    network = network_create_four_motors()
    dialogue_demo_load(network=network)
    dialogue_demo_load(network=network)
    roadmap = Roadmap.objects.get()
    assert (roadmap.start_year, roadmap.end_year, roadmap.source) == (2016, 2018, SOURCE)
    assert not roadmap.is_example
    assert sorted(roadmap.objectives.values_list("kind", flat=True)) == [
        "collaboration", "mutual_learning", "visibility",
    ]  # fmt: skip
    assert RoadmapAction.objects.filter(is_example=False).count() == 0
    assert Indicator.objects.filter(is_example=False).count() == 0
    assert all(i.name.startswith("Example") for i in Indicator.objects.all())
    members = GroupMember.objects.filter(group__slug="cluster-dialogue")
    assert members.count() == 12
    assert members.filter(name="Example member 1 (Baden-Württemberg)").exists()
    assert all(m.name.startswith("Example member") for m in GroupMember.objects.all())
    page = client.get(roadmap.get_absolute_url()).content.decode()
    assert page.count('class="badge example"') >= 3 and "Mutual learning" in page
    list_page = client.get(reverse("dialogue:group-list")).content.decode()
    assert "Dialogue on Electromobility" in list_page
