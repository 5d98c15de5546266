"""The grouped navigation, the breadcrumbs, the site search and the phone fit, in a real browser.

At 1,400 px the header is one line, every group opens and its links lead to their pages, the
keyboard works (Tab, Enter, Escape) and the current group is marked. At 390 px the "Menu" button
reveals the groups and no page is wider than the screen. The example worlds are invented
(``small_world`` for the figures, ``board_world`` for the clusters and their collaboration).
Screenshots go to /tmp/nav_*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from clusterdialogue.clusters.search.index import search_index_update
from clusterdialogue.collaboration.calls.services import funding_calls_load_examples
from clusterdialogue.statistics.models import Industry
from clusterdialogue.testing.browser import PHONE, menu_open, nav_group_open, sign_in

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")
DESKTOP_WIDE = {"width": 1400, "height": 900}
GROUP_PAGES = {
    "Evidence": {
        "Map": "/map/",
        "Categories": "/categories/",
        "Compare": "/compare/",
        "Growth": re.compile(r"/statistics/regions/\w+/growth/$"),
        "Smart specialisation": "/analytics/network/",
    },
    "Clusters": {"Directory": "/clusters/"},
    "Collaboration": {
        "Cooperation board": "/collaboration/board/",
        "Funding calls": "/collaboration/calls/",
        "Collaborations": "/collaboration/pipeline/",
        "Network graph": "/collaboration/network/",
    },
    "Events": {"Missions and B2B events": "/events/"},
}


@pytest.fixture
def browser_viewport():
    return dict(DESKTOP_WIDE)


@pytest.fixture
def figures_world(transactional_db, live_server, small_world):
    # Real NACE titles are long; a select as wide as its longest option once widened the map
    # and compare pages to 584 px on a phone.
    Industry.objects.filter(code="C21").update(
        name_en="Manufacture of basic pharmaceutical products and pharmaceutical preparations"
    )
    return small_world


@pytest.fixture
def clusters_world(transactional_db, live_server, board_world):
    funding_calls_load_examples()
    search_index_update()  # the factories do not index the profiles they create
    return board_world


def fits_the_screen(page: Page, path: str, base: str) -> int:
    page.goto(f"{base}{path}", wait_until="networkidle")
    return page.evaluate("document.documentElement.scrollWidth")


def summary(page: Page, group: str):
    return page.locator(".nav-group > summary", has_text=group)


def test_desktop_header_is_one_line_and_every_group_leads_to_its_pages(
    figures_world, live_server, browser_page
):
    page, base = browser_page, live_server.url
    page.goto(f"{base}/")
    header = page.locator(".site-header")
    height = header.bounding_box()["height"]
    brand = page.locator(".site-header .brand").bounding_box()
    assert height < 3 * brand["height"] + 24, f"the header wraps ({height:.0f} px high)"
    centres = header_centres(page)
    assert max(centres) - min(centres) <= 6, f"header items are not on one line: {centres}"
    # The Dialogue's public library fills its slot, and the events list the Events slot.
    expect(page.locator(".nav-group")).to_have_count(5)
    page.screenshot(path=str(SCREENSHOTS / "nav_desktop.png"))

    for group, links in GROUP_PAGES.items():
        for label, path in links.items():
            nav_group_open(page, group)
            expect(summary(page, group)).to_have_attribute("aria-expanded", "true")
            link = page.locator(".nav-group[open] .nav-menu").get_by_role("link", name=label)
            expect(link).to_be_visible()
            link.click()
            expect(page).to_have_url(path if isinstance(path, re.Pattern) else f"{base}{path}")
            # The page's group is marked, and the other groups are not.
            expect(summary(page, group)).to_have_attribute("aria-current", "true")
            expect(page.locator(".nav-group > summary[aria-current]")).to_have_count(1)
    # On the directory the entry itself is the current page.
    page.goto(f"{base}/clusters/")
    nav_group_open(page, "Clusters")
    expect(page.get_by_role("link", name="Directory")).to_have_attribute("aria-current", "page")


def test_groups_work_with_the_keyboard_one_open_at_a_time(figures_world, live_server, browser_page):
    page, base = browser_page, live_server.url
    page.goto(f"{base}/")
    evidence, clusters = summary(page, "Evidence"), summary(page, "Clusters")
    # Tab from the brand reaches the first group; Enter opens it, Tab enters its list.
    page.locator(".site-header .brand").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    expect(evidence).to_be_focused()
    page.keyboard.press("Enter")
    expect(evidence).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(page.locator(".nav-group[open] .nav-menu a").first).to_be_focused()
    # Escape closes the group and gives the focus back to its button.
    page.keyboard.press("Escape")
    expect(evidence).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".nav-group[open]")).to_have_count(0)
    expect(evidence).to_be_focused()
    # Opening another group closes the first one.
    evidence.click()
    clusters.click()
    expect(page.locator(".nav-group[open]")).to_have_count(1)
    expect(clusters).to_have_attribute("aria-expanded", "true")
    expect(evidence).to_have_attribute("aria-expanded", "false")
    # A click elsewhere closes it; Enter on a focused link follows it.
    page.locator("main h1").first.click()
    expect(page.locator(".nav-group[open]")).to_have_count(0)
    evidence.focus()
    page.keyboard.press("Enter")
    page.locator(".nav-group[open] .nav-menu").get_by_role("link", name="Map").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}/map/")


def test_phone_menu_and_evidence_pages_fit_the_screen(figures_world, live_server, phone_page):
    page, base = phone_page, live_server.url
    page.goto(f"{base}/")
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".nav-groups")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".nav-group > summary")).to_have_count(5)
    summary(page, "Evidence").click()
    expect(page.get_by_role("link", name="Categories")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "nav_phone_menu.png"), full_page=True)
    page.get_by_role("link", name="Categories").click()
    expect(page).to_have_url(f"{base}/categories/")
    expect(page.locator(".nav-groups")).to_be_hidden()
    # Escape folds the menu again and leaves the focus on its button.
    toggle.click()
    expect(page.locator(".nav-groups")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(".nav-groups")).to_be_hidden()
    expect(toggle).to_be_focused()

    widths = {
        path: fits_the_screen(page, path, base)
        for path in (
            "/",
            "/map/",
            "/regions/QA11/",
            "/categories/",
            "/categories/C29/",
            "/compare/?r=QA11&r=QA12&r=QB11&r=QB12",
            "/analytics/network/",
            "/search/?q=Exampleland",
        )
    }
    page.goto(f"{base}/regions/QA11/", wait_until="networkidle")
    page.screenshot(path=str(SCREENSHOTS / "nav_phone_region.png"), full_page=True)
    assert {path: w for path, w in widths.items() if w > PHONE["width"]} == {}


def test_phone_cluster_and_collaboration_pages_fit_the_screen(
    clusters_world, live_server, phone_page
):
    page, base = phone_page, live_server.url
    slug = "example-cluster-a"  # roles_world's cluster A, managed by role_manager
    paths = [
        "/clusters/",
        f"/clusters/{slug}/",
        "/collaboration/board/",
        "/collaboration/calls/",
        "/search/?q=Example",
    ]
    widths = {path: fits_the_screen(page, path, base) for path in paths}
    sign_in(page, base, "role_manager")
    widths["/collaboration/pipeline/ (signed in)"] = fits_the_screen(
        page, "/collaboration/pipeline/", base
    )
    widths["/accounts/ (signed in)"] = fits_the_screen(page, "/accounts/", base)
    page.screenshot(path=str(SCREENSHOTS / "nav_phone_pipeline.png"), full_page=True)
    assert {path: w for path, w in widths.items() if w > PHONE["width"]} == {}


def test_breadcrumbs_on_a_region_and_a_cluster_profile(clusters_world, live_server, browser_page):
    page, base = browser_page, live_server.url
    page.goto(f"{base}/regions/QA11/")
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(crumbs.get_by_role("listitem")).to_have_text(
        ["Home", "Evidence", "Map", re.compile(r"QA11|Exampleland")]
    )
    expect(crumbs.locator("[aria-current=page]")).to_have_count(1)
    crumbs.get_by_role("link", name="Map").click()
    expect(page).to_have_url(f"{base}/map/")
    # The map is a page of the menu itself: no breadcrumbs there.
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_have_count(0)

    page.goto(f"{base}/clusters/example-cluster-a/")
    expect(crumbs.get_by_role("listitem")).to_have_text(
        ["Home", "Clusters", "Directory", "Example cluster A"]
    )
    expect(crumbs.locator("[aria-current=page]")).to_have_text("Example cluster A")
    crumbs.get_by_role("link", name="Directory").click()
    expect(page).to_have_url(f"{base}/clusters/")


def test_site_search_finds_a_region_and_a_cluster(clusters_world, live_server, browser_page):
    page, base = browser_page, live_server.url
    page.goto(f"{base}/")
    page.get_by_role("searchbox", name="Search the site").fill("QA11")
    page.get_by_role("searchbox", name="Search the site").press("Enter")
    expect(page).to_have_url(f"{base}/search/?q=QA11")
    regions = page.locator("section[data-kind=regions]")
    expect(regions.get_by_role("heading")).to_contain_text("Regions")
    regions.get_by_role("link", name=re.compile("^QA11 ")).click()
    expect(page).to_have_url(f"{base}/regions/QA11/")

    page.get_by_role("searchbox", name="Search the site").fill("Example cluster A")
    page.get_by_role("button", name="Search", exact=True).click()
    clusters = page.locator("section[data-kind=clusters]")
    expect(clusters.get_by_role("heading")).to_contain_text("Cluster organisations")
    page.screenshot(path=str(SCREENSHOTS / "nav_search.png"), full_page=True)
    clusters.get_by_role("link", name="Example cluster A", exact=True).click()
    expect(page).to_have_url(f"{base}/clusters/example-cluster-a/")

    page.goto(f"{base}/search/?q=zzzyx")
    expect(page.locator(".search-empty")).to_contain_text("Nothing matches")


def header_centres(page: Page) -> list[int]:
    """The vertical centres of the header's items (all within a few pixels on one line)."""
    return page.eval_on_selector_all(
        ".site-header .brand, .nav-group > summary, .site-search, .user-menu > *, form.language",
        "nodes => nodes.map(n => Math.round((n.getBoundingClientRect().top"
        " + n.getBoundingClientRect().bottom) / 2))",
    )


