"""A collaboration followed through the pipeline, in a real browser (Debian's Chromium).

A cluster manager starts a collaboration of their cluster with a cluster of another territory,
moves it from the board to "contact made", then to "meeting", and finds it counted as a
relation on the public statistics page and drawn as a link of the network graph (a click on a
cluster opens its profile). The example network (``roles_world``, invented names) is built in
the live server's database. Screenshots go to /tmp/pipeline_*.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from clusterdialogue.testing.browser import sign_in

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")


@pytest.fixture
def world(transactional_db, live_server, roles_world):
    return roles_world


@pytest.fixture
def browser_viewport():
    return {"width": 1400, "height": 900}


def move_on_board(page: Page, title: str, stage: str, note: str) -> None:
    """Open the card's move form, choose the stage, and submit (htmx swaps the board)."""
    card = page.locator(".card", has_text=title)
    card.locator("summary", has_text="Move to the next stage").click()
    card.get_by_label("Move to").select_option(label=stage)
    expect(card.get_by_label("Date")).to_have_value(timezone.localdate().isoformat())
    card.get_by_label("Note").fill(note)
    card.get_by_role("button", name="Move").click()
    expect(page.locator(".messages")).to_contain_text(f"moved to “{stage}”")


def test_manager_follows_a_collaboration_to_the_statistics_and_the_graph(
    world, live_server, browser_page
):
    page, base = browser_page, live_server.url
    title = "Example joint pilot line"

    # The public sees an explanation, not the pipeline.
    page.goto(f"{base}/collaboration/pipeline/")
    expect(page.get_by_text("shown to signed-in users only")).to_be_visible()

    # The manager finds an empty pipeline with the ways to start one.
    sign_in(page, base, "role_manager")
    page.goto(f"{base}/collaboration/pipeline/")
    expect(page.get_by_text("No collaboration is followed yet.")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "pipeline_empty.png"), full_page=True)

    # ... and starts one with cluster B, of the other territory.
    page.get_by_role("link", name="New collaboration").first.click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Kind").select_option(label="Bilateral relation")
    page.get_by_label("Partner clusters").select_option(
        label=["Example cluster A (QA11)", "Example cluster B (QB11)"]
    )
    page.get_by_label("Lead partner").select_option(label="Example cluster A")
    page.get_by_label("Note for the log").fill("Met at an example matchmaking event")
    page.screenshot(path=str(SCREENSHOTS / "pipeline_create.png"), full_page=True)
    page.get_by_role("button", name="Start following it").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.locator(".stage-badge")).to_have_text("Identified")

    # From the board: contact made, then meeting.
    page.get_by_role("link", name="← Pipeline").click()
    expect(page.locator(".board-column.stage-identified .card")).to_have_count(1)
    move_on_board(page, title, "Contact made", "First call between the managers")
    expect(page.locator(".board-column.stage-contact .card")).to_have_count(1)
    move_on_board(page, title, "Meeting or mission", "Visit of the pilot line")
    meeting = page.locator(".board-column.stage-meeting")
    expect(meeting.locator(".card")).to_contain_text(title)
    expect(page.locator(".board-column.stage-identified .card")).to_have_count(0)
    page.screenshot(path=str(SCREENSHOTS / "pipeline_board.png"), full_page=True)

    # The collaboration's page keeps the dated log.
    meeting.get_by_role("link", name=title).click()
    log = page.locator("ol.stage-log li")
    expect(log).to_have_count(3)
    expect(log.nth(2)).to_contain_text("Meeting or mission")
    expect(log.nth(2)).to_contain_text("Visit of the pilot line")
    page.screenshot(path=str(SCREENSHOTS / "pipeline_detail.png"), full_page=True)

    # Statistics: one relation established this year, in both territories and the network.
    page.goto(f"{base}/collaboration/statistics/")
    totals = page.locator("#statistics-totals tbody tr")
    expect(totals).to_have_count(3)
    for row in range(3):
        expect(totals.nth(row).locator("td").nth(2)).to_have_text("1")
    expect(totals.nth(2)).to_contain_text("Example network")
    page.wait_for_selector("#chart-relations[data-rendered='true']")
    year_row = page.locator("#statistics-by-year tbody tr.highlight")
    expect(year_row).to_contain_text(str(timezone.localdate().year))
    page.screenshot(path=str(SCREENSHOTS / "pipeline_statistics.png"), full_page=True)

    # The network graph: one link between A and B, across territories.
    page.goto(f"{base}/collaboration/network/")
    page.wait_for_selector("#network-graph[data-rendered='true']")
    expect(page.locator("#metric-links")).to_have_text("1")
    expect(page.locator("#network-metrics")).to_contain_text("100.0 %")  # cross-territory
    links = page.evaluate(
        "() => document.getElementById('network-graph').data[0].x.filter(v => v !== null).length"
    )
    assert links == 2  # the two ends of the one link
    page.screenshot(path=str(SCREENSHOTS / "pipeline_network.png"), full_page=True)

    # A click on cluster B opens its profile.
    page.locator("#network-graph").scroll_into_view_if_needed()
    point = page.evaluate(
        """() => {
            const gd = document.getElementById('network-graph');
            const trace = gd.data.findIndex(t => t.name === 'Territory B');
            const i = gd.data[trace].customdata.indexOf('/clusters/example-cluster-b/');
            const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
            const box = gd.getBoundingClientRect();
            return [box.left + xa._offset + xa.l2p(gd.data[trace].x[i]),
                    box.top + ya._offset + ya.l2p(gd.data[trace].y[i])];
        }"""
    )
    page.mouse.click(point[0], point[1])
    expect(page).to_have_url(f"{base}/clusters/example-cluster-b/")
