"""The pages in a real browser: Debian's Chromium driven by Playwright against a live server.

The example world is the ``small_world`` fixture (invented regions, clearly not real), built in
the live server's database (``transactional_db``) and moved onto the map of Europe so that the
regions are in view. Every file the pages load must come from the live server itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from clusterdialogue.regions.models import Region

pytestmark = pytest.mark.browser

MISSING = "#d9d9d9"  # the grey of regions without a figure (static/portal/map.js)
LQ_COLOURS = {"QA11": "#ef8a62", "QA12": "#2166ac", "QB11": "#2166ac", "QB12": "#fddbc7"}
SCREENSHOTS = Path("/tmp")


def rectangle(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def world(transactional_db, live_server, small_world):
    """The small world, with its regions side by side in central Europe, and a region without
    figures (QB13) to show the grey of a missing figure."""
    for index, code in enumerate(("QA11", "QA12", "QB11", "QB12", "QB13")):
        west = 2.0 + 4 * index
        Region.objects.filter(code=code).update(geometry=rectangle(west, 44, west + 4, 50))
    Region.objects.create(
        code="QB13",
        name="Exampleland QB North 3",
        level=2,
        country_code="QB",
        parent=Region.objects.get(code="QB1"),
        geometry=rectangle(18, 44, 22, 50),
    )
    for codes, west, east in ((("QA", "QA1"), 2, 10), (("QB", "QB1"), 10, 22)):
        Region.objects.filter(code__in=codes).update(geometry=rectangle(west, 44, east, 50))
    return small_world


def region_fills(page: Page, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        f"{selector} path.leaflet-interactive", "paths => paths.map(p => p.getAttribute('fill'))"
    )


def test_map_colours_the_regions_and_links_to_dashboards(world, live_server, browser_page):
    page = browser_page
    loaded = []
    page.on("response", lambda response: loaded.append(response.url))
    page.goto(f"{live_server.url}/map/")
    page.wait_for_selector("#europe-map[data-loaded]")
    assert page.get_attribute("#europe-map", "data-loaded") == "5"
    assert f"{live_server.url}/static/leaflet/leaflet.js" in loaded
    assert page.evaluate("typeof L") == "object"

    fills = region_fills(page, "#europe-map")
    assert len(fills) == 5
    coloured = [fill for fill in fills if fill.lower() != MISSING]
    assert sorted(coloured) == sorted(LQ_COLOURS.values())
    assert fills.count(MISSING) == 1  # QB13 has no figures
    # The legend and the territory outlines (not clickable) are drawn too.
    expect(page.locator("#europe-map .legend")).to_contain_text("no figure")
    # A locator, not wait_for_function: the page's CSP forbids the eval Playwright would use.
    outlines = page.locator("#europe-map .leaflet-overlay-pane path:not(.leaflet-interactive)")
    expect(outlines).to_have_count(2)

    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "map.png"), full_page=True)

    # QA11 is the only region in its colour class: clicking it opens its dashboard.
    page.locator(f'#europe-map path.leaflet-interactive[fill="{LQ_COLOURS["QA11"]}"]').click()
    page.wait_for_url(re.compile(r"/regions/QA11/$"))
    expect(page.locator("h1")).to_contain_text("Exampleland QA North 1")


def test_map_tooltip_and_other_measure(world, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/map/?category=C29&level=2&measure=stars")
    page.wait_for_selector("#europe-map[data-loaded]")
    fills = region_fills(page, "#europe-map")
    assert sorted(fills) == sorted(["#b2182b", "#f7f7f7", "#f7f7f7", "#f7f7f7", MISSING])
    page.locator('#europe-map path.leaflet-interactive[fill="#b2182b"]').hover()
    expect(page.locator(".leaflet-tooltip")).to_contain_text("QA11 Exampleland QA North 1")
    expect(page.locator(".leaflet-tooltip")).to_contain_text("LQ 2.30 · 3 ★ · rank 1")


def test_map_form_changes_the_level(world, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/map/")
    page.select_option("#map-form select[name=level]", "1")
    page.click("#map-form button[type=submit]")
    page.wait_for_url(re.compile(r"level=1"))
    page.wait_for_selector("#europe-map[data-loaded='2']")
    assert sorted(region_fills(page, "#europe-map")) == ["#92c5de", "#fddbc7"]  # LQ 0.74, 1.26


def test_dashboard_draws_the_chart_with_png_and_svg_downloads(world, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/regions/QA11/")
    page.wait_for_selector("#profile-chart[data-rendered=true]", timeout=15_000)
    page.wait_for_selector("#comparison-chart[data-rendered=true]")
    assert page.locator("#profile-chart .main-svg").count() >= 1
    assert page.locator("#profile-chart g.point").count() == 6  # 3 categories x 2 series
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)

    page.hover("#profile-chart")
    titles = page.eval_on_selector_all(
        "#profile-chart .modebar-btn", "buttons => buttons.map(b => b.getAttribute('data-title'))"
    )
    assert "Download plot as a PNG" in titles
    assert "Download as SVG" in titles

    with page.expect_download() as download:
        page.click('#profile-chart .modebar-btn[data-title="Download as SVG"]')
    assert download.value.suggested_filename == "QA11_profile_2014.svg"
    with page.expect_download() as download:
        page.click('#profile-chart .modebar-btn[data-title="Download plot as a PNG"]')
    assert download.value.suggested_filename == "QA11_profile_2014.png"


def test_home_map_shows_the_territories(world, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("#territory-map[data-loaded='2']")
    assert len(region_fills(page, "#territory-map")) == 2
    expect(page.locator("#territories")).to_contain_text("North of A")
    page.locator("#territory-map path.leaflet-interactive").first.click()
    page.wait_for_url(re.compile(r"/regions/(QA1|QB12)/$"))


def test_language_switch_in_the_browser(world, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/regions/QA11/")
    page.select_option("#language-select", "fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert page.url.endswith("/regions/QA11/")
    expect(page.locator("#language-select")).to_have_value("fr")
