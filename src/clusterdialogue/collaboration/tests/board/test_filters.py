"""The board's filters mean the same on the page and in the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from clusterdialogue.testing.factories.board import CooperationPostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(board_world):
    """Five posts of clusters A, B and C (example data)."""
    today = timezone.localdate()
    organisations = board_world.organisations
    made = {
        "offer_a": CooperationPostFactory(
            organisation=organisations["a"], kind="offer", topic="expertise",
            title="Example battery testing offer", keywords=["Akku"],
        ),
        "request_b": CooperationPostFactory(
            organisation=organisations["b"], kind="request", topic="joint_project",
            title="Example Horizon partners", deadline=today + timedelta(days=30),
        ),
        "expired_c": CooperationPostFactory(
            organisation=organisations["health"], kind="request", topic="mission",
            title="Example mission", deadline=today - timedelta(days=1),
        ),
        "closed_c": CooperationPostFactory(
            organisation=organisations["recycling"], kind="offer", topic="technology",
            title="Example closed offer", status="closed",
        ),
        "seeking_c": CooperationPostFactory(
            organisation=organisations["a"], kind="request", topic="partner_search",
            title="Example request for territory C", description="Recycling of batteries.",
        ),
    }  # fmt: skip
    made["seeking_c"].territories_sought.set([board_world.territory_c])
    made["request_b"].territories_sought.set([board_world.roles.territory])
    made["request_b"].followers.add(board_world.user("member"))
    return made


CASES = [
    ("kind=offer&status=", {"offer_a", "closed_c"}),
    ("kind=request&status=open", {"request_b", "expired_c", "seeking_c"}),
    ("topic=joint_project", {"request_b"}),
    ("status=closed", {"closed_c"}),
    ("status=&current=on", {"offer_a", "request_b", "closed_c", "seeking_c"}),
    ("q=akku", {"offer_a"}),  # a keyword
    ("q=recycling batteries", {"seeking_c"}),  # every word, in the description
    ("q=health cluster&status=", {"expired_c"}),  # the poster's name
]


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_filters_on_the_page_and_in_the_api(client, posts, query, expected):
    titles = {posts[name].title for name in expected}
    api = client.get(f"/api/cooperation-posts/?{query}").json()
    assert {row["title"] for row in api["results"]} == titles
    page = client.get(f"/collaboration/board/?{query}").content.decode()
    for name, post in posts.items():
        assert (post.title in page) is (name in expected), (query, name)


def test_territory_filters(client, board_world, posts):
    territory_a, territory_b = board_world.roles.territory, board_world.roles.other_territory
    posted_from_a = client.get(f"/api/cooperation-posts/?territory={territory_a.pk}").json()
    assert {r["title"] for r in posted_from_a["results"]} == {
        posts["offer_a"].title,
        posts["seeking_c"].title,
    }
    # Open to partners from B: posts that seek B, or seek anywhere.
    open_to_b = client.get(f"/api/cooperation-posts/?sought={territory_b.pk}&status=open").json()
    assert posts["seeking_c"].title not in {r["title"] for r in open_to_b["results"]}
    assert posts["offer_a"].title in {r["title"] for r in open_to_b["results"]}
    codes = client.get(f"/api/cooperation-posts/{posts['request_b'].pk}/").json()
    assert codes["territories_sought"] == ["QA1"]


def test_the_board_shows_open_posts_first(client, posts):
    page = client.get("/collaboration/board/").content.decode()
    assert posts["request_b"].title in page and posts["closed_c"].title not in page


def test_posts_i_follow(client, board_world, posts):
    client.force_login(board_world.user("member"))
    page = client.get("/collaboration/board/?following=on&status=").content.decode()
    assert posts["request_b"].title in page and posts["offer_a"].title not in page
    api = client.get("/api/cooperation-posts/?following=true").json()
    assert [r["title"] for r in api["results"]] == [posts["request_b"].title]
    assert api["results"][0]["following"] is True


def test_htmx_gets_the_results_only(client, posts):
    response = client.get("/collaboration/board/?kind=offer", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and posts["offer_a"].title in html


def test_a_bad_filter_is_named(client, posts):
    response = client.get("/api/cooperation-posts/?kind=gift")
    assert response.status_code == 400 and "kind" in response.json()
    page = client.get("/collaboration/board/?kind=gift").content.decode()
    assert "The filter “kind” was left out" in page
