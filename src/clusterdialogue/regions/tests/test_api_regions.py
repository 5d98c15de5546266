"""REST API of the regions app, and the checks every API endpoint shares.

NetBox style: ``EndpointChecks`` (and ``ReadOnlyEndpointChecks``) hold the generic tests of one
endpoint: anonymous reads, refused anonymous writes, 403 without the model permission and
201/200/204 with it. Each ``Test…Endpoint`` class only declares its URL, model, an object to
read and the payloads. ``test_api_statistics.py`` reuses these bases for the statistics app.
The example data is the ``small_world`` fixture (two invented countries, clearly not real).
"""

from __future__ import annotations

import json
import re
from typing import ClassVar

import pytest
import yaml
from django.contrib.auth.models import Permission
from django.contrib.staticfiles import finders
from django.db import models
from drf_spectacular.validation import validate_schema

from clusterdialogue.regions.models import Network, Region, RegionCodeChange, Territory
from clusterdialogue.testing import factories

pytestmark = pytest.mark.django_db

DENIED_ANONYMOUS = {401, 403}
ACTIONS = ("add", "change", "delete", "view")


def permissions_for(model: type[models.Model], *actions: str) -> list[Permission]:
    return [
        Permission.objects.get(
            content_type__app_label=model._meta.app_label,
            codename=f"{action}_{model._meta.model_name}",
        )
        for action in actions
    ]


class ReadOnlyEndpointChecks:
    """Generic checks of a read-only endpoint; subclasses declare the class attributes."""

    url: ClassVar[str]  # the list URL, e.g. "/api/regions/"
    model: ClassVar[type[models.Model]]
    lookup: ClassVar[str] = "pk"  # the model field in the detail URL
    list_count: ClassVar[int | None] = None  # objects the list holds in the small world
    detail_fields: ClassVar[set[str]] = set()  # fields the detail answer must have

    @pytest.fixture(autouse=True)
    def _world(self, small_world):
        self.world = small_world

    # Subclasses override these when the object to read needs building.
    def detail_object(self) -> models.Model:
        return self.model.objects.order_by("pk").first()

    def detail_url(self, obj: models.Model) -> str:
        return f"{self.url}{getattr(obj, self.lookup)}/"

    @pytest.fixture
    def privileged_client(self, client, django_user_model):
        user = django_user_model.objects.create_user("editor", password="x")
        user.user_permissions.add(*permissions_for(self.model, *ACTIONS))
        client.force_login(user)
        return client

    @pytest.fixture
    def unprivileged_client(self, client, django_user_model):
        client.force_login(django_user_model.objects.create_user("reader", password="x"))
        return client

    def test_anonymous_list(self, client):
        response = client.get(self.url)
        assert response.status_code == 200
        body = response.json()
        assert {"count", "results"} <= set(body)
        assert body["count"] == self.model.objects.count()
        if self.list_count is not None:
            assert body["count"] == self.list_count

    def test_anonymous_detail(self, client):
        obj = self.detail_object()
        response = client.get(self.detail_url(obj))
        assert response.status_code == 200
        assert self.detail_fields <= set(response.json())

    def test_unknown_detail_is_404(self, client):
        assert client.get(f"{self.url}no-such-object/").status_code == 404

    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    def test_anonymous_cannot_write(self, client, method):
        obj = self.detail_object()
        before = self.model.objects.count()
        url = self.url if method == "post" else self.detail_url(obj)
        response = getattr(client, method)(url, data="{}", content_type="application/json")
        assert response.status_code in DENIED_ANONYMOUS
        assert self.model.objects.count() == before
        assert self.model.objects.filter(pk=obj.pk).exists()


class EndpointChecks(ReadOnlyEndpointChecks):
    """Generic checks of a read-write endpoint."""

    update_data: ClassVar[dict]  # a partial change (PATCH; PUT sends it over the full object)

    def create_data(self) -> dict:
        raise NotImplementedError

    def deletable_object(self) -> models.Model:
        """A fresh object nothing refers to."""
        raise NotImplementedError

    def assert_updated(self, client, obj: models.Model) -> None:
        """The change is stored: a fresh read (from the database) shows it."""
        body = client.get(self.detail_url(obj)).json()
        for name, value in self.update_data.items():
            assert body[name] == value

    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    def test_signed_in_without_permission_is_403(self, unprivileged_client, method):
        obj = self.detail_object()
        before = self.model.objects.count()
        url = self.url if method == "post" else self.detail_url(obj)
        data = self.create_data() if method == "post" else self.update_data
        response = getattr(unprivileged_client, method)(
            url, data=json.dumps(data), content_type="application/json"
        )
        assert response.status_code == 403
        assert self.model.objects.count() == before
        assert self.model.objects.filter(pk=obj.pk).exists()

    def test_create_with_permission(self, privileged_client):
        before = self.model.objects.count()
        data = self.create_data()
        response = privileged_client.post(
            self.url, data=json.dumps(data), content_type="application/json"
        )
        assert response.status_code == 201, response.content
        assert self.model.objects.count() == before + 1
        body = response.json()
        for name, value in data.items():
            assert body[name] == value

    def test_patch_with_permission(self, privileged_client):
        obj = self.detail_object()
        response = privileged_client.patch(
            self.detail_url(obj), data=json.dumps(self.update_data), content_type="application/json"
        )
        assert response.status_code == 200, response.content
        self.assert_updated(privileged_client, obj)

    def test_put_with_permission(self, privileged_client):
        obj = self.detail_object()
        current = privileged_client.get(self.detail_url(obj)).json()
        response = privileged_client.put(
            self.detail_url(obj),
            data=json.dumps({**current, **self.update_data}),
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        self.assert_updated(privileged_client, obj)

    def test_delete_with_permission(self, privileged_client):
        obj = self.deletable_object()
        response = privileged_client.delete(self.detail_url(obj))
        assert response.status_code == 204
        assert not self.model.objects.filter(pk=obj.pk).exists()


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


class TestTerritoryEndpoint(EndpointChecks):
    url = "/api/territories/"
    model = Territory
    list_count = 2
    detail_fields = {"id", "network", "region", "name", "role", "joined_on"}
    update_data = {"name": "North of A (renamed)", "role": "observer"}

    def detail_object(self):
        return self.world["territories"][0]

    def create_data(self):
        return {"network": "example", "region": "QA11", "name": "A One", "role": "observer"}

    def deletable_object(self):
        return factories.TerritoryFactory(
            network=self.world["network"], region=Region.objects.get(code="QB11"), name="B One"
        )

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"region": "ZZ99"}, "region"),
            ({"network": "no-such-network"}, "network"),
            ({"role": "king"}, "role"),
            ({"name": ""}, "name"),
        ],
    )
    def test_bad_payload_is_400_naming_the_field(self, privileged_client, payload, field):
        before = Territory.objects.count()
        response = privileged_client.post(
            self.url,
            data=json.dumps({**self.create_data(), **payload}),
            content_type="application/json",
        )
        assert response.status_code == 400
        assert field in response.json()
        assert Territory.objects.count() == before

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
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not a local static file"
    assert "/api/schema/" in html


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
