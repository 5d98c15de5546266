"""The region analytics page over the synthetic ``analytics_world`` (invented example data).

Expected figures come from running the core engine directly on the invented employment
(:func:`clusterdialogue.testing.fixtures.analytics.analytics_reference`).
"""

from __future__ import annotations

import csv
import io

import pytest

from clusterdialogue.core.diversification import (
    diversification_opportunities,
    specialisation_dynamics,
)
from clusterdialogue.testing.fixtures.analytics import INDUSTRIES, analytics_reference

pytestmark = pytest.mark.django_db

URL = "/analytics/regions/{}/"


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_region_page_shows_every_panel(analytics_world, client, read_page):
    response = client.get(URL.format("QA11"))
    assert response.status_code == 200
    html = read_page(response)
    reference = analytics_reference()[2014]  # 2014: all eight regions, the latest such year
    assert "Smart specialisation" in html.text("key-figures") or "ECI" in html.text("key-figures")
    assert f"{reference.eci['QA11']:.2f}" in html.text("key-figures")
    assert "Compared with the 8 regions of NUTS level 2 with figures in 2014" in html.text(
        "source-note"
    )
    for panel in ("industry-space", "opportunities", "complexity", "dynamics", "method"):
        assert panel in html.ids
    for chart in ("space-chart", "opportunities-chart", "eci-chart", "dynamics-chart"):
        assert html.ids[chart]["data-figure"] in html.scripts


def test_industry_space_colours_the_specialisations(analytics_world, client, read_page):
    html = read_page(client.get(URL.format("QA11")))
    figure = html.scripts["space-chart-data"]
    links, specialised, opportunities, others = figure["data"]
    reference = analytics_reference()[2014]
    expected = {c for c in INDUSTRIES if reference.m.loc["QA11", c] == 1}
    assert set(specialised["text"]) == expected
    assert len(specialised["text"]) + len(opportunities["text"]) + len(others["text"]) == 7
    assert not set(opportunities["text"]) & expected
    assert all("RCA" in text for text in specialised["hovertext"])
    # Every link is drawn as a segment: two points and a break.
    assert len(links["x"]) % 3 == 0 and len(links["x"]) // 3 >= 6  # at least a spanning tree


def test_opportunities_match_the_engine(analytics_world, client, read_page):
    html = read_page(client.get(URL.format("QA11") + "?weight=0.8"))
    expected = diversification_opportunities(analytics_reference()[2014], "QA11", weight=0.8)
    rows = html.rows("opportunities-table")
    assert [row[1].split()[0] for row in rows] == expected["category"].tolist()
    assert [row[4] for row in rows] == expected["quadrant"].tolist()
    assert rows[0][6] == expected["reason"][0]
    scatter = html.scripts["opportunities-chart-data"]
    assert sum(len(trace["x"]) for trace in scatter["data"]) == len(expected)
    assert len(scatter["layout"]["shapes"]) == 2  # the two median lines


def test_eci_over_time_shows_the_territories(analytics_world, client, read_page):
    html = read_page(client.get(URL.format("QA13")))
    labels = [row[0] for row in html.rows("eci-table")]
    assert labels[0].startswith("Example QA13")
    assert [label.split()[0] for label in labels[1:]] == ["Alpha", "Beta", "Gamma"]
    assert "QB9 (QB1) · NUTS 1" in labels[3]
    reference = analytics_reference(level=1)
    assert html.rows("eci-table")[3][1:] == [
        f"{reference[year].eci['QB1']:.2f}" for year in (2012, 2013, 2014)
    ]
    # QA22 has no 2012 figures: its line starts in 2013.
    lines = html.scripts["eci-chart-data"]["data"]
    assert lines[0]["x"] == [2012, 2013, 2014] and lines[0]["line"]["width"] == 4


def test_dynamics_between_two_years(analytics_world, client, read_page):
    html = read_page(client.get(URL.format("QB12") + "?start=2012&end=2014"))
    reference = analytics_reference()
    dynamics = specialisation_dynamics(reference[2012], reference[2014])
    assert html.text("dynamics-evidence") == dynamics.evidence
    own = dynamics.transitions[dynamics.transitions["region"] == "QB12"]
    entries = {row[0].split()[0] for row in html.rows("entries")}
    exits = {row[0].split()[0] for row in html.rows("exits")}
    assert entries == set(own.loc[own["change"] == "entry", "category"])
    assert exits == set(own.loc[own["change"] == "exit", "category"])
    deciles = html.scripts["dynamics-chart-data"]["data"][0]
    assert len(deciles["x"]) == len(dynamics.by_decile)


