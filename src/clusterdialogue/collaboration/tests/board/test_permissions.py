"""Every role × every write of the cooperation board, on the pages and in the API.

The world is ``roles_world``: cluster A (territory A) and cluster B (territory B), a user per
role. The post under test belongs to A; interest is expressed in the name of B. The matrix is
declarative (``clusterdialogue.testing.permissions``): a role missing from ``expected`` must be
refused: the anonymous public is sent to sign in (pages) or gets 401/403 (API), a signed-in
user without the right gets 403 (or 400/404), and nothing is stored. Every action names the
``board`` rule guarding it, and ``can()`` must give every role the page's answer.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from clusterdialogue.collaboration.models import CooperationPost, Interest
from clusterdialogue.testing.factories.board import CooperationPostFactory
from clusterdialogue.testing.fixtures.accounts import ROLE_NAMES, RolesWorld
from clusterdialogue.testing.permissions import (
    APPLIED,
    NONE,
    Action,
    assert_rules_exercised,
    check_action,
)

pytestmark = pytest.mark.django_db

FOR_A = {"manager": APPLIED, "representative": APPLIED, "secretariat": APPLIED}
FOR_B = {"other_manager": APPLIED, "other_representative": APPLIED, "secretariat": APPLIED}
REGISTERED = {name: APPLIED for name in ROLE_NAMES if name != "anonymous"}


def _post_data(world: RolesWorld) -> dict:
    return {
        "organisation": world.organisation.slug,
        "kind": "offer",
        "topic": "expertise",
        "title": "Created post",
        "description": "Example testing services.",
        "keywords": "testing",
    }


def _stored(post: CooperationPost, **values: Any) -> bool:
    return CooperationPost.objects.filter(pk=post.pk, **values).exists()


def _post_of_a(world: RolesWorld) -> dict:
    return {"post": CooperationPostFactory(organisation=world.organisation, title="Post of A")}


def _the_post(world: RolesWorld, state: dict) -> CooperationPost:
    return state["post"]


def _cluster_a(world: RolesWorld, state: dict) -> Any:
    return world.organisation


def board_action(name, perform, outcome, expected, *, rule, rule_object=_the_post, api=False):
    """An action on A's post (made by ``setup``); ``perform``/``outcome`` take the post."""
    return Action(
        name,
        lambda c, w, s: perform(c, w, s["post"]),
        lambda w, s: outcome(w, s["post"]),
        expected,
        setup=_post_of_a,
        api=api,
        rule=rule,
        rule_object=rule_object,
    )


