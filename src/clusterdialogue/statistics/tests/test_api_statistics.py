"""REST API of the statistics app: datasets, industries, observations and the mapping results.

The generic checks of each endpoint come from :mod:`clusterdialogue.testing.api`; the classes
here declare the endpoints, and the module-level tests cover filters and special cases.
"""

from __future__ import annotations

import json

import pytest

from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Dataset, Industry, MappingResult, Observation
from clusterdialogue.testing import factories
from clusterdialogue.testing.api import EndpointChecks, PayloadChecks, ReadOnlyEndpointChecks

pytestmark = pytest.mark.django_db

SBS = "sbs_r_nuts06_r2"


class TestDatasetEndpoint(EndpointChecks):
    url = "/api/datasets/"
    model = Dataset
    lookup = "code"
    list_count = 1
    detail_fields = {"code", "title", "licence", "imported_at", "observation_count"}
    update_data = {"title": "Invented figures for tests"}

    def detail_object(self):
        return Dataset.objects.get(code=SBS)

    def create_data(self):
        return {"code": "my_stats", "title": "My statistics", "source": "a survey"}

    def deletable_object(self):
        return factories.DatasetFactory(code="empty", title="Empty")

    def test_counts_are_read_only(self, privileged_client):
        response = privileged_client.post(
            self.url,
            data={"code": "counted", "title": "T", "observation_count": 99},
            content_type="application/json",
        )
        assert response.status_code == 201
        assert Dataset.objects.get(code="counted").observation_count == 0


class TestIndustryEndpoint(EndpointChecks):
    url = "/api/industries/"
    model = Industry
    lookup = "code"
    list_count = 3
    detail_fields = {"code", "scheme", "section", "name_en", "name_fr"}
    update_data = {"name_fr": "Construction automobile"}

    def detail_object(self):
        return Industry.objects.get(code="C29")

    def create_data(self):
        return {"code": "X1", "scheme": "custom", "name_en": "Example category"}

    def deletable_object(self):
        return factories.IndustryFactory(code="C99", name_en="Unused")

    def test_delete_an_industry_with_figures_is_refused_clearly(self, privileged_client):
        response = privileged_client.delete(self.detail_url(self.detail_object()))
        assert response.status_code == 409
        assert "observations" in response.json()["detail"]
        assert Industry.objects.filter(code="C29").exists()

    def test_unknown_scheme_is_400(self, privileged_client):
        response = privileged_client.post(
            self.url,
            data={"code": "X2", "scheme": "isic", "name_en": "X"},
            content_type="application/json",
        )
        assert response.status_code == 400
        assert "scheme" in response.json()


class TestObservationEndpoint(PayloadChecks, EndpointChecks):
    url = "/api/observations/"
    model = Observation
    list_count = 48  # 4 regions x 3 industries x 2 indicators x 2 years
    detail_fields = {"id", "dataset", "region", "industry", "indicator", "year", "value", "flag"}
    update_data = {"value": 123.0, "flag": "p"}
    bad_payloads = [
        ({"region": "ZZ99"}, "region"),
        ({"industry": "NOPE"}, "industry"),
        ({"dataset": "unknown"}, "dataset"),
        ({"year": "soon"}, "year"),
    ]

    def detail_object(self):
        return Observation.objects.get(
            region__code="QA11", industry__code="C29", indicator="V16110", year=2014
        )

    def create_data(self):
        return {
            "dataset": SBS,
            "region": "QA",
            "industry": "C29",
            "indicator": "V16110",
            "year": 2014,
            "value": 550.0,
            "flag": "",
        }

    def deletable_object(self):
        return factories.ObservationFactory(
            dataset=Dataset.objects.get(code=SBS),
            region=Region.objects.get(code="QB"),
            industry=Industry.objects.get(code="J62"),
        )

    def test_the_same_figure_twice_is_400(self, privileged_client):
        data = {**self.create_data(), "region": "QA11"}  # QA11 C29 V16110 2014 exists
        response = privileged_client.post(
            self.url, data=json.dumps(data), content_type="application/json"
        )
        assert response.status_code == 400
        assert Observation.objects.filter(region__code="QA11", year=2014).count() == 6

    def test_missing_value_stays_null(self, client):
        obs = self.detail_object()
        obs.value, obs.flag = None, "c"
        obs.save()
        body = client.get(self.detail_url(obs)).json()
        assert body["value"] is None
        assert body["flag"] == "c"