def test_signed_in_header_fits_one_line_and_narrow_windows_do_not_overflow(
    clusters_world, live_server, browser_page
):
    page, base = browser_page, live_server.url
    secretariat = clusters_world.user("secretariat")
    secretariat.is_staff = True  # the longest account menu: notifications, home, admin, sign out
    secretariat.save()
    sign_in(page, base, secretariat.username)
    page.goto(f"{base}/collaboration/board/")
    expect(page.get_by_role("link", name="Admin")).to_be_visible()
    centres = header_centres(page)
    assert max(centres) - min(centres) <= 6, f"the header wraps: {centres}"
    page.screenshot(path=str(SCREENSHOTS / "nav_desktop_signed_in.png"))
    for width in (1024, 800):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_signed_in_reviewer_finds_the_validation_queue_in_clusters(
    clusters_world, live_server, browser_page
):
    page, base = browser_page, live_server.url
    page.goto(f"{base}/")
    nav_group_open(page, "Clusters")
    expect(page.locator(".nav-group[open] .nav-menu a")).to_have_count(1)
    sign_in(page, base, "role_representative")
    nav_group_open(page, "Clusters")
    page.get_by_role("link", name="Validation queue", exact=True).click()
    expect(page).to_have_url(f"{base}/clusters/changes/")
    menu_open(page)
    expect(summary(page, "Clusters")).to_have_attribute("aria-current", "true")
