"""The demo network's working groups: real facts with their source, loaded once."""

from __future__ import annotations

import pytest

from clusterdialogue.dialogue.demo import dialogue_demo_load
from clusterdialogue.dialogue.models import HostCity, WorkingGroup
from clusterdialogue.regions.services import network_create_four_motors
from clusterdialogue.testing import factories

pytestmark = pytest.mark.django_db


def test_demo_groups_are_sourced_nested_and_loaded_once():
    for code in ("FRK", "DE1", "ES51", "ITC4", "BE2", "UKL"):
        factories.RegionFactory(code=code)
    network = network_create_four_motors()
    first = dialogue_demo_load(network=network)
    again = dialogue_demo_load(network=network)
    assert [g.pk for g in first] == [g.pk for g in again]
    assert WorkingGroup.objects.count() == 2
    main = WorkingGroup.objects.get(slug="cluster-dialogue")
    emobility = WorkingGroup.objects.get(slug="dialogue-on-electromobility")
    assert (main.founded_year, emobility.founded_year) == (2007, 2011)
    assert emobility.parent == main
    assert all(g.source and not g.is_example for g in first)
    cities = dict(HostCity.objects.values_list("territory__region__code", "name"))
    assert cities["DE1"] == "Stuttgart" and cities["UKL"] == "Cardiff"
    assert HostCity.objects.count() == 6
