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
