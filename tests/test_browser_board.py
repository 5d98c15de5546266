"""The cooperation board in a real browser.

A cluster manager posts a request; the page shows the clusters the engine matched. The manager
of a matched cluster sees the notification in the header, opens it and expresses interest; the
poster then sees who is interested. The partner-suggestions page reacts to its slider. Example
data only (``board_world``). Screenshots go to /tmp/board_*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from clusterdialogue.testing.browser import sign_in, sign_out

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")


@pytest.fixture
def world(transactional_db, live_server, board_world):
    return board_world


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"board_{name}.png"), full_page=True)


def test_post_match_notify_and_answer(world, live_server, browser_page):
    page, base = browser_page, live_server.url

    # A's manager posts a request from the board.
    sign_in(page, base, "role_manager")
    page.get_by_role("link", name="Cooperation board").first.click()
    page.get_by_role("link", name="Post an offer or a request").click()
    page.get_by_label("Posted by (cluster)").select_option("example-cluster-a")
    page.get_by_label("Request").check()
    page.get_by_label("Topic").select_option("partner_search")
    page.get_by_label("Title").fill("Example: partners for a battery recycling pilot")
    page.get_by_label("Description").fill(
        "We look for battery recycling expertise\nsecond-life batteries"
    )
    page.get_by_label("Keywords").fill("battery recycling")
    shot(page, "post_form")
    page.get_by_role("button", name="Publish").click()

    # The post shows the clusters the engine matched, best first, with the reasons.
    expect(
        page.get_by_text("Your post is published. The engine proposes 2 cluster(s)")
    ).to_be_visible()
    matches = page.locator("table.matches tbody tr")
    expect(matches).to_have_count(2)
    expect(matches.first).to_contain_text("Example recycling cluster C")
    expect(matches.first).to_contain_text("needs what the partner offers")
    shot(page, "post_matched")
    post_url = page.url
    page.get_by_role("link", name="Cooperation board").first.click()
    expect(page.locator(".post-card")).to_have_count(1)
    shot(page, "list")
    page.goto(post_url)
    assert sorted(a for m in mail.outbox for a in m.to) == [
        "board_recycling_manager@example.org",
        "role_other_manager@example.org",
    ]
    sign_out(page)

    # The matched cluster's manager sees the notification in the header and opens it.
    sign_in(page, base, "board_recycling_manager")
    expect(page.locator(".unread-count")).to_have_text("1")
    shot(page, "header_unread")
    page.get_by_role("link", name=re.compile(r"^Notifications")).click()
    notification = page.get_by_role("link", name=re.compile("Example recycling cluster C may be"))
    expect(notification).to_be_visible()
    shot(page, "notifications")
    notification.click()
    expect(page).to_have_url(post_url)
    expect(page.locator(".unread-count")).to_have_count(0)

    # … and expresses interest in the name of the cluster.
    page.get_by_label("Message to the poster").fill("We run a battery recycling pilot line.")
    page.get_by_role("button", name="Send my interest").click()
    expect(page.get_by_text("were told of your interest")).to_be_visible()
    shot(page, "interest_sent")
    sign_out(page)

    # The poster sees who is interested.
    sign_in(page, base, "role_manager")
    expect(page.locator(".unread-count")).to_have_text("1")
    page.goto(post_url)
    interests = page.locator("ul.interests")
    expect(interests).to_contain_text("Example recycling cluster C")
    expect(interests).to_contain_text("We run a battery recycling pilot line.")
    shot(page, "interests")


def test_the_recommendations_follow_the_slider(world, live_server, browser_page):
    page, base = browser_page, live_server.url
    page.goto(f"{base}/clusters/example-cluster-a/")
    suggestions = page.locator("#partner-suggestions")
    expect(suggestions).to_contain_text("Example cluster B")
    shot(page, "profile_suggestions")
    suggestions.get_by_role("link", name=re.compile("All suggestions")).click()
    rows = page.locator("table.recommendations tbody tr")
    expect(rows.first).to_contain_text("Example cluster B")
    count = rows.count()
    shot(page, "recommendations_default")
    # Partners from the same territory too: the list grows without a page load (htmx).
    page.get_by_label("Partners from other territories only").uncheck()
    expect(page.locator("table.recommendations")).to_contain_text("Example battery cluster A2")
    expect(rows).to_have_count(count + 1)
    assert "cross_territory=off" in page.url
    page.get_by_label("Similarity ↔ complementarity").fill("0.3")
    expect(page.locator("#weight-value")).to_have_text("0.30")
    expect(page).to_have_url(re.compile(r"similarity_weight=0\.3(&|$)"))
    expect(rows.first).to_contain_text("Example")
    shot(page, "recommendations")
