"""The planner page on a phone: it fits 390 px, and a chair confirms a changed proposal."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from clusterdialogue.dialogue.models import BlockedPeriod, Meeting
from clusterdialogue.testing.browser import sign_in
from clusterdialogue.testing.factories.dialogue import HostEventFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, live_server, planning_world):
    return planning_world


def test_chair_overrides_a_proposal_on_a_phone(world, live_server, phone_page):
    page, base = phone_page, live_server.url
    sign_in(page, base, world.user("chair").username)
    page.goto(f"{base}/dialogue/{world.group.slug}/plan/?start=2027-01-01&meetings=2")
    expect(page.locator("#proposal-1")).to_contain_text("Fair rotation")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    proposal = page.locator("#proposal-1")
    proposal.locator("summary").click()
    proposal.get_by_label("City").fill("Example city, another venue")
    proposal.get_by_label("Reason for the change").fill("Example: the venue changed")
    proposal.get_by_role("button", name="Confirm this meeting").click()
    expect(page.locator(".messages")).to_contain_text("confirmed")
    expect(page.locator(".history-entry").first).to_contain_text("Example: the venue changed")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert Meeting.objects.get().override_reason == "Example: the venue changed"


def test_entry_pages_fit_a_phone(world, live_server, phone_page):
    page, base = phone_page, live_server.url
    territory = world.territories["ES51"]
    BlockedPeriod.objects.create(
        group=world.group, territory=territory, kind="school_holidays", start=dt.date(2027, 6, 21),
        end=dt.date(2027, 9, 10), note="Example summer school holidays with a long note to wrap",
    )  # fmt: skip
    HostEventFactory(territory=territory, name="Example international trade fair with a long name")
    sign_in(page, base, world.user("chair").username)
    for path, words in (
        ("school-holidays", "Example summer school holidays"),
        ("unavailability", "Add unavailability"),
        ("events", "Example international trade fair"),
    ):
        page.goto(f"{base}/dialogue/{world.group.slug}/plan/{path}/")
        expect(page.locator("main")).to_contain_text(words)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
