"""The network page: where the territories' opportunities and specialisations overlap.

Territories of ``analytics_world``: Alpha (QA11) and Beta (QB12) at NUTS 2, Gamma (QB9, figures
under QB1) at NUTS 1; every figure is invented.
"""

from __future__ import annotations

import csv
import io

import pytest

from clusterdialogue.testing.fixtures.analytics import analytics_reference

pytestmark = pytest.mark.django_db

URL = "/analytics/network/"


def candidates(year: int = 2014) -> dict[str, set[str]]:
    """Per territory, the categories without advantage (all are candidates in this world)."""
    level2, level1 = analytics_reference()[year], analytics_reference(level=1)[year]
    return {
        "Alpha": set(level2.m.columns[level2.m.loc["QA11"] == 0]),
        "Beta": set(level2.m.columns[level2.m.loc["QB12"] == 0]),
        "Gamma": set(level1.m.columns[level1.m.loc["QB1"] == 0]),
    }


def test_network_page_lists_the_territories(analytics_world, client, read_page):
    response = client.get(URL)
    assert response.status_code == 200
    html = read_page(response)
    rows = html.rows("territory-table")
    assert [row[0].split()[0] for row in rows] == ["Alpha", "Beta", "Gamma"]
    assert rows[2][0] == "Gamma QB9 (QB1)" and rows[2][1] == "NUTS 1"
    eci = analytics_reference(level=1)[2014].eci["QB1"]
    assert rows[2][2] == f"{eci:.2f}"
    assert "/analytics/regions/QA11/?year=2014" in html.links


def test_joint_opportunities_are_shared_candidates(analytics_world, client, read_page):
    html = read_page(client.get(URL + "?top=100&kind=joint"))
    shared = candidates()
    expected = {
        category
        for category in set.union(*shared.values())
        if sum(category in codes for codes in shared.values()) >= 2
    }
    rows = html.rows("overlap-table")
    assert {row[0].split()[0] for row in rows} == expected
    assert all(row[1] == "joint opportunity" for row in rows)
    for row in rows:
        code = row[0].split()[0]
        named = {name for name, codes in shared.items() if code in codes}
        assert {name for name in named if name in row[2]} == named


def test_each_topic_links_to_the_cluster_directory(analytics_world, client, read_page):
    html = read_page(client.get(URL))
    rows = html.rows("overlap-table")
    assert rows
    for row in rows:
        assert f"/clusters/?nace={row[0].split()[0]}" in html.links
    assert "matchmaking engine" in html.text("matchmaking-note")


def test_kind_filter_keeps_one_kind(analytics_world, client, read_page):
    everything = read_page(client.get(URL + "?top=2")).rows("overlap-table")
    kinds = {row[1] for row in everything}
    assert "shared specialisation" in kinds or "opportunity with a specialised partner" in kinds
    shared = read_page(client.get(URL + "?top=2&kind=shared")).rows("overlap-table")
    assert shared == [row for row in everything if row[1] == "shared specialisation"]


def test_network_tables_download_as_csv(analytics_world, client):
    response = client.get(URL + "?format=csv&top=100")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == [
        "year", "category", "name", "kind", "territories", "opportunity_of", "specialisation_of",
        "mean_score", "clusters",
    ]  # fmt: skip
    assert all(line[-1] == f"http://testserver/clusters/?nace={line[1]}" for line in lines[1:])
    territories = client.get(URL + "?format=csv&table=territories&year=2013")
    lines = list(csv.reader(io.StringIO(territories.content.decode("utf-8-sig"))))
    assert [line[:4] for line in lines[1:]] == [
        ["Alpha", "QA11", "QA11", "2"], ["Beta", "QB12", "QB12", "2"], ["Gamma", "QB9", "QB1", "1"],
    ]  # fmt: skip
    assert all(line[4] == "2013" for line in lines[1:])


@pytest.mark.parametrize(
    ("query", "named"),
    [("top=0", "top"), ("kind=everything", "kind"), ("weight=-1", "weight"), ("year=1999", "1999")],
)
def test_bad_parameters_are_400(analytics_world, client, read_page, query, named):
    response = client.get(URL + "?" + query)
    assert response.status_code == 400
    assert named in read_page(response).text("analytics-error")


def test_territory_without_figures_in_the_year_is_noted(analytics_world, client, read_page):
    from clusterdialogue.testing import factories

    factories.TerritoryFactory(
        network=analytics_world["network"], region=analytics_world["level2"]["QA14"], name="Delta"
    )
    html = read_page(client.get(URL))
    delta = next(row for row in html.rows("territory-table") if row[0].startswith("Delta"))
    assert delta[2] == "no figures in 2014"


def test_without_a_network_the_page_says_so(db, client, read_page):
    response = client.get(URL)
    assert response.status_code == 200
    assert "No network" in read_page(response).text("no-territories")
