"""The region dashboard of a NUTS 2016 region whose figures are under a later recoding of its code
(invented codes QA…), and under a moved boundary (not shown)."""

from __future__ import annotations

import pytest

from clusterdialogue.regions.models import RegionCodeChange
from clusterdialogue.testing.factories import MappingResultFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def later_world(nuts_tree, industry_factory):
    regions = nuts_tree(["QA", "QA1", "QA11", "QA19", "QA12", "QA18"])
    c29 = industry_factory(code="C29")
    for old, new, relation in (
        ("QA11", "QA19", RegionCodeChange.Relation.RECODED),
        ("QA12", "QA18", RegionCodeChange.Relation.BOUNDARY),
    ):
        RegionCodeChange.objects.create(
            old_code=old, new_code=new, old_version="2016", new_version="2021", relation=relation
        )
    for code in ("QA19", "QA18"):
        MappingResultFactory(region=regions[code], category=c29, level=2, year=2021)
    return regions


def test_dashboard_says_the_figures_are_under_the_later_code(client, later_world):
    response = client.get("/regions/QA11/")

    assert response.status_code == 200
    assert response.context["data_region"].data_code == "QA19"
    assert (
        "Figures are published under QA19, the code of the same territory in a later NUTS "
        "version (2021 or 2024)." in response.content.decode()
    )
    assert "before NUTS 2016" not in response.content.decode()


def test_dashboard_of_a_moved_boundary_takes_no_other_figures(client, later_world):
    response = client.get("/regions/QA12/")

    assert response.status_code == 200
    assert response.context["data_region"].data_code == "QA12"
    assert "Figures are published under" not in response.content.decode()


def test_dashboard_in_french_translates_the_note(client, later_world):
    response = client.get("/regions/QA11/", headers={"accept-language": "fr"})

    assert "Les chiffres sont publiés sous QA19" in response.content.decode()
