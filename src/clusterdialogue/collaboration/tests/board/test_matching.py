"""A new post is matched with the directory, the matched clusters' managers are notified in the
app and by e-mail; followers hear of updates; the poster's managers hear of interest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from clusterdialogue.collaboration.board import services
from clusterdialogue.collaboration.board.selectors import post_profile
from clusterdialogue.collaboration.models import CooperationPost, Notification, PostMatch
from clusterdialogue.testing.fixtures.board import battery_request_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def posted(board_world, django_capture_on_commit_callbacks, mailoutbox):
    """A's manager posts the battery recycling request; e-mails are sent on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_create(
            organisation=board_world.organisations["a"],
            user=board_world.user("manager"),
            data=battery_request_data(),
            site_url="https://platform.example.org/",
        )
    return post


def _matched(post: CooperationPost) -> list[str]:
    return list(post.matches.order_by("-score").values_list("organisation__slug", flat=True))


def test_a_request_is_matched_as_a_profile_with_a_need(board_world, posted):
    profile = post_profile(post=posted)
    assert profile["needs"] == ["We look for battery recycling expertise", "second-life batteries"]
    assert profile["offers"] == []
    assert profile["region"] == "QA1"  # the poster's territory, so cross-territory applies
    assert profile["text"].startswith("Example: partners for a battery recycling pilot\n")


def test_matches_are_other_territories_best_first_with_reasons(board_world, posted):
    matched = _matched(posted)
    assert matched[0] == "example-recycling-c"
    assert "example-cluster-b" in matched
    # Never the poster, never its own territory (cross-territory), never an unrelated cluster.
    assert not {"example-cluster-a", "example-battery-a2", "example-health-c"} & set(matched)
    best = posted.matches.get(organisation__slug="example-recycling-c")
    assert "battery recycling" in best.reasons and "needs what the partner offers" in best.reasons
    assert all(m.notified_at is not None for m in posted.matches.all())


def test_matched_managers_are_notified_in_the_app_and_by_email(board_world, posted, mailoutbox):
    recycling_manager = board_world.user("recycling_manager")
    notification = Notification.objects.get(user=recycling_manager)
    assert "Example recycling cluster C may be a partner" in notification.message
    assert notification.url == posted.get_absolute_url()
    assert Notification.objects.filter(user=board_world.user("other_manager")).count() == 1
    # Nobody else: not the poster, not the health cluster's manager.
    assert Notification.objects.count() == 2
    addresses = sorted(address for mail in mailoutbox for address in mail.to)
    assert addresses == ["board_recycling_manager@example.org", "role_other_manager@example.org"]
    mail = next(m for m in mailoutbox if m.to == ["board_recycling_manager@example.org"])
    assert mail.from_email == "Cluster Dialogue <no-reply@localhost>"
    assert "Why: " in mail.body and "battery recycling" in mail.body
    assert f"https://platform.example.org{posted.get_absolute_url()}" in mail.body


def test_territories_sought_restrict_the_candidates(
    board_world, django_capture_on_commit_callbacks
):
    territory_b = board_world.roles.other_territory
    post = services.post_create(
        organisation=board_world.organisations["a"],
        user=board_world.user("manager"),
        data=battery_request_data(territories_sought=[territory_b]),
    )
    assert _matched(post) == ["example-cluster-b"]


def test_seeking_ones_own_territory_explicitly(board_world):
    post = services.post_create(
        organisation=board_world.organisations["a"],
        user=board_world.user("manager"),
        data=battery_request_data(territories_sought=[board_world.roles.territory]),
    )
    assert _matched(post) == ["example-battery-a2"]


def test_an_offer_is_matched_as_an_offer(board_world):
    post = services.post_create(
        organisation=board_world.organisations["recycling"],
        user=board_world.user("recycling_manager"),
        data=battery_request_data(kind="offer", title="Example: battery testing on offer"),
    )
    profile = post_profile(post=post)
    assert profile["offers"] and profile["needs"] == []
    assert "example-recycling-c" not in _matched(post)