def test_level1_territory_uses_the_older_code(analytics_world, client, read_page):
    response = client.get(URL.format("QB9"))
    assert response.status_code == 200
    html = read_page(response)
    assert "published under QB1" in html.text("source-note")
    assert "NUTS level 1" in html.text("source-note")
    assert "Associate" in response.content.decode()
    eci = analytics_reference(level=1)[2014].eci["QB1"]
    assert f"{eci:.2f}" in html.text("key-figures")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("QA14", "no employment figures for this region"),
        ("QA111", "computed for countries and NUTS 1 and NUTS 2 regions"),
    ],
)
def test_region_without_figures_gets_a_friendly_message(
    analytics_world, client, read_page, code, message
):
    response = client.get(URL.format(code))
    assert response.status_code == 200
    html = read_page(response)
    assert message in html.text("no-figures")
    assert "space-chart" not in html.ids


def test_nuts3_region_points_to_its_parent(analytics_world, client, read_page):
    html = read_page(client.get(URL.format("QA111")))
    assert URL.format("QA11") in html.links


def test_region_without_figures_in_the_year_lists_its_years(analytics_world, client, read_page):
    response = client.get(URL.format("QA22") + "?year=2012")
    assert response.status_code == 200
    html = read_page(response)
    assert "no figures for this region in 2012" in html.text("no-figures")
    assert "?scheme=nace_division&year=2013" in html.links


def test_unknown_region_is_404(analytics_world, client):
    assert client.get(URL.format("ZZ99")).status_code == 404


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("year=abc", "year"),
        ("weight=2", "weight"),
        ("scheme=isic", "scheme"),
        ("table=everything&format=csv", "table"),
        ("year=1999", "2012, 2013, 2014"),
    ],
)
def test_bad_parameters_are_400_with_a_message(analytics_world, client, read_page, query, named):
    response = client.get(URL.format("QA11") + "?" + query)
    assert response.status_code == 400
    assert named in read_page(response).text("analytics-error")


def test_dynamics_with_years_in_the_wrong_order_says_so(analytics_world, client, read_page):
    response = client.get(URL.format("QA11") + "?start=2014&end=2012")
    assert response.status_code == 200
    html = read_page(response)
    assert "Choose a start year before the end year" in html.text("dynamics-error")
    assert "opportunities-table" in html.ids  # the rest of the page is still there


def test_dynamics_only_between_the_regions_years(analytics_world, client, read_page):
    html = read_page(client.get(URL.format("QA22") + "?start=2012&end=2014"))
    assert "the region's years: 2013, 2014" in html.text("dynamics-error")
    default = read_page(client.get(URL.format("QA22")))
    assert "Entries" in default.text("dynamics") and "2013–2014" in default.text("dynamics")


@pytest.mark.parametrize(
    ("table", "header", "rows"),
    [
        ("profile", ["region", "data_code", "year", "category", "name", "employment", "rca"], 7),
        ("opportunities", ["region", "data_code", "year", "rank", "category", "name"], None),
        ("eci", ["territory", "region", "data_code", "level", "year", "eci"], 3 * 3),
        ("dynamics", ["region", "data_code", "start_year", "end_year", "category"], None),
        ("deciles", ["level", "start_year", "end_year", "decile", "density_from"], None),
    ],
)
def test_every_table_downloads_as_csv(analytics_world, client, table, header, rows):
    response = client.get(URL.format("QA11") + f"?format=csv&table={table}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = read_csv(response)
    assert lines[0][: len(header)] == header
    if rows is not None:
        assert len(lines) - 1 == rows
    assert all(line[:1] in (["QA11"], ["2"], ["Alpha"], ["Beta"], ["Gamma"]) for line in lines[1:])


def test_opportunities_csv_has_the_reasons(analytics_world, client):
    lines = read_csv(client.get(URL.format("QA11") + "?format=csv&table=opportunities&year=2013"))
    expected = diversification_opportunities(analytics_reference()[2013], "QA11")
    assert [line[4] for line in lines[1:]] == expected["category"].tolist()
    assert lines[1][-1] == expected["reason"][0]
    assert lines[1][2] == "2013"


def test_pages_link_to_the_analytics(analytics_world, client, read_page):
    dashboard = read_page(client.get("/regions/QA11/"))
    assert dashboard.ids["analytics-link"]["href"] == URL.format("QA11")
    assert "/analytics/network/" in dashboard.links  # the navigation
    response = client.get("/analytics/")
    assert response.status_code == 302 and response["Location"] == "/analytics/network/"
