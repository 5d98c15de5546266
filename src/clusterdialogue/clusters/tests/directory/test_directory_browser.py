"""The directory page in a real browser: live filtering with htmx, and the map's markers."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, live_server, directory_world):
    return directory_world


def test_typing_and_choosing_filters_update_table_map_and_address(
    browser_page: Page, live_server, world
):
    page = browser_page
    errors, foreign = page.errors, page.foreign_requests
    page.goto(f"{live_server.url}/clusters/")
    expect(page.locator(".directory-count")).to_contain_text("3 organisations")
    expect(page.locator("#directory-map-note")).to_contain_text("3 on the map")
    page.fill("#directory-q", "mobilité")
    expect(page.locator(".directory-count")).to_contain_text("matching “mobilité”")
    rows = page.locator(".directory-table tbody tr")
    expect(rows.first).to_contain_text("Example Elektromobilität Cluster")
    page.select_option("select[name=status]", "provisional")
    expect(page.locator(".directory-count")).to_contain_text("1 organisation")
    expect(page.locator("#directory-map-note")).to_contain_text("1 on the map")
    assert "status=provisional" in page.url and "territory=" not in page.url
    expect(page.get_by_role("link", name="CSV")).to_have_attribute(
        "href", "/clusters/export.csv?q=mobilit%C3%A9&status=provisional"
    )
    page.screenshot(path="/tmp/cd_directory.png", full_page=True)
    assert errors == [] and foreign == []
