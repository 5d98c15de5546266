"""The API documentation pages run under the Content Security Policy (no inline script): the
``browser_page`` fixture fails on any console error, which is how the browser reports a blocked
script or style."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, live_server, small_world):
    return small_world


def test_swagger_ui_renders_the_operations(world, live_server, browser_page):
    response = browser_page.goto(f"{live_server.url}/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(browser_page.locator(".opblock").first).to_be_visible(timeout=20_000)


# ReDoc's bundle always draws the Redocly logo in its menu from Redocly's site; the CSP
# (img-src 'self') blocks it before it leaves the browser, and ReDoc hides the image then.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def test_redoc_renders_the_operations(world, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/api/redoc/")
    expect(page.locator("h1", has_text="Cluster Dialogue API").first).to_be_visible(timeout=20_000)
    expect(page.locator('a[href="https://redocly.com/redoc/"]')).to_be_attached()
    page.wait_for_load_state("networkidle")
    expect(page.locator('img[alt="redocly logo"]')).to_have_count(0)  # blocked, then hidden
    page.foreign_requests[:] = [url for url in page.foreign_requests if url != REDOC_LOGO]
    page.errors[:] = [error for error in page.errors if "logo-mini.svg" not in error]