ACTIONS = [
    board_action(
        "page: create a post for A",
        lambda c, w, p: c.post(reverse("collaboration:post-create"), _post_data(w)),
        lambda w, p: CooperationPost.objects.filter(title="Created post").exists(),
        FOR_A,
        rule="board.create_post",
        rule_object=_cluster_a,
    ),
    board_action(
        "page: edit A's post",
        lambda c, w, p: c.post(
            reverse("collaboration:post-edit", args=[p.pk]),
            {**_post_data(w), "title": "Renamed post"},
        ),
        lambda w, p: _stored(p, title="Renamed post"),
        FOR_A,
        rule="board.change_post",
    ),
    board_action(
        "page: close A's post",
        lambda c, w, p: c.post(
            reverse("collaboration:post-status", args=[p.pk]), {"status": "closed"}
        ),
        lambda w, p: _stored(p, status="closed"),
        FOR_A,
        rule="board.change_post",
    ),
    board_action(
        "page: delete A's post",
        lambda c, w, p: c.post(reverse("collaboration:post-delete", args=[p.pk])),
        lambda w, p: not _stored(p),
        FOR_A,
        rule="board.change_post",
    ),
    board_action(
        "page: express interest as B",
        lambda c, w, p: c.post(
            reverse("collaboration:post-interest", args=[p.pk]),
            {"organisation": w.other_organisation.slug, "message": "Count us in"},
        ),
        lambda w, p: Interest.objects.filter(post=p, organisation=w.other_organisation).exists(),
        FOR_B,
        rule="board.express_interest",
    ),
    board_action(
        "page: follow A's post",
        lambda c, w, p: c.post(reverse("collaboration:post-follow", args=[p.pk]), {"follow": "1"}),
        lambda w, p: p.followers.exists(),
        REGISTERED,
        rule="board.follow_post",
    ),
    board_action(
        "API: POST a post for A",
        lambda c, w, p: c.post(
            "/api/cooperation-posts/",
            {**_post_data(w), "keywords": ["testing"]},
            content_type="application/json",
        ),
        lambda w, p: CooperationPost.objects.filter(title="Created post").exists(),
        FOR_A,
        api=True,
        rule="board.create_post",
        rule_object=_cluster_a,
    ),
    board_action(
        "API: PATCH A's post",
        lambda c, w, p: c.patch(
            f"/api/cooperation-posts/{p.pk}/",
            {"title": "Renamed post"},
            content_type="application/json",
        ),
        lambda w, p: _stored(p, title="Renamed post"),
        FOR_A,
        api=True,
        rule="board.change_post",
    ),
    board_action(
        "API: close A's post",
        lambda c, w, p: c.post(
            f"/api/cooperation-posts/{p.pk}/status/",
            {"status": "closed"},
            content_type="application/json",
        ),
        lambda w, p: _stored(p, status="closed"),
        FOR_A,
        api=True,
        rule="board.change_post",
    ),
    board_action(
        "API: DELETE A's post",
        lambda c, w, p: c.delete(f"/api/cooperation-posts/{p.pk}/"),
        lambda w, p: not _stored(p),
        FOR_A,
        api=True,
        rule="board.change_post",
    ),
    board_action(
        "API: express interest as B",
        lambda c, w, p: c.post(
            f"/api/cooperation-posts/{p.pk}/interests/",
            {"organisation": w.other_organisation.slug, "message": "Count us in"},
            content_type="application/json",
        ),
        lambda w, p: Interest.objects.filter(post=p, organisation=w.other_organisation).exists(),
        FOR_B,
        api=True,
        rule="board.express_interest",
    ),
    board_action(
        "API: follow A's post",
        lambda c, w, p: c.post(f"/api/cooperation-posts/{p.pk}/follow/"),
        lambda w, p: p.followers.exists(),
        REGISTERED,
        api=True,
        rule="board.follow_post",
    ),
]


@pytest.mark.parametrize("role", ROLE_NAMES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_role_may_or_may_not(client, roles_world, action: Action, role: str):
    expected, state = check_action(client, roles_world, action, role)
    if expected == NONE:
        # Refused: the post is stored exactly as it was.
        post = state["post"]
        assert _stored(post, title="Post of A", status="open"), f"{role} → {action.name}"


def test_every_board_rule_is_tried():
    assert_rules_exercised("board", ACTIONS)


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_only_the_posters_side_sees_every_interest(client, roles_world, role: str):
    from clusterdialogue.testing.factories.board import InterestFactory

    post = CooperationPostFactory(organisation=roles_world.organisation)
    InterestFactory(post=post, organisation=roles_world.other_organisation, message="Hidden note")
    user = roles_world.user(role)
    if user is not None:
        client.force_login(user)
    page = client.get(post.get_absolute_url()).content.decode()
    api = client.get(f"/api/cooperation-posts/{post.pk}/interests/").json()
    sees = role in FOR_A or role in FOR_B  # the poster's side, and the interested cluster's
    assert ("Hidden note" in page) is sees, role
    assert (len(api) == 1) is sees, role


def test_a_cluster_cannot_answer_its_own_post(client, roles_world):
    post = CooperationPostFactory(organisation=roles_world.organisation)
    client.force_login(roles_world.user("secretariat"))
    response = client.post(
        f"/api/cooperation-posts/{post.pk}/interests/",
        {"organisation": roles_world.organisation.slug},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "its own post" in response.content.decode()
    assert not Interest.objects.exists()


def test_a_post_stays_with_its_cluster(client, roles_world):
    post = CooperationPostFactory(organisation=roles_world.organisation)
    client.force_login(roles_world.user("secretariat"))
    response = client.patch(
        f"/api/cooperation-posts/{post.pk}/",
        {"organisation": roles_world.other_organisation.slug},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "stays with the cluster" in response.content.decode()
    assert _stored(post, organisation=roles_world.organisation)


def test_private_clusters_posts_are_hidden_from_the_public(client, roles_world):
    roles_world.organisation.is_public = False
    roles_world.organisation.save()
    post = CooperationPostFactory(organisation=roles_world.organisation)
    assert client.get(post.get_absolute_url()).status_code == 404
    assert client.get("/api/cooperation-posts/").json()["count"] == 0
    client.force_login(roles_world.user("manager"))
    assert client.get(post.get_absolute_url()).status_code == 200
