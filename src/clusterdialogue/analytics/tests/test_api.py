"""The analytics API over ``analytics_world`` (invented figures), checked against the engine."""

from __future__ import annotations

import pytest

from clusterdialogue.core.diversification import diversification_opportunities
from clusterdialogue.testing.fixtures.analytics import INDUSTRIES, analytics_reference

pytestmark = pytest.mark.django_db


def test_complexity_gives_eci_and_pci(analytics_world, client):
    response = client.get("/api/analytics/complexity/?year=2013")
    assert response.status_code == 200
    data = response.json()
    reference = analytics_reference()[2013]
    assert (data["level"], data["year"], data["years"]) == (2, 2013, [2012, 2013, 2014])
    assert {r["code"]: r["eci"] for r in data["regions"]} == pytest.approx(
        reference.eci.to_dict(), abs=1e-12
    )
    assert {r["code"]: r["diversity"] for r in data["regions"]} == reference.diversity.to_dict()
    assert {c["code"]: c["pci"] for c in data["categories"]} == pytest.approx(
        reference.pci.to_dict(), abs=1e-12
    )
    assert {c["code"]: c["name"] for c in data["categories"]} == INDUSTRIES
    assert data["regions"][0]["name"] == "Example QA11"


def test_complexity_defaults_and_level_1(analytics_world, client):
    data = client.get("/api/analytics/complexity/?level=1").json()
    assert data["year"] == 2014
    reference = analytics_reference(level=1)[2014]
    assert {r["code"]: r["eci"] for r in data["regions"]} == pytest.approx(
        reference.eci.to_dict(), abs=1e-12
    )
    assert [r["code"] for r in data["regions"]] == ["QA1", "QA2", "QB1"]


def test_region_missing_in_a_year_is_left_out(analytics_world, client):
    data = client.get("/api/analytics/complexity/?year=2012").json()
    assert "QA22" not in {r["code"] for r in data["regions"]}
    assert len(data["regions"]) == 7


def test_opportunities_of_a_region(analytics_world, client):
    data = client.get("/api/analytics/regions/QA11/opportunities/?year=2014&weight=0.3").json()
    expected = diversification_opportunities(analytics_reference()[2014], "QA11", weight=0.3)
    assert (data["region"], data["data_code"], data["level"], data["weight"]) == (
        "QA11", "QA11", 2, 0.3,
    )  # fmt: skip
    assert [o["category"] for o in data["opportunities"]] == expected["category"].tolist()
    assert [o["score"] for o in data["opportunities"]] == expected["score"].tolist()
    assert data["opportunities"][0]["reason"] == expected["reason"][0]
    assert data["opportunities"][0]["name"] == INDUSTRIES[expected["category"][0]]
    top = client.get("/api/analytics/regions/QA11/opportunities/?top=2").json()
    assert len(top["opportunities"]) == 2


def test_density_of_a_level1_territory_under_its_older_code(analytics_world, client):
    data = client.get("/api/analytics/regions/QB9/density/").json()
    reference = analytics_reference(level=1)[2014]
    assert (data["region"], data["data_code"], data["level"], data["year"]) == (
        "QB9", "QB1", 1, 2014,
    )  # fmt: skip
    rows = {row["category"]: row for row in data["categories"]}
    assert set(rows) == set(INDUSTRIES)
    for code, row in rows.items():
        assert row["density"] == pytest.approx(reference.density.loc["QB1", code], abs=1e-12)
        assert row["rca"] == pytest.approx(reference.rca.loc["QB1", code], abs=1e-12)
        assert row["specialised"] == reference.m.loc["QB1", code]
        assert row["employment"] == reference.employment.loc["QB1", code]


def test_proximity_pairs(analytics_world, client):
    everything = client.get("/api/analytics/proximity/?year=2014").json()
    assert len(everything["pairs"]) == 7 * 6 // 2
    phi = analytics_reference()[2014].proximity
    for pair in everything["pairs"]:
        assert pair["category_a"] < pair["category_b"]
        assert pair["proximity"] == pytest.approx(phi.loc[pair["category_a"], pair["category_b"]])
    strong = client.get("/api/analytics/proximity/?year=2014&min=0.5").json()
    assert strong["pairs"] == [p for p in everything["pairs"] if p["proximity"] >= 0.5]
    assert [p["proximity"] for p in strong["pairs"]] == sorted(
        (p["proximity"] for p in strong["pairs"]), reverse=True
    )


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/api/analytics/complexity/?year=1999", 400, "year"),
        ("/api/analytics/complexity/?level=5", 400, "level"),
        ("/api/analytics/complexity/?scheme=isic", 400, "scheme"),
        ("/api/analytics/proximity/?min=2", 400, "min"),
        ("/api/analytics/regions/QA11/opportunities/?weight=1.5", 400, "weight"),
        ("/api/analytics/regions/QA22/density/?year=2012", 400, "year"),
        ("/api/analytics/regions/ZZ99/density/", 404, "detail"),
        ("/api/analytics/regions/QA14/opportunities/", 404, "detail"),
        ("/api/analytics/regions/QA111/density/", 404, "detail"),
    ],
)
def test_bad_requests(analytics_world, client, url, status, field):
    response = client.get(url)
    assert response.status_code == status
    assert field in response.json()


def test_without_figures_the_api_says_so(db, client):
    response = client.get("/api/analytics/complexity/")
    assert response.status_code == 400
    assert "years with figures: none" in response.json()["year"][0]


def test_endpoints_are_read_only(analytics_world, client):
    assert client.post("/api/analytics/complexity/", {}).status_code == 405
    assert client.post("/api/analytics/regions/QA11/density/", {}).status_code == 405


def test_schema_documents_the_endpoints(db, client):
    schema = client.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path in (
        "/api/analytics/complexity/",
        "/api/analytics/proximity/",
        "/api/analytics/regions/{code}/opportunities/",
        "/api/analytics/regions/{code}/density/",
    ):
        assert path in paths, path
        assert paths[path]["get"]["tags"] == ["analytics"]
    names = {p["name"] for p in paths["/api/analytics/proximity/"]["get"]["parameters"]}
    assert {"year", "level", "min", "scheme"} <= names
    response = paths["/api/analytics/complexity/"]["get"]["responses"]["200"]
    assert response["content"]["application/json"]["schema"]["$ref"].endswith("/Complexity")
