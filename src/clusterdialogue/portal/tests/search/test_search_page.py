"""The site search page: results grouped by kind, an empty state, only what the user may see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clusterdialogue.clusters.search.index import search_index_update
from clusterdialogue.collaboration.calls.services import funding_calls_load_examples
from clusterdialogue.portal.search.selectors import site_search
from clusterdialogue.testing.factories import board as factories_board


def kinds(groups) -> dict[str, list[str]]:
    return {group.kind: [hit.label for hit in group.hits] for group in groups}


@pytest.fixture
def world(board_world):
    funding_calls_load_examples()
    search_index_update()
    return board_world


def test_a_query_finds_regions_and_clusters_grouped_by_kind(client, world):
    response = client.get(reverse("portal:search"), {"q": "QA11"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-kind="regions"' in html
    assert f'href="{reverse("portal:region", args=["QA11"])}"' in html

    groups = site_search(query="Example cluster A", user=None)
    assert kinds(groups)["clusters"][0] == "Example cluster A"  # the exact name first
    clusters = next(g for g in groups if g.kind == "clusters")
    assert clusters.count == len(clusters.hits) or clusters.more_url.startswith("/clusters/?q=")


def test_funding_calls_and_industries(client, world, example_industries):
    groups = kinds(site_search(query="mobility", user=None))
    assert any("mobility" in title for title in groups["calls"])
    industry = next(iter(example_industries.values()))
    groups = kinds(site_search(query=industry.code, user=None))
    assert any(label.startswith(industry.code) for label in groups["industries"])


def test_empty_state_says_what_to_try(client, world):
    html = client.get(reverse("portal:search"), {"q": "zzzyxw"}).content.decode()
    assert "Nothing matches “zzzyxw”" in html
    assert "Try a region code" in html
    html = client.get(reverse("portal:search")).content.decode()
    assert "Search regions by code or name" in html
    html = client.get(reverse("portal:search"), {"q": "Q"}).content.decode()
    assert "Type at least two letters." in html


def test_results_are_only_what_the_user_may_see(client, world):
    organisation = world.roles.other_organisation
    organisation.is_public = False
    organisation.save()
    search_index_update()
    factories_board.CooperationPostFactory(
        organisation=organisation, title="Example secret pilot line", description="Batteries."
    )
    anonymous = kinds(site_search(query=organisation.name, user=None))
    assert organisation.name not in anonymous.get("clusters", [])
    assert "Example secret pilot line" not in kinds(site_search(query="secret", user=None)).get(
        "posts", []
    )
    secretariat = world.roles.user("secretariat")
    assert (
        organisation.name
        in kinds(site_search(query=organisation.name, user=secretariat))["clusters"]
    )
    assert kinds(site_search(query="secret pilot", user=secretariat))["posts"] == [
        "Example secret pilot line"
    ]
