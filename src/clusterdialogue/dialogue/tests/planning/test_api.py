"""The planner API: proposals with reasons as data and words, confirming and overriding."""

from __future__ import annotations

import pytest

from clusterdialogue.dialogue.models import Meeting

pytestmark = pytest.mark.django_db

QUERY = "?start=2027-01-01&meetings=3&per_year=2&days=2"


def _plan(client, world, query=QUERY):
    return client.get(f"/api/dialogue/plans/{world.group.slug}/{query}")


def test_proposals_carry_reasons_as_data_and_words(client, planning_world):
    client.force_login(planning_world.user("chair"))
    response = _plan(client, planning_world)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["group"] == planning_world.group.slug
    assert body["options"]["meetings"] == 3 and body["options"]["start"] == "2027-01-01"
    proposals = body["proposals"]
    assert [p["meeting"] for p in proposals] == [1, 2, 3]
    # Associates do not host unless asked: BE2 is an associate of the example network.
    assert {p["host_territory"] for p in proposals} <= {"DE1", "ES51"}
    first = proposals[0]
    assert first["city"].startswith("Example city") and first["start"] <= first["end"]
    codes = [r["code"] for r in first["reasons"]]
    assert "dates" in codes and "holidays_free" in codes
    dates = next(r for r in first["reasons"] if r["code"] == "dates")
    assert dates["params"]["start"] == first["start"] and dates["text"]


def test_reasons_are_worded_in_the_request_language(client, planning_world):
    client.force_login(planning_world.user("chair"))
    english = _plan(client, planning_world).json()["proposals"][0]["reasons"]
    german = client.get(
        f"/api/dialogue/plans/{planning_world.group.slug}/{QUERY}", HTTP_ACCEPT_LANGUAGE="de"
    ).json()["proposals"][0]["reasons"]
    assert [r["code"] for r in german] == [r["code"] for r in english]
    assert [r["text"] for r in german] != [r["text"] for r in english]


@pytest.mark.parametrize(
    ("query", "field"),
    [("?meetings=0", "meetings"), ("?per_year=13", "per_year"), ("?start=2027-13-01", "start")],
)
def test_bad_options_name_the_field(client, planning_world, query, field):
    client.force_login(planning_world.user("chair"))
    response = _plan(client, planning_world, query)
    assert response.status_code == 400 and field in response.json()


def test_members_and_outsiders_may_not_plan_and_hidden_groups_are_404(client, planning_world):
    assert _plan(client, planning_world).status_code in (401, 403)
    client.force_login(planning_world.user("member"))
    assert _plan(client, planning_world).status_code == 403
    planning_world.group.is_public = False
    planning_world.group.save()
    client.force_login(planning_world.user("outsider"))
    assert _plan(client, planning_world).status_code == 404


def _confirm(client, world, **changes):
    body = {"start": "2027-01-01", "meetings": 3, "meeting": 1, **changes}
    return client.post(
        f"/api/dialogue/plans/{world.group.slug}/confirm/", body, content_type="application/json"
    )


def test_confirm_as_proposed_stores_the_proposal_and_its_reasons(client, planning_world):
    client.force_login(planning_world.user("secretariat"))
    proposal = _plan(client, planning_world).json()["proposals"][0]
    response = _confirm(client, planning_world)
    assert response.status_code == 201, response.content
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert meeting.host_territory.region.code == proposal["host_territory"]
    assert meeting.start.isoformat() == proposal["start"] and meeting.override_reason == ""
    assert meeting.status == "confirmed" and meeting.plan_reasons


def test_an_override_needs_its_reason_and_stores_nothing_without(client, planning_world):
    client.force_login(planning_world.user("chair"))
    proposal = _plan(client, planning_world).json()["proposals"][0]
    other = "ES51" if proposal["host_territory"] == "DE1" else "DE1"
    refused = _confirm(client, planning_world, host_territory=other, city="Example city")
    assert refused.status_code == 400 and "override_reason" in refused.json()
    assert not Meeting.objects.exists()
    done = _confirm(
        client, planning_world, host_territory=other, city="Example city",
        override_reason="Example: the host offered a venue",
    )  # fmt: skip
    assert done.status_code == 201
    meeting = Meeting.objects.get()
    assert meeting.host_territory.region.code == other
    assert meeting.override_reason == "Example: the host offered a venue"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"meeting": 9}, "meeting"),
        ({"host_territory": "ZZ9", "override_reason": "x"}, "host_territory"),
        (
            {
                "confirmed_start": "2027-05-02",
                "confirmed_end": "2027-05-01",
                "override_reason": "x",
            },
            "end",
        ),
    ],
)
def test_bad_confirmation_names_the_field(client, planning_world, changes, field):
    client.force_login(planning_world.user("chair"))
    response = _confirm(client, planning_world, **changes)
    assert response.status_code == 400 and field in response.json(), response.content
    assert not Meeting.objects.exists()
