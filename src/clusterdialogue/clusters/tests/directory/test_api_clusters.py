"""The directory's REST API: profiles with filters and search, members, labels, permissions."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from clusterdialogue.clusters.search import cluster_search
from clusterdialogue.testing.factories.clusters import ContactPersonFactory, UserFactory


@pytest.fixture
def api():
    return APIClient()


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


def test_list_shows_public_profiles_without_contact_persons(api, directory_world):
    ContactPersonFactory(organisation=directory_world["emobility"], public_consent=True,
                         name="Example Person", email="person@example.org")  # fmt: skip
    response = api.get("/api/clusters/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    assert slugs(response) == ["example-emobility", "example-health", "example-software"]
    text = response.content.decode()
    assert "contacts" not in data["results"][0] and "person@example.org" not in text
    first = data["results"][0]
    assert first["sectors"] == ["C29"] and first["region"] == "QA11"
    assert first["member_total"] == 32 and first["score"] is None


def test_list_filters_and_ranked_search(api, directory_world):
    assert slugs(api.get("/api/clusters/", {"nace": "J62"})) == ["example-software"]
    assert slugs(api.get("/api/clusters/", {"size": "200+"})) == ["example-health"]
    response = api.get("/api/clusters/", {"q": "mobilité", "limit": 2})
    assert response.json()["count"] == 3
    assert slugs(response) == ["example-emobility", "example-software"]
    scores = [item["score"] for item in response.json()["results"]]
    assert scores[0] > scores[1] > 0
    response = api.get("/api/clusters/", {"q": "mobilité", "limit": 2, "offset": 2})
    assert slugs(response) == ["example-health"]


def test_invalid_filter_is_a_400_naming_it(api, directory_world):
    response = api.get("/api/clusters/", {"size": "huge"})
    assert response.status_code == 400
    assert "size" in response.json()


def test_detail_by_slug_and_private_profiles_are_hidden(api, directory_world):
    response = api.get("/api/clusters/example-health/")
    assert response.status_code == 200
    assert response.json()["labels"][0]["name"] == "ESCA"
    assert api.get("/api/clusters/example-hidden/").status_code == 404
    assert api.get("/api/clusters/example-archived/").status_code == 404


def test_search_endpoint_returns_ranked_results_with_scores(api, directory_world):
    response = api.get("/api/clusters/search/", {"q": "mobilit"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["slug"] for r in results] == ["example-emobility", "example-software",
                                           "example-health"]  # fmt: skip
    assert results[0]["score"] >= 2 and results[2]["score"] < 1
    assert results[0]["url"].endswith("/api/clusters/example-emobility/")
    filtered = api.get("/api/clusters/search/", {"q": "mobilit", "status": "provisional"})
    assert [r["slug"] for r in filtered.json()["results"]] == ["example-software"]


def test_search_endpoint_needs_words(api, directory_world):
    response = api.get("/api/clusters/search/")
    assert response.status_code == 400
    assert "q" in response.json()


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/clusters/"),
        ("patch", "/api/clusters/example-health/"),
        ("delete", "/api/clusters/example-health/"),
        ("post", "/api/cluster-members/"),
        ("post", "/api/cluster-labels/"),
    ],
)
def test_anonymous_writes_are_refused(api, directory_world, method, url):
    response = getattr(api, method)(url, {"name": "Example changed"}, format="json")
    assert response.status_code in (401, 403)


def test_signed_in_users_without_permission_cannot_write(api, directory_world):
    api.force_authenticate(UserFactory(username="reader"))
    response = api.patch("/api/clusters/example-health/", {"name": "X"}, format="json")
    assert response.status_code == 403


def test_writes_by_the_secretariat_keep_the_index_in_step(api, directory_world, secretariat_user):
    api.force_authenticate(secretariat_user)
    response = api.patch(
        "/api/clusters/example-health/",
        {"name": "Example Wasserstoff cluster", "keywords": ["Wasserstoff"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert [pk for pk, _ in cluster_search(query="wasserstoff")] == [directory_world["health"].pk]
    response = api.post(
        "/api/cluster-members/",
        {"organisation": "example-software", "name": "Example Quarzwerk", "member_type": "sme"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert [pk for pk, _ in cluster_search(query="quarzwerk")] == [directory_world["software"].pk]
    response = api.post(
        "/api/clusters/",
        {"name": "Example Neu cluster", "slug": "example-neu", "region": "QA11"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert len(cluster_search(query="example neu")) == 1
    assert api.delete("/api/clusters/example-health/").status_code == 204
    assert cluster_search(query="wasserstoff") == []


def test_the_secretariat_sees_private_profiles(api, directory_world, secretariat_user):
    api.force_authenticate(secretariat_user)
    assert api.get("/api/clusters/").json()["count"] == 5
    assert api.get("/api/clusters/example-hidden/").status_code == 200


def test_bad_keywords_are_refused_with_a_clear_message(api, directory_world, secretariat_user):
    api.force_authenticate(secretariat_user)
    response = api.patch("/api/clusters/example-health/", {"keywords": "mobility"}, format="json")
    assert response.status_code == 400
    assert "keywords must be a list of texts" in response.json()["keywords"][0]


def test_members_filter_by_organisation_and_type(api, directory_world):
    response = api.get("/api/cluster-members/", {"organisation": "example-health"})
    assert [m["name"] for m in response.json()["results"]] == ["Mobilitech Example SA"]
    response = api.get("/api/cluster-members/", {"member_type": "sme"})
    assert [m["name"] for m in response.json()["results"]] == ["Example Akku GmbH"]


def test_members_and_labels_of_hidden_profiles_are_not_listed(api, directory_world):
    from clusterdialogue.clusters.models import ClusterMember

    ClusterMember.objects.create(organisation=directory_world["hidden"], name="Example secret",
                                 member_type="sme")  # fmt: skip
    names = [m["name"] for m in api.get("/api/cluster-members/").json()["results"]]
    assert "Example secret" not in names and len(names) == 2
    labels = api.get("/api/cluster-labels/", {"organisation": "example-health"}).json()
    assert [(lab["name"], lab["grade"]) for lab in labels["results"]] == [("ESCA", "Gold")]


def test_openapi_schema_documents_the_directory(api, db):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/clusters/", "/api/clusters/{slug}/", "/api/clusters/search/",
                 "/api/cluster-members/", "/api/cluster-labels/"):  # fmt: skip
        assert path in schema["paths"], path
    search_parameters = {
        p["name"]: p for p in schema["paths"]["/api/clusters/search/"]["get"]["parameters"]
    }
    assert search_parameters["q"]["required"] is True
    list_parameters = {p["name"] for p in schema["paths"]["/api/clusters/"]["get"]["parameters"]}
    assert {"q", "territory", "nace", "size", "member_type", "status"} <= list_parameters
    assert "contacts" not in schema["components"]["schemas"]["ClusterOrganisation"]["properties"]
