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


def test_redoc_renders_the_operations(world, live_server, browser_page):
    browser_page.goto(f"{live_server.url}/api/redoc/")
    expect(browser_page.locator("h1", has_text="Cluster Dialogue API").first).to_be_visible(
        timeout=20_000
    )
