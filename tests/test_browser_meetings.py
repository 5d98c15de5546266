"""A meeting in a real browser, from its creation to its published minutes.

The group's chair creates a meeting and its agenda, a member registers (remote), the chair
writes the minutes and publishes them, and the public reads them. Example data only.
Screenshots go to /tmp/meetings_*.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from clusterdialogue.dialogue.models import Meeting, Registration
from clusterdialogue.testing.browser import sign_in, sign_out
from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.factories import dialogue as factories_dialogue

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")


@pytest.fixture
def group(transactional_db, live_server):
    group = factories_dialogue.WorkingGroupFactory(slug="example-dialogue", name="Example dialogue")
    for role in ("chair", "member"):
        user = factories_clusters.UserFactory(username=f"meetings_{role}")
        factories_dialogue.GroupMemberFactory(
            group=group, user=user, role=role, name=f"Example {role} (Baden-Württemberg)",
            email=f"{role}@example.org",
        )  # fmt: skip
    return group


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"meetings_{name}.png"), full_page=True)


def test_create_meeting_agenda_register_minutes_publish(group, live_server, browser_page):
    page, base = browser_page, live_server.url

    sign_in(page, base, "meetings_chair")
    page.goto(f"{base}/dialogue/example-dialogue/meetings/")
    expect(page.get_by_text("No meeting is planned yet.")).to_be_visible()
    create = page.locator("#create form")
    create.get_by_label("Title").fill("Example spring meeting")
    create.get_by_label("First day").fill("2031-05-06")
    create.get_by_label("Last day").fill("2031-05-07")
    create.get_by_label("City").fill("Example city")
    create.get_by_role("button", name="Create the meeting").click()
    expect(page.get_by_role("heading", name="Example spring meeting")).to_be_visible()

    for title, minutes in (("Welcome", "15"), ("Peer review", "90")):
        page.get_by_text("Add an agenda item").click()
        form = page.locator("#agenda form[action$='/agenda/']")
        form.get_by_label("Title").fill(title)
        form.get_by_label("Minutes").fill(minutes)
        form.get_by_role("button", name="Add the item").click()
    agenda = page.locator("#agenda ol.agenda")
    expect(agenda).to_contain_text("Welcome")
    expect(agenda).to_contain_text("Peer review")
    shot(page, "agenda")
    sign_out(page)

    sign_in(page, base, "meetings_member")
    page.goto(f"{base}/dialogue/example-dialogue/meetings/1/")
    register = page.locator("#register form")
    register.get_by_label("Remote").check()
    register.get_by_label("Dietary requirements").fill("Vegetarian")
    register.get_by_role("button", name="Register").click()
    expect(page.get_by_text("You are registered (Remote).")).to_be_visible()
    assert Registration.objects.get().mode == "remote"
    sign_out(page)

    sign_in(page, base, "meetings_chair")
    page.goto(f"{base}/dialogue/example-dialogue/meetings/1/")
    expect(page.locator("#register")).to_contain_text("Vegetarian")
    minutes = page.locator("#minutes")
    minutes.get_by_label("2. Peer review").fill("The programme was presented and discussed.")
    minutes.get_by_role("button", name="Save the minutes").click()
    page.locator("#minutes").get_by_role("button", name="Publish the minutes").click()
    expect(page.locator("#minutes")).to_contain_text("Published on")
    assert Meeting.objects.get().published_at is not None
    shot(page, "minutes")
    sign_out(page)

    page.goto(f"{base}/dialogue/example-dialogue/meetings/1/")
    expect(page.locator("#minutes")).to_contain_text("The programme was presented and discussed.")
    page.goto(f"{base}/dialogue/example-dialogue/minutes/")
    expect(page.get_by_text("The programme was presented and discussed.")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/dialogue/example-dialogue/meetings/1/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the meeting page is {width} px wide on a phone"
    shot(page, "phone")
