"""Partner suggestions on the profile page, the settings page (HTML, htmx, CSV) and the API."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

from clusterdialogue.testing.factories.clusters import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _page(world) -> str:
    return reverse("collaboration:recommendations", args=[world["query"].slug])


def _partners(html: str) -> list[str]:
    """The partners' names in the results table, in order."""
    table = html[html.index('class="data recommendations"') :]
    return re.findall(r'<td><a href="/clusters/[^"]+/">([^<]+)</a>', table)


def test_the_profile_page_shows_suggestions_with_reasons(client, recommendation_world):
    html = client.get(recommendation_world["query"].get_absolute_url()).content.decode()
    assert "Partner suggestions" in html
    assert "Example similar too" in html and "shared themes: electric mobility" in html
    assert "Example same territory" not in html  # cross-territory by default
    assert _page(recommendation_world) in html


def test_the_profile_page_opens_when_the_engine_fails(client, recommendation_world, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("no index")

    monkeypatch.setattr(
        "clusterdialogue.collaboration.suggestions.selectors.organisation_recommendations",
        broken,
    )
    response = client.get(recommendation_world["query"].get_absolute_url())
    assert response.status_code == 200
    assert "The engine has no partner to suggest yet" in response.content.decode()


def test_the_settings_change_the_table(client, recommendation_world):
    url = _page(recommendation_world)
    default = client.get(url).content.decode()
    assert re.search(r'type="checkbox" name="cross_territory"[^>]* checked', default)
    by_similarity = client.get(url, {"similarity_weight": "1"}).content.decode()
    by_complementarity = client.get(url, {"similarity_weight": "0"}).content.decode()
    assert _partners(by_similarity)[0] == "Example similar too"
    assert _partners(by_complementarity)[0] == "Example complementary"
    assert _partners(by_similarity) != _partners(by_complementarity)
    # The hidden "off" and the ticked box: the last value wins.
    both = client.get(f"{url}?cross_territory=off&cross_territory=on").content.decode()
    assert "Example same territory" not in both
    unticked = client.get(f"{url}?cross_territory=off").content.decode()
    assert "Example same territory" in unticked
    assert "Territory 2" in unticked and "component-bar similarity" in unticked


def test_htmx_gets_the_table_only(client, recommendation_world):
    response = client.get(_page(recommendation_world), {"quota": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "<table" in html
    assert html.count("Example similar") == 1  # one of the two of territory 2


def test_csv_download(client, recommendation_world):
    response = client.get(_page(recommendation_world), {"format": "csv", "top": "2"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["rank"] for r in rows] == ["1", "2"]
    assert rows[0]["partner_slug"] == "similar-too" and rows[0]["territory"] == "Territory 2"
    assert rows[0]["reasons"] and float(rows[0]["score"]) >= float(rows[1]["score"])


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"similarity_weight": "2"}, "similarity_weight"),
        ({"top": "0"}, "top"),
        ({"quota": "none"}, "quota"),
        ({"min_score": "-1"}, "min_score"),
    ],
)
def test_bad_settings_are_named(client, recommendation_world, params, field):
    page = client.get(_page(recommendation_world), params)
    assert page.status_code == 400 and f"Setting “{field}”" in page.content.decode()
    api = client.get(f"/api/recommendations/{recommendation_world['query'].slug}/", params)
    assert api.status_code == 400 and field in api.json()


def test_the_api_is_public_for_public_profiles(client, recommendation_world):
    slug = recommendation_world["query"].slug
    body = client.get(f"/api/recommendations/{slug}/").json()
    assert body["settings"] == {
        "similarity_weight": 0.7,
        "cross_territory": True,
        "min_score": 0.0,
        "quota": None,
        "top": 10,
    }
    first = body["results"][0]
    assert first["rank"] == 1 and first["territory"] == "Territory 2"
    assert first["relatedness"] is None  # no employment data in this world
    assert any("relatedness left out" in note for note in body["notes"])
    by_complementarity = client.get(
        f"/api/recommendations/{slug}/?similarity_weight=0&cross_territory=false&top=1"
    ).json()
    assert [r["partner"] for r in by_complementarity["results"]] == ["complementary"]
    everyone = client.get(f"/api/recommendations/{slug}/?cross_territory=false").json()
    assert "same-territory" in {r["partner"] for r in everyone["results"]}


def test_private_profiles_are_hidden(client, recommendation_world):
    query = recommendation_world["query"]
    query.is_public = False
    query.save()
    assert client.get(f"/api/recommendations/{query.slug}/").status_code == 404
    assert client.get(_page(recommendation_world)).status_code == 404
    manager = UserFactory(username="query_manager")
    RoleAssignmentFactory(user=manager, role="cluster_manager", organisation=query)
    client.force_login(manager)
    assert client.get(f"/api/recommendations/{query.slug}/").status_code == 200
    assert client.get(_page(recommendation_world)).status_code == 200
