"""The Playwright set-up every browser test shares (loaded as a pytest plugin by conftest.py).

Debian's Chromium (never a browser Playwright downloads), a page that fails the test on a
JavaScript error or on a file fetched from another site, a phone-sized page, and the sign-in and
menu steps the tests repeat.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "password"  # of every example user of the test worlds
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """Drive Debian's Chromium; never a browser downloaded by Playwright."""
    return {"executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture
def browser_viewport() -> dict[str, int]:
    """The window size of ``browser_page``; a module overrides this fixture to change it."""
    return dict(DESKTOP)


def page_watch(page: Page, base: str) -> Page:
    """Record on ``page`` the files it fetches from other sites and its JavaScript errors."""
    page.foreign_requests = []
    page.errors = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((base, "data:", "blob:"))
            else page.foreign_requests.append(request.url)
        ),
    )
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "console",
        lambda message: page.errors.append(message.text) if message.type == "error" else None,
    )
    return page


@pytest.fixture
def browser_page(page: Page, live_server, browser_viewport: dict[str, int]) -> Iterator[Page]:
    """The Playwright page, failing the test on JavaScript errors or files from other sites."""
    page_watch(page, live_server.url)
    page.set_viewport_size(browser_viewport)
    yield page
    assert page.foreign_requests == [], "the page loaded files from another site"
    assert page.errors == []


@pytest.fixture
def phone_page(browser_page: Page) -> Page:
    """``browser_page`` on a phone's screen (390 × 844 CSS pixels)."""
    browser_page.set_viewport_size(PHONE)
    return browser_page


def menu_open(page: Page) -> None:
    """On a phone, open the header's "Menu" (nothing to do where the menu is shown)."""
    page.wait_for_load_state()  # the stylesheet decides whether the button shows
    toggle = page.locator(".nav-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def nav_group_open(page: Page, group: str) -> None:
    """Open one group of the header's menu ("Evidence", "Clusters", "Collaboration", ...)."""
    menu_open(page)
    summary = page.locator(".nav-group > summary", has_text=group)
    if summary.get_attribute("aria-expanded") != "true":
        summary.click()


def sign_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    """Sign in from the sign-in page (the site then opens the user's home)."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    menu_open(page)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page: Page) -> None:
    menu_open(page)
    page.get_by_role("button", name="Sign out").click()
    menu_open(page)
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
