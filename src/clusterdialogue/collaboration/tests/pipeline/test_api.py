"""The pipeline's REST API: collaborations, moves, documents, statistics and the network."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterdialogue.collaboration.models import Collaboration
from clusterdialogue.testing.factories import clusters as factories_clusters

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_collaborations_are_for_signed_in_users(client, pipeline_roles):
    assert client.get("/api/collaborations/").status_code in (401, 403)
    pk = pipeline_roles.collaboration.pk
    assert client.get(f"/api/collaborations/{pk}/").status_code in (401, 403)
    client.force_login(pipeline_roles.user("member"))
    listed = client.get("/api/collaborations/").json()
    assert listed["count"] == 1
    item = listed["results"][0]
    assert item["partners"] == ["example-cluster-a", "example-cluster-e"]
    assert [c["stage"] for c in item["stage_changes"]] == ["identified", "contact"]
    assert client.get("/api/collaborations/", {"stage": "funded"}).json()["count"] == 0


def test_create_move_and_documents_through_the_api(client, pipeline_roles, media_root):
    client.force_login(pipeline_roles.user("manager"))
    created = client.post(
        "/api/collaborations/",
        {
            "title": "Example API collaboration",
            "kind": "joint_application",
            "partners": ["example-cluster-a", "example-cluster-b"],
            "lead": "example-cluster-a",
            "started_on": "2024-01-02",
            "note": "Example note",
            "stage": "funded",  # read-only: ignored
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    data = created.json()
    assert (data["stage"], data["lead"]) == ("identified", "example-cluster-a")
    assert data["stage_changes"][0]["note"] == "Example note"
    base = f"/api/collaborations/{data['id']}/"

    refused = client.post(
        base + "move/", {"stage": "funded", "date": "2024-02-01"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert "From 'Identified' a collaboration moves to" in refused.json()["stage"][0]
    moved = client.post(
        base + "move/",
        {"stage": "contact", "date": "2024-02-01", "note": "first call"},
        content_type="application/json",
    )
    assert moved.status_code == 201 and moved.json()["stage_label"] == "Contact made"
    client.post(
        base + "move/",
        {"stage": "submitted", "date": "2024-03-01", "amount": "125000.00"},
        content_type="application/json",
    )
    assert Collaboration.objects.get(pk=data["id"]).funding_requested == 125000

    upload = client.post(
        base + "documents/",
        {"title": "Example draft", "file": SimpleUploadedFile("draft.pdf", b"%PDF-1.4 draft")},
    )
    assert upload.status_code == 201, upload.content
    document = upload.json()
    stored = list(media_root.rglob("draft*.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == b"%PDF-1.4 draft"
    download = client.get(document["download"])
    assert b"".join(download.streaming_content) == b"%PDF-1.4 draft"
    bad = client.post(base + "documents/", {"file": SimpleUploadedFile("tool.exe", b"MZ")})
    assert bad.status_code == 400 and "tool.exe" in bad.json()["file"][0]
    neither = client.post(base + "documents/", {"title": "nothing"})
    assert neither.status_code == 400
    deleted = client.delete(base + f"documents/{document['id']}/")
    assert deleted.status_code == 204 and not list(media_root.rglob("draft*.pdf"))

    # The manager may not delete the whole collaboration, nor hand it to others only.
    assert client.delete(base).status_code == 403
    handed = client.patch(
        base, {"partners": ["example-cluster-b"]}, content_type="application/json"
    )
    assert handed.status_code == 403
    assert client.patch(base, {"partners": []}, content_type="application/json").status_code == 400


def test_statistics_endpoint_is_public(client, pipeline_world):
    data = client.get("/api/collaboration-statistics/").json()
    assert data["network"] == "example-network" and data["years"] == [2022, 2023, 2024]
    network = data["totals"][-1]
    assert (network["relations"], network["applications"], network["funded"]) == (3, 3, 1)
    assert network["success_rate"] == pytest.approx(0.3333) and network["funding_won"] == 400000
    assert "Example relation AB" not in str(data)
    with_examples = client.get("/api/collaboration-statistics/", {"examples": "true"}).json()
    assert with_examples["totals"][-1]["relations"] == 4
    assert client.get("/api/collaboration-statistics/", {"kind": "love"}).status_code == 400


def test_network_endpoint_is_public(client, pipeline_world):
    data = client.get("/api/collaboration-network/").json()
    assert len(data["nodes"]) == 5 and len(data["edges"]) == 5
    assert data["metrics"]["density"] == 0.5 and data["metrics"]["components"] == 1
    assert data["metrics"]["cross_territory_share"] == pytest.approx(0.8)
    assert data["density_by_year"][-1] == {"year": 2024, "links": 5, "density": 0.5}
    a1 = next(n for n in data["nodes"] if n["id"] == "example-cluster-a1")
    assert (a1["degree"], a1["territory"], a1["profile"]) == (
        3,
        "North",
        "/clusters/example-cluster-a1/",
    )
    until = client.get("/api/collaboration-network/", {"until": 2022}).json()
    assert len(until["edges"]) == 3


def test_the_schema_documents_the_endpoints(client, db):
    factories_clusters.UserFactory(username="schema_reader")
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for path in (
        "/api/collaborations/",
        "/api/collaborations/{id}/move/",
        "/api/collaborations/{id}/documents/",
        "/api/collaboration-statistics/",
        "/api/collaboration-network/",
    ):
        assert path in schema["paths"], path
