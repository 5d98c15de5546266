"""REST API of the regions app, and the API as a whole (its schema and documentation pages).

The generic checks of each endpoint come from :mod:`clusterdialogue.testing.api`; the classes
here declare the endpoints. The example data is the ``small_world`` fixture (two invented
countries, clearly not real).
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema

from clusterdialogue.regions.models import Network, Region, RegionCodeChange, Territory
from clusterdialogue.testing import factories
from clusterdialogue.testing.api import EndpointChecks, PayloadChecks, ReadOnlyEndpointChecks

pytestmark = pytest.mark.django_db


class TestRegionEndpoint(EndpointChecks):
    url = "/api/regions/"
    model = Region
    lookup = "code"
    list_count = 8
    detail_fields = {"code", "name", "level", "parent", "geometry"}
    update_data = {"name": "Exampleland QA North One"}

    def detail_object(self):
        return Region.objects.get(code="QA11")

    def create_data(self):
        return {"code": "QC", "name": "Exampleland QC", "level": 0, "country_code": "QC"}

    def deletable_object(self):
        return factories.RegionFactory(code="QC9", name="Nowhere", level=1)

    def test_list_leaves_out_geometry(self, client):
        first = client.get(self.url).json()["results"][0]
        assert "geometry" not in first
        assert first["url"].endswith("/api/regions/QA/")

    def test_create_with_parent_code(self, privileged_client):
        response = privileged_client.post(
            self.url,
            data={"code": "QA13", "name": "New", "level": 2, "parent": "QA1"},
            content_type="application/json",
        )
        assert response.status_code == 201
        assert Region.objects.get(code="QA13").parent.code == "QA1"

    def test_create_with_unknown_parent_names_the_field(self, privileged_client):
        response = privileged_client.post(
            self.url,
            data={"code": "QA13", "name": "New", "level": 2, "parent": "ZZ9"},
            content_type="application/json",
        )
        assert response.status_code == 400
        assert "parent" in response.json()
        assert not Region.objects.filter(code="QA13").exists()

    def test_delete_a_region_in_use_is_refused_clearly(self, privileged_client):
        """QA11 has figures (protected): the answer explains it instead of a server error."""
        response = privileged_client.delete(self.detail_url(self.detail_object()))
        assert response.status_code == 409
        detail = response.json()["detail"]
        assert "in use" in detail
        assert "observations" in detail
        assert Region.objects.filter(code="QA11").exists()


class TestNetworkEndpoint(EndpointChecks):
    url = "/api/networks/"
    model = Network
    lookup = "slug"
    list_count = 1
    detail_fields = {"name", "slug", "territories"}
    update_data = {"description": "Regions that work together (an example)."}

    def detail_object(self):
        return self.world["network"]

    def create_data(self):
        return {"name": "Another network", "slug": "another", "is_default": False}

    def deletable_object(self):
        return factories.NetworkFactory(name="Gone", slug="gone", is_default=False)

    def test_detail_nests_the_territories(self, client):
        territories = client.get(self.detail_url(self.detail_object())).json()["territories"]
        assert {(t["region"], t["name"], t["role"]) for t in territories} == {
            ("QA1", "North of A", "partner"),
            ("QB12", "B Two", "associate"),
        }


class TestTerritoryEndpoint(PayloadChecks, EndpointChecks):
    url = "/api/territories/"
    model = Territory
    list_count = 2
    detail_fields = {"id", "network", "region", "name", "role", "joined_on"}
    update_data = {"name": "North of A (renamed)", "role": "observer"}
    bad_payloads = [
        ({"region": "ZZ99"}, "region"),
        ({"network": "no-such-network"}, "network"),
        ({"role": "king"}, "role"),
        ({"name": ""}, "name"),
    ]

    def detail_object(self):
        return self.world["territories"][0]

    def create_data(self):
        return {"network": "example", "region": "QA11", "name": "A One", "role": "observer"}

    def deletable_object(self):
        return factories.TerritoryFactory(
            network=self.world["network"], region=Region.objects.get(code="QB11"), name="B One"
        )

    def test_a_region_joins_a_network_once(self, privileged_client):
        response = privileged_client.post(
            self.url,
            data={"network": "example", "region": "QA1", "name": "Again"},
            content_type="application/json",
        )
        assert response.status_code == 400
        assert Territory.objects.filter(region__code="QA1").count() == 1


class TestRegionCodeChangeEndpoint(ReadOnlyEndpointChecks):
    url = "/api/region-code-changes/"
    model = RegionCodeChange
    list_count = 1
    detail_fields = {"old_code", "new_code", "relation"}

    @pytest.fixture(autouse=True)
    def _recoding(self, _world):
        RegionCodeChange.objects.create(
            old_code="QA3",
            old_version="2013",
            new_code="QA1",
            new_version="2016",
            relation="recoded",
        )

    def test_privileged_user_cannot_write_either(self, privileged_client):
        before = RegionCodeChange.objects.count()
        response = privileged_client.post(
            self.url,
            data={"old_code": "X", "new_code": "Y", "relation": "recoded"},
            content_type="application/json",
        )
        assert response.status_code == 405
        assert RegionCodeChange.objects.count() == before


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("level=2&country_code=QA", {"QA11", "QA12"}),
        ("level=1", {"QA1", "QB1"}),
        ("parent=QB1", {"QB11", "QB12"}),
        ("code=qa1", {"QA1"}),
        ("q=north 1", {"QA11", "QB11"}),
        ("country_code=QZ", set()),
    ],
)
def test_region_filters(client, small_world, query, expected):
    response = client.get(f"/api/regions/?{query}")
    assert response.status_code == 200
    assert {r["code"] for r in response.json()["results"]} == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("network=example", {"North of A", "B Two"}),
        ("role=associate", {"B Two"}),
        ("region=QA1", {"North of A"}),
        ("network=other", set()),
    ],
)
def test_territory_filters(client, small_world, query, expected):
    response = client.get(f"/api/territories/?{query}")
    assert response.status_code == 200
    assert {t["name"] for t in response.json()["results"]} == expected


def test_bad_filter_value_is_400(client, small_world):
    response = client.get("/api/regions/?level=two")
    assert response.status_code == 400
    assert "level" in response.json()


# --- the API as a whole: its OpenAPI schema and documentation pages ---------------------------

SCHEMA_PATHS = [
    "/api/regions/",
    "/api/regions/{code}/",
    "/api/networks/",
    "/api/networks/{slug}/",
    "/api/territories/",
    "/api/territories/{id}/",
    "/api/region-code-changes/",
    "/api/datasets/",
    "/api/datasets/{code}/",
    "/api/industries/",
    "/api/industries/{code}/",
    "/api/observations/",
    "/api/observations/{id}/",
    "/api/mapping/",
    "/api/mapping/{id}/",
]


@pytest.mark.parametrize(
    ("query", "parse"), [("", yaml.safe_load), ("?format=json", json.loads)], ids=["yaml", "json"]
)
def test_schema_is_public_valid_openapi_3(client, query, parse):
    response = client.get(f"/api/schema/{query}")
    assert response.status_code == 200
    schema = parse(response.content.decode())
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # raises on an invalid OpenAPI document
    assert set(SCHEMA_PATHS) <= set(schema["paths"])
    # The mapping is read-only, the others accept writes from permitted users.
    assert set(schema["paths"]["/api/mapping/"]) == {"get"}
    assert "post" in schema["paths"]["/api/territories/"]
    filters = {p["name"] for p in schema["paths"]["/api/mapping/"]["get"]["parameters"]}
    assert {"region", "year", "min_lq", "category", "level"} <= filters


@pytest.mark.parametrize(
    "url",
    [
        "/api/docs/",
        pytest.param(
            "/api/redoc/",
        ),
    ],
)
def test_docs_use_local_static_files_only(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"https?://", html), "the page refers to another site (a CDN?)"
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert any(a.endswith(".js") for a in assets)
    for asset in assets:
        if asset == f"{url}?script=":
            # Swagger UI's start script, served by the docs view itself (no inline script: CSP).
            script = client.get(asset)
            assert script.status_code == 200 and "javascript" in script["Content-Type"]
            assert "/api/schema/" in script.content.decode()
            continue
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not a local static file"
    assert "/api/schema/" in html or f"{url}?script=" in assets


def test_api_root_lists_the_endpoints(client):
    body = client.get("/api/").json()
    assert set(body) >= {
        "regions",
        "region-code-changes",
        "networks",
        "territories",
        "datasets",
        "industries",
        "observations",
        "mapping",
    }
