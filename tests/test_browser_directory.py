"""Invitation, proposal and validation of a profile change, in a real browser.

The secretariat invites a cluster manager; the manager accepts, proposes a change (not public
yet); the territory's representative approves it in the validation queue; the public page then
shows it. The example network (``roles_world``, invented names) is built in the live server's
database. Screenshots go to /tmp/cd_*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from clusterdialogue.testing.browser import nav_group_open, sign_in, sign_out

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")
PASSWORD = "password"  # of every roles_world user
NEW_PASSWORD = "Cluster-dialogue-2024!"


@pytest.fixture
def world(transactional_db, live_server, roles_world):
    organisation = roles_world.organisation
    organisation.description = "An example cluster organisation (example data for tests)."
    organisation.members_sme, organisation.members_rto, organisation.members_public = 12, 3, 1
    organisation.staff_fte = 1
    organisation.website = "https://example.org/"
    organisation.save()
    return roles_world


def public_city(browser: Browser, url: str) -> str:
    """The city on the profile page as an anonymous visitor sees it."""
    context = browser.new_context()
    try:
        public = context.new_page()
        public.goto(url)
        return public.locator(".profile-sub").inner_text()
    finally:
        context.close()


def test_invite_propose_validate_publish(world, live_server, browser_page, browser):
    page, base = browser_page, live_server.url
    profile_url = f"{base}/clusters/{world.organisation.slug}/"

    # The secretariat invites a cluster manager from the profile page.
    sign_in(page, base, "role_secretariat", PASSWORD)
    page.goto(profile_url)
    page.get_by_role("link", name="Invite a cluster manager").click()
    page.get_by_label("E-mail address of the person to invite").fill("manager@example.org")
    expect(page.get_by_label("Cluster organisation")).to_have_value(world.organisation.slug)
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("heading", name="Invitation created")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "cd_invitation_sent.png"), full_page=True)
    link = page.locator("#invitation-link").input_value()
    assert link.startswith(f"{base}/accounts/invitations/")
    sign_out(page)

    # The manager opens the link, chooses a user name and password, and is signed in.
    page.goto(link)
    page.screenshot(path=str(SCREENSHOTS / "cd_invitation_accept.png"), full_page=True)
    page.get_by_label("User name").fill("new_manager")
    page.get_by_label(re.compile(r"^Password:?$")).fill(NEW_PASSWORD)
    page.get_by_label("Password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(profile_url)
    expect(page.get_by_text("Welcome! You are now cluster manager")).to_be_visible()

    # The manager proposes a change; it waits for validation, the public page is unchanged.
    page.get_by_role("link", name="Propose a change").click()
    page.get_by_label("City").fill("Newtown")
    page.get_by_label("Offers").fill("Example pilot lines for partners")
    page.screenshot(path=str(SCREENSHOTS / "cd_propose.png"), full_page=True)
    page.get_by_role("button", name="Send for validation").click()
    expect(page.get_by_text("Your change was sent for validation")).to_be_visible()
    expect(page.locator(".status").first).to_have_text("Waiting for validation")
    page.screenshot(path=str(SCREENSHOTS / "cd_proposed.png"), full_page=True)
    city = public_city(browser, profile_url)
    assert "Alpha" in city and "Newtown" not in city
    sign_out(page)

    # The territory's representative sees the diff in the queue and approves it.
    sign_in(page, base, "role_representative", PASSWORD)
    nav_group_open(page, "Clusters")  # the queue is in the header's Clusters menu
    page.get_by_role("link", name="Validation queue", exact=True).click()
    item = page.locator(".queue-item").first
    expect(item.locator("td.old").first).to_have_text("Alpha")
    expect(item.locator("td.new").first).to_have_text("Newtown")
    page.screenshot(path=str(SCREENSHOTS / "cd_queue.png"), full_page=True)
    item.get_by_role("link", name="Review").click()
    page.screenshot(path=str(SCREENSHOTS / "cd_review.png"), full_page=True)
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("is approved and now public")).to_be_visible()
    expect(page.get_by_text("No change is waiting for validation.")).to_be_visible()

    # The public page shows the new values; the history says who did it.
    city = public_city(browser, profile_url)
    assert "Newtown" in city
    page.goto(profile_url)
    expect(page.get_by_text("Example pilot lines for partners")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "cd_profile_after.png"), full_page=True)
    page.get_by_role("link", name="History").first.click()
    expect(page.get_by_text("by new_manager, approved by role_representative")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "cd_history.png"), full_page=True)
