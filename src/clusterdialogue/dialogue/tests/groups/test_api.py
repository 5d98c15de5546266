"""The groups API: visible groups only; members only for those who read internal material."""

from __future__ import annotations

import pytest

from clusterdialogue.testing.factories import dialogue as factories_dialogue

pytestmark = pytest.mark.django_db


def _results(response):
    data = response.json()
    return data["results"] if isinstance(data, dict) and "results" in data else data


def test_public_sees_public_groups_without_members(client, group_world):
    factories_dialogue.WorkingGroupFactory(
        network=group_world.network, slug="example-hidden", is_public=False
    )
    rows = _results(client.get("/api/dialogue/groups/"))
    assert [r["slug"] for r in rows] == ["example-dialogue"]
    assert rows[0]["members"] is None
    assert client.get("/api/dialogue/groups/example-hidden/").status_code == 404


def test_members_read_the_member_list(client, group_world):
    client.force_login(group_world.user("member"))
    row = client.get("/api/dialogue/groups/example-dialogue/").json()
    assert {m["name"] for m in row["members"]} == {"Example member", "Example chair"}
    assert row["members"][0]["territory"] == "QA1"


def test_api_is_read_only(client, group_world):
    client.force_login(group_world.user("secretariat"))
    assert client.post("/api/dialogue/groups/", {"name": "x"}).status_code in (403, 405)


def test_members_endpoint_lists_only_groups_read_internal(client, group_world):
    assert _results(client.get("/api/dialogue/members/")) == []
    client.force_login(group_world.user("outsider"))
    assert _results(client.get("/api/dialogue/members/")) == []
    client.force_login(group_world.user("member"))
    rows = _results(client.get("/api/dialogue/members/?group=example-dialogue"))
    assert {r["name"] for r in rows} == {"Example member", "Example chair"}
    assert all(r["has_account"] for r in rows) and "user" not in rows[0] and "email" not in rows[0]


def test_member_added_by_api_is_linked_to_the_account_with_its_email(client, group_world):
    from clusterdialogue.dialogue.models import GroupMember
    from clusterdialogue.testing.factories import clusters as factories_clusters

    account = factories_clusters.UserFactory(username="example_expert", email="Expert@Example.org")
    client.force_login(group_world.user("chair"))
    response = client.post(
        "/api/dialogue/members/",
        {"group": "example-dialogue", "name": "Example expert", "email": "expert@example.org",
         "role": "member", "territory": "QA1"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    member = GroupMember.objects.get(name="Example expert")
    assert member.user == account and member.territory == group_world.territory
    assert response.json()["has_account"] is True


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"territory": "ZZ9"}, "territory"),
        ({"role": "president"}, "role"),
        ({"name": ""}, "name"),
        ({"user": "nobody-here"}, "user"),
        ({"group": "no-such-group"}, "group"),
        ({"joined_on": "2020-02-01", "left_on": "2020-01-01"}, "left_on"),
    ],
)
def test_bad_member_payload_names_the_field_and_stores_nothing(client, group_world, payload, field):
    from clusterdialogue.dialogue.models import GroupMember

    client.force_login(group_world.user("secretariat"))
    before = GroupMember.objects.count()
    body = {"group": "example-dialogue", "name": "Example bad", "role": "member", **payload}
    response = client.post("/api/dialogue/members/", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert GroupMember.objects.count() == before


def test_an_account_is_a_current_member_once(client, group_world):
    client.force_login(group_world.user("secretariat"))
    body = {"group": "example-dialogue", "name": "Again", "role": "guest", "user": "group_member"}
    response = client.post("/api/dialogue/members/", body, content_type="application/json")
    assert response.status_code == 400 and "already a current member" in response.json()["user"][0]
