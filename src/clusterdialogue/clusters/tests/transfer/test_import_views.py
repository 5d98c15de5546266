"""The secretariat's import page and the directory downloads."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.testing.factories import NetworkFactory, TerritoryFactory
from clusterdialogue.testing.factories.clusters import (
    ClusterOrganisationFactory,
    ContactPersonFactory,
    UserFactory,
)

GOOD = b"name,region\nExample Cluster One,FRK\nExample Cluster Two,DE1\n"
BAD = GOOD + b"Example Cluster Three,ZZ9\n"


def upload(client, content: bytes, **extra):
    file = SimpleUploadedFile("profiles.csv", content, content_type="text/csv")
    return client.post(reverse("clusters:import"), {"file": file, **extra})


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(reverse("clusters:import"))
    assert response.status_code == 302 and "login" in response.url


def test_users_without_the_secretariat_role_are_refused(client, transfer_world):
    client.force_login(UserFactory())
    assert client.get(reverse("clusters:import")).status_code == 403
    assert upload(client, GOOD).status_code == 403
    assert not ClusterOrganisation.objects.exists()


def test_secretariat_checks_then_confirms(client, transfer_world, secretariat_user):
    client.force_login(secretariat_user)
    page = client.get(reverse("clusters:import"))
    assert page.status_code == 200 and b"The import layout" in page.content

    checked = upload(client, GOOD)
    assert checked.status_code == 200
    assert b"2 to create" in checked.content and b'name="confirm"' in checked.content
    assert not ClusterOrganisation.objects.exists()

    done = client.post(reverse("clusters:import"), {"confirm": "1"})
    assert done.status_code == 200 and b"2 created" in done.content
    assert ClusterOrganisation.objects.count() == 2

    again = client.post(reverse("clusters:import"), {"confirm": "1"})
    assert b"no longer available" in again.content


def test_rejected_rows_block_the_confirmation(client, transfer_world, secretariat_user):
    client.force_login(secretariat_user)
    checked = upload(client, BAD)
    assert b"unknown region code" in checked.content and b'name="confirm"' not in checked.content

    with_skip = upload(client, BAD, skip_invalid="on")
    assert b"Import the valid rows" in with_skip.content
    client.post(reverse("clusters:import"), {"confirm": "1"})
    assert ClusterOrganisation.objects.count() == 2


def test_unreadable_upload_shows_the_error(client, transfer_world, secretariat_user):
    client.force_login(secretariat_user)
    response = upload(client, b"name;region\nX;FRK\n")
    assert response.status_code == 200 and b"no column" in response.content


@pytest.fixture
def listed(transfer_world):
    regions = transfer_world["regions"]
    first = ClusterOrganisationFactory(name="Example One", region=regions["FRK"], status="active")
    ClusterOrganisationFactory(name="Example Two", region=regions["DE11"])
    ClusterOrganisationFactory(name="Example Hidden", region=regions["DE1"], is_public=False)
    ContactPersonFactory(organisation=first, name="Example Person", public_consent=True)
    network = NetworkFactory(slug="example-network")
    territory = TerritoryFactory(network=network, region=regions["DE1"], name="Example land")
    return {"territory": territory}


@pytest.mark.parametrize("format_", ["csv", "xlsx", "json"])
def test_export_views(client, listed, format_):
    response = client.get(f"/clusters/export.{format_}")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert b"Example Person" not in response.content


def test_export_takes_the_directory_filters(client, listed):
    territory = listed["territory"]
    response = client.get(reverse("clusters:export", args=["csv"]), {"territory": territory.pk})
    names = [row["name"] for row in csv.DictReader(io.StringIO(response.content.decode()))]
    assert names == ["Example Two"], "only public profiles of the territory"

    response = client.get("/clusters/export.json", {"status": "active"})
    assert [row["name"] for row in json.loads(response.content)] == ["Example One"]

    assert client.get("/clusters/export.csv", {"status": "nonsense"}).status_code == 400
    assert client.get("/clusters/export.pdf").status_code == 404
