"""The directory page /clusters/: search, filters with counts, table, map data, visibility."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from clusterdialogue.testing.factories.clusters import UserFactory

PUBLIC = {"Example Elektromobilität Cluster", "Example software network", "Example health cluster"}


def listed(response) -> set[str]:
    return {o.name for o in response.context["page"].object_list}


def facet(response, name):
    return next(f for f in response.context["facets"] if f.name == name)


def test_anonymous_sees_public_non_archived_profiles_only(client, directory_world):
    response = client.get(reverse("clusters:list"))
    assert response.status_code == 200
    assert listed(response) == PUBLIC
    body = response.content.decode()
    assert "Example hidden mobility cluster" not in body
    assert "Example archived mobility cluster" not in body
    assert reverse("clusters:detail", args=["example-emobility"]) in body


def test_users_allowed_to_view_all_profiles_see_private_and_archived(client, directory_world):
    user = UserFactory(username="viewer")
    user.user_permissions.add(Permission.objects.get(codename="view_clusterorganisation"))
    client.force_login(user)
    response = client.get(reverse("clusters:list"))
    assert len(listed(response)) == 5


def test_search_orders_the_table_by_relevance(client, directory_world):
    response = client.get(reverse("clusters:list"), {"q": "mobilité"})
    names = [o.name for o in response.context["page"].object_list]
    assert names == ["Example Elektromobilität Cluster", "Example software network",
                     "Example health cluster"]  # fmt: skip
    assert "best matches first" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"territory": 0}, {"Example Elektromobilität Cluster", "Example software network"}),
        ({"territory": 1}, {"Example health cluster"}),
        ({"region": "qa12"}, {"Example software network"}),
        ({"nace": "C29"}, {"Example Elektromobilität Cluster", "Example software network"}),
        ({"nace": "J"}, {"Example software network"}),
        ({"category": "automotive"}, {"Example Elektromobilität Cluster"}),
        ({"ecosystem": "mobility-transport-automotive"},
         {"Example Elektromobilität Cluster", "Example software network"}),
        ({"label": "esca"}, {"Example health cluster"}),
        ({"size": "<15"}, {"Example software network"}),
        ({"size": "15-49"}, {"Example Elektromobilität Cluster"}),
        ({"size": "50-199"}, set()),
        ({"size": "200+"}, {"Example health cluster"}),
        ({"member_type": "university"}, {"Example Elektromobilität Cluster"}),
        ({"member_type": "large"}, {"Example health cluster"}),
        ({"status": "provisional"}, {"Example software network"}),
        ({"q": "mobilite", "status": "active"},
         {"Example Elektromobilität Cluster", "Example health cluster"}),
    ],
)  # fmt: skip
def test_each_filter(client, directory_world, params, expected):
    if "territory" in params:
        params = {"territory": directory_world["territories"][params["territory"]].pk}
    response = client.get(reverse("clusters:list"), params)
    assert listed(response) == expected


def test_facet_counts_follow_the_filtered_list(client, directory_world):
    response = client.get(reverse("clusters:list"))
    territory_a, territory_b = directory_world["territories"]
    counts = {o.value: o.count for o in facet(response, "territory").options}
    assert counts == {str(territory_a.pk): 2, str(territory_b.pk): 1}
    assert {o.value: o.count for o in facet(response, "nace").options} == {"C29": 2, "J62": 1}
    assert {o.value: o.count for o in facet(response, "size").options} == {
        "<15": 1, "15-49": 1, "200+": 1}  # fmt: skip
    assert {o.value: o.count for o in facet(response, "status").options} == {
        "active": 2, "provisional": 1}  # fmt: skip
    assert {o.value: o.count for o in facet(response, "label").options} == {"ESCA": 1}
    assert {o.value: o.count for o in facet(response, "member_type").options} == {
        "sme": 2, "university": 1, "large": 1}  # fmt: skip
    filtered = client.get(reverse("clusters:list"), {"category": "automotive"})
    assert {o.value: o.count for o in facet(filtered, "nace").options} == {"C29": 1}
    assert [o.selected for o in facet(filtered, "category").options] == [True]


def test_invalid_filter_is_reported_and_left_out(client, directory_world):
    response = client.get(reverse("clusters:list"), {"territory": "999", "size": "huge"})
    assert response.status_code == 200
    assert listed(response) == PUBLIC
    body = response.content.decode()
    assert "The filter “territory” was left out" in body
    assert "The filter “size” was left out" in body


def test_htmx_requests_get_only_the_results(client, directory_world):
    response = client.get(reverse("clusters:list"), {"q": "software"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Example software network" in body


def test_export_links_carry_the_query_string(client, directory_world):
    response = client.get(reverse("clusters:list"), {"q": "mobilite", "page": "1"})
    links = dict(response.context["export_links"])
    assert links["csv"].endswith("export.csv?q=mobilite")
    assert set(links) == {"csv", "xlsx", "json"}


def test_table_shows_territory_region_sectors_and_labels(client, directory_world):
    response = client.get(reverse("clusters:list"), {"q": "health"})
    body = response.content.decode()
    assert "B One" in body and "QB11" in body and "ESCA Gold" in body
    response = client.get(reverse("clusters:list"), {"q": "elektromobilitat"})
    assert "North of A" in response.content.decode()
    assert ">C29</abbr>" in response.content.decode()


def test_pagination_keeps_the_filters(client, directory_world, monkeypatch):
    monkeypatch.setattr("clusterdialogue.clusters.directory.views.PAGE_SIZE", 2)
    response = client.get(reverse("clusters:list"), {"q": "mobilit"})
    assert "?q=mobilit&amp;page=2" in response.content.decode()
    second = client.get(reverse("clusters:list"), {"q": "mobilit", "page": 2})
    assert [o.name for o in second.context["page"].object_list] == ["Example health cluster"]


def test_map_data_places_organisations_at_coordinates_or_region_centres(client, directory_world):
    data = client.get(reverse("clusters:map-data")).json()
    features = {f["properties"]["slug"]: f for f in data["features"]}
    assert set(features) == {"example-emobility", "example-software", "example-health"}
    assert features["example-emobility"]["geometry"]["coordinates"] == [9.2, 48.1]
    assert features["example-emobility"]["properties"]["located"] == "address"
    # QA12 is the square from (6, 50) to (8, 52): its centre is 51° N, 7° E.
    assert features["example-software"]["geometry"]["coordinates"] == [7.0, 51.0]
    assert features["example-software"]["properties"]["located"] == "region"
    assert data["unmapped"] == 0


def test_map_data_uses_the_same_filters_and_counts_the_unmapped(client, directory_world):
    data = client.get(reverse("clusters:map-data"), {"q": "software"}).json()
    assert [f["properties"]["slug"] for f in data["features"]] == ["example-software"]
    region = directory_world["regions"]["QB11"]
    region.geometry = None
    region.save()
    from django.core.cache import cache

    cache.clear()
    data = client.get(reverse("clusters:map-data"), {"q": "health"}).json()
    assert data["features"] == [] and data["unmapped"] == 1


def test_navigation_links_to_the_directory(client, directory_world):
    body = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("clusters:list")}"' in body


def test_representatives_and_managers_also_see_their_own_private_profiles(client, directory_world):
    from clusterdialogue.testing.factories.clusters import RoleAssignmentFactory

    territory_a, _territory_b = directory_world["territories"]
    representative = UserFactory(username="representative")
    RoleAssignmentFactory(user=representative, role="territory_representative",
                          territory=territory_a)  # fmt: skip
    client.force_login(representative)
    # The hidden and the archived profile both lie in QA1, the territory they represent.
    assert len(listed(client.get(reverse("clusters:list")))) == 5
    manager = UserFactory(username="manager")
    RoleAssignmentFactory(user=manager, role="cluster_manager",
                          organisation=directory_world["hidden"])  # fmt: skip
    client.force_login(manager)
    assert listed(client.get(reverse("clusters:list"))) == PUBLIC | {
        "Example hidden mobility cluster"
    }