class TestMappingEndpoint(ReadOnlyEndpointChecks):
    url = "/api/mapping/"
    model = MappingResult
    list_count = 36  # (4 NUTS-2 + 2 NUTS-1 regions) x 3 categories x 2 years
    detail_fields = {"region", "category", "year", "lq", "stars", "strong", "source"}

    def detail_object(self):
        return MappingResult.objects.get(region__code="QA11", category__code="C29", year=2014)

    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    def test_read_only_even_with_every_permission(self, privileged_client, method):
        obj = self.detail_object()
        url = self.url if method == "post" else self.detail_url(obj)
        response = getattr(privileged_client, method)(
            url, data=json.dumps({"lq": 9.0}), content_type="application/json"
        )
        assert response.status_code == 405
        obj.refresh_from_db()
        assert obj.lq == pytest.approx(2.2988505747)
        assert MappingResult.objects.count() == self.list_count

    def test_unprivileged_user_cannot_write(self, unprivileged_client):
        response = unprivileged_client.post(self.url, data="{}", content_type="application/json")
        assert response.status_code == 403

    def test_detail_matches_the_database(self, client):
        obj = self.detail_object()
        body = client.get(self.detail_url(obj)).json()
        assert body["region"] == "QA11"
        assert body["category"] == "C29"
        assert body["lq"] == pytest.approx(obj.lq)
        assert (body["stars"], body["lq_rank"], body["source"]) == (3, 1, "published")


def results(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["results"])  # the small world fits on one page
    return body["results"]


def test_mapping_filter_region_year_min_lq(client, small_world):
    rows = results(client, "/api/mapping/?region=QA11&year=2014&min_lq=1")
    assert [(r["region"], r["category"], r["year"]) for r in rows] == [("QA11", "C29", 2014)]
    stored = MappingResult.objects.get(region__code="QA11", category__code="C29", year=2014)
    assert rows[0]["lq"] == pytest.approx(stored.lq)
    assert rows[0]["employment"] == stored.employment == 500


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=C29&level=2&year=2014", {"QA11", "QB12", "QA12", "QB11"}),
        ("category=C29&level=2&year=2014&min_stars=3", {"QA11"}),
        ("level=1&year=2013&source=children_sum&strong=true", {"QA1", "QB1"}),
        ("region=QB12&year=2014&min_lq=1", {"QB12"}),
        ("year=1999", set()),
    ],
)
def test_mapping_filters(client, small_world, query, expected):
    assert {r["region"] for r in results(client, f"/api/mapping/?{query}")} == expected


def test_observation_filter_dataset_indicator(client, small_world):
    rows = results(client, f"/api/observations/?dataset={SBS}&indicator=V16110&limit=100")
    assert len(rows) == 24
    assert {r["indicator"] for r in rows} == {"V16110"}
    assert {r["dataset"] for r in rows} == {SBS}
    by_key = {(r["region"], r["industry"], r["year"]): r["value"] for r in rows}
    assert by_key[("QB12", "C21", 2014)] == 200
    assert by_key[("QB12", "C21", 2013)] == pytest.approx(180)


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("region=QA11&industry=C29&indicator=V16110", 2),
        ("region=QA11&year_from=2014", 6),
        ("year_to=2013&indicator=V11210", 12),
        (f"dataset={SBS}&flag=c", 0),
        ("dataset=other", 0),
    ],
)
def test_observation_filters(client, small_world, query, count):
    assert len(results(client, f"/api/observations/?{query}")) == count


@pytest.mark.parametrize(
    ("query", "expected"),
    [("section=C", {"C21", "C29"}), ("scheme=nace_division", {"C21", "C29", "J62"})],
)
def test_industry_filters(client, small_world, query, expected):
    assert {r["code"] for r in results(client, f"/api/industries/?{query}")} == expected


def test_pagination_limit_offset(client, small_world):
    first = client.get("/api/observations/?limit=5").json()
    second = client.get("/api/observations/?limit=5&offset=5").json()
    assert first["count"] == second["count"] == 48
    assert len(first["results"]) == len(second["results"]) == 5
    assert {r["id"] for r in first["results"]}.isdisjoint(r["id"] for r in second["results"])
    assert "offset=5" in first["next"]
