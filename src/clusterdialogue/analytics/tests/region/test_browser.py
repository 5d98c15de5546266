"""The region analytics page in Debian's Chromium: every chart is drawn, nothing fails.

The example world is ``analytics_world`` (invented figures), committed to the live server's
database (a transactional database).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_region_page_draws_its_charts(analytics_world, live_server, page: Page):
    errors: list[str] = []
    foreign: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith((live_server.url, "data:", "blob:")) else foreign.append(r.url)
        ),
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/analytics/regions/QA11/")
    for chart in ("space-chart", "opportunities-chart", "eci-chart", "dynamics-chart"):
        page.wait_for_selector(f"#{chart}[data-rendered='true']")
        # charts.js adds the SVG download next to Plotly's PNG one.
        expect(page.locator(f"#{chart} .modebar-btn[data-title='Download as SVG']")).to_have_count(
            1
        )
    # Seven industries in the industry space: red, green and grey dots.
    assert page.locator("#space-chart .scatterlayer .point").count() == 7
    page.locator("#specialisations-details summary").click()
    expect(page.locator("#specialisations")).to_be_visible()
    assert errors == [] and foreign == []
