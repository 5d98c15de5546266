"""The region analytics page in Debian's Chromium: every chart is drawn, nothing fails.

The example world is ``analytics_world`` (invented figures), committed to the live server's
database (a transactional database).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_region_page_draws_its_charts(analytics_world, live_server, browser_page: Page):
    page = browser_page
    errors, foreign = page.errors, page.foreign_requests
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