def test_no_mail_leaves_when_the_post_is_rolled_back(board_world, mailoutbox):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.post_create(
            organisation=board_world.organisations["a"],
            user=board_world.user("manager"),
            data=battery_request_data(),
        )
        raise RuntimeError("the request failed after posting")
    assert mailoutbox == []
    assert not CooperationPost.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"description": ""}, "description"),
        ({"kind": "gift"}, "kind"),
        ({"deadline": timezone.localdate() - timedelta(days=1)}, "deadline"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(board_world, changes, field):
    with pytest.raises(ValidationError) as error:
        services.post_create(
            organisation=board_world.organisations["a"],
            user=board_world.user("manager"),
            data=battery_request_data(**changes),
        )
    assert field in error.value.message_dict
    assert not CooperationPost.objects.exists() and not PostMatch.objects.exists()


def test_the_service_refuses_a_user_without_the_right(board_world):
    with pytest.raises(PermissionDenied):
        services.post_create(
            organisation=board_world.organisations["a"],
            user=board_world.user("other_manager"),
            data=battery_request_data(),
        )
    assert not CooperationPost.objects.exists()


def test_followers_hear_of_updates_and_closing(
    board_world, posted, django_capture_on_commit_callbacks, mailoutbox
):
    follower = board_world.user("health_manager")
    services.post_follow(post=posted, user=follower)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.post_update(
            post=posted,
            user=board_world.user("manager"),
            data={"description": "We look for battery recycling expertise and pilot sites"},
        )
        services.post_set_status(post=posted, user=board_world.user("manager"), status="closed")
    assert changed == ["description"]
    messages = list(Notification.objects.filter(user=follower).values_list("message", flat=True))
    assert any("was updated" in m for m in messages) and any("was closed" in m for m in messages)
    assert {"board_health_manager@example.org"} <= {a for m in mailoutbox for a in m.to}
    # Clusters matched before were not notified a second time.
    assert Notification.objects.filter(user=board_world.user("recycling_manager")).count() == 1


def test_interest_reaches_the_posters_managers(board_world, posted, mailoutbox):
    manager = board_world.user("manager")
    services.interest_express(
        post=posted,
        organisation=board_world.organisations["recycling"],
        user=board_world.user("recycling_manager"),
        message="We run a pilot line.",
    )
    notification = Notification.objects.get(user=manager)
    assert "Example recycling cluster C is interested" in notification.message
    assert notification.url.endswith("#interests")
    with pytest.raises(ValidationError):  # once per cluster
        services.interest_express(
            post=posted,
            organisation=board_world.organisations["recycling"],
            user=board_world.user("recycling_manager"),
        )


def test_a_closed_post_takes_no_interest(board_world, posted):
    services.post_set_status(post=posted, user=board_world.user("manager"), status="closed")
    with pytest.raises(ValidationError, match="closed"):
        services.interest_express(
            post=posted,
            organisation=board_world.organisations["b"],
            user=board_world.user("other_manager"),
        )


def test_creating_from_the_page_shows_the_matches(
    client, board_world, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(board_world.user("manager"))
    data = {
        **battery_request_data(keywords="battery recycling"),
        "organisation": "example-cluster-a",
    }
    data.pop("deadline")
    data.pop("territories_sought")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("collaboration:post-create"), data, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The engine proposes 2 cluster(s)" in page
    assert "Example recycling cluster C" in page and "needs what the partner offers" in page
    assert len(mailoutbox) == 2


def test_creating_from_the_page_with_a_past_deadline_says_what_to_fix(client, board_world):
    client.force_login(board_world.user("manager"))
    data = {**battery_request_data(keywords=""), "organisation": "example-cluster-a"}
    data.update(deadline="2001-01-01")
    data.pop("territories_sought")
    response = client.post(reverse("collaboration:post-create"), data)
    assert response.status_code == 400
    assert "is already past: choose a later date" in response.content.decode()
    assert not CooperationPost.objects.exists()


def test_creating_through_the_api_answers_with_the_matches(client, board_world):
    client.force_login(board_world.user("manager"))
    data = {**battery_request_data(), "organisation": "example-cluster-a"}
    data.pop("deadline")
    response = client.post("/api/cooperation-posts/", data, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["matches"][0]["organisation"] == "example-recycling-c"
    assert body["matches"][0]["reasons"] and body["page"] == f"/collaboration/board/{body['id']}/"
    past = {**data, "deadline": "2001-01-01", "territories_sought": ["QZ9"]}
    response = client.post("/api/cooperation-posts/", past, content_type="application/json")
    assert response.status_code == 400
    assert "not the region code of a territory" in response.json()["territories_sought"][0]
    past["territories_sought"] = ["QB1"]
    response = client.post("/api/cooperation-posts/", past, content_type="application/json")
    assert response.status_code == 400 and "already past" in response.json()["deadline"][0]
    assert CooperationPost.objects.count() == 1
