"""Declarative checks of a REST endpoint, shared by every app's API tests (NetBox style).

``ReadOnlyEndpointChecks`` and ``EndpointChecks`` hold the generic tests of one endpoint:
anonymous reads, refused anonymous writes, 403 without the model permission and 201/200/204
with it. ``PayloadChecks`` adds the refusal of bad payloads, field by field. A ``Test…Endpoint``
class only declares its URL, model, an object to read and the payloads; the example data is
the ``small_world`` fixture.
"""

from __future__ import annotations

import json
from typing import ClassVar

import pytest
from django.contrib.auth.models import Permission
from django.db import models

DENIED_ANONYMOUS = {401, 403}
ACTIONS = ("add", "change", "delete", "view")


def permissions_for(model: type[models.Model], *actions: str) -> list[Permission]:
    """The model permissions of ``actions`` (``"add"``, ``"change"``, ...) on ``model``."""
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


class PayloadChecks:
    """Bad payloads are refused with 400 naming the field, and nothing is stored.

    Mix in before ``EndpointChecks``; ``bad_payloads`` lists ``(change to create_data, field)``.
    """

    bad_payloads: ClassVar[list[tuple[dict, str]]]

    def pytest_generate_tests(self, metafunc):
        if metafunc.function.__name__ == "test_bad_payload_is_400_naming_the_field":
            metafunc.parametrize(("payload", "field"), self.bad_payloads)

    def test_bad_payload_is_400_naming_the_field(self, privileged_client, payload, field):
        before = self.model.objects.count()
        response = privileged_client.post(
            self.url,
            data=json.dumps({**self.create_data(), **payload}),
            content_type="application/json",
        )
        assert response.status_code == 400
        assert field in response.json()
        assert self.model.objects.count() == before
