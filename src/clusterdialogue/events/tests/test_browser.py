"""A B2B event in a real browser: a request, its answer, the schedule and the agenda.

Participant A requests a must meeting with B, B accepts, the organiser runs the schedule and
sees the bound and the table plan, A reads the agenda; on a phone the pages fit the screen.
Example data only (``events_world``). Screenshots go to /tmp/events_*.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from clusterdialogue.testing.browser import PHONE, sign_in, sign_out

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")


@pytest.fixture
def browser_world(transactional_db, live_server, events_world):
    return events_world


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"events_{name}.png"), full_page=True)


def test_request_accept_schedule_agenda(browser_world, live_server, browser_page):
    page, base = browser_page, live_server.url
    event = f"{base}/events/{browser_world.event.slug}/"
    sign_in(page, base, "events_manager")
    page.goto(event)
    page.get_by_role("link", name="Participants: browse and request meetings").click()
    page.get_by_role("link", name="Example person B").click()
    page.get_by_label("Priority").select_option(label="Must meet")
    page.get_by_label("Message").fill("Batteries for buses")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is sent to Example person B.")).to_be_visible()
    expect(page.get_by_text("Waiting for an answer until")).to_be_visible()
    sign_out(page)

    sign_in(page, base, "events_partner")
    page.goto(f"{event}requests/")
    expect(page.get_by_text("Batteries for buses")).to_be_visible()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Your answer is recorded.")).to_be_visible()
    sign_out(page)

    sign_in(page, base, "events_organiser")
    page.goto(f"{event}schedule/")
    page.get_by_role("button", name="Run the schedule").click()
    expect(
        page.get_by_text("Scheduled 1 of 1 (must 1 of 1); upper bound 1; gap 0.00%")
    ).to_be_visible()
    expect(page.locator("#plan")).to_contain_text("Example person A")
    shot(page, "schedule")
    sign_out(page)

    sign_in(page, base, "events_manager")
    page.goto(event)
    shot(page, "event")
    page.goto(f"{event}agenda/")
    expect(page.locator("main table")).to_contain_text("Example person B")
    expect(page.get_by_role("link", name="Add to calendar (.ics)")).to_be_visible()
    shot(page, "agenda")
    page.set_viewport_size(PHONE)
    widths = {}
    for path in ("", "participants/", "requests/", "agenda/"):
        page.goto(f"{event}{path}", wait_until="networkidle")
        widths[path or "event"] = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "agenda_phone")
    assert {p: w for p, w in widths.items() if w > PHONE["width"]} == {}


def test_the_day_live_no_show_and_place_here(browser_world, live_server, browser_page):
    """The organiser marks a no-show and gives its table to a left-over request; the live view,
    the lists per table and the report fit a phone."""
    from clusterdialogue.events.b2b import services as b2b
    from clusterdialogue.events.tests.conftest import meet

    w = browser_world
    meet(w, "a", "b", 0, table=1)
    b2b.meeting_add_by_organiser(
        event=w.event, requester=w.participants["a"], partner=w.participants["c"]
    )
    page, base = browser_page, live_server.url
    event = f"{base}/events/{w.event.slug}/"
    sign_in(page, base, "events_organiser")
    page.goto(event)
    page.get_by_role("link", name="The day, live").click()
    slot = page.locator(f"#slot-{w.slots[0].pk}")
    slot.get_by_role("button", name="No-show").click()
    expect(page.get_by_text("The meeting is marked.")).to_be_visible()
    slot = page.locator(f"#slot-{w.slots[0].pk}")
    expect(slot).to_contain_text("freed by no-shows: 1")
    slot.get_by_label("Table").select_option("1")
    slot.get_by_role("button", name="Place here").click()
    expect(page.get_by_text("meets at table 1.")).to_be_visible()
    shot(page, "live")
    page.goto(f"{event}tables/")
    expect(page.locator("main")).to_contain_text("Example person C")
    shot(page, "tables")
    page.goto(f"{event}report/")
    expect(page.locator("#overall")).to_contain_text("All territories")
    shot(page, "report")
    page.set_viewport_size(PHONE)
    widths = {}
    for path in ("live/", "tables/", "report/"):
        page.goto(f"{event}{path}", wait_until="networkidle")
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    assert {p: w for p, w in widths.items() if w > PHONE["width"]} == {}
