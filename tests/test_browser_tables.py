"""Data tables and map outlines in a real browser (Debian's Chromium driven by Playwright).

The categories table, made long with sixty example industries, sorts by a header (click and
Enter, both ways), filters by text and shows 25 rows a page. The category ranking sorts its
French decimal commas as numbers. The map draws the countries (NUTS 0) in grey behind the
coloured regions. Example data only (``small_world``, invented regions).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Industry
from clusterdialogue.testing import factories

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")
EXTRA_INDUSTRIES = 60


def rectangle(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def world(transactional_db, live_server, small_world):
    """The small world on the map of Europe, and sixty more (example) industries."""
    for index, code in enumerate(("QA11", "QA12", "QB11", "QB12")):
        west = 2.0 + 4 * index
        Region.objects.filter(code=code).update(geometry=rectangle(west, 44, west + 4, 50))
    for codes, west, east in ((("QA", "QA1"), 2, 10), (("QB", "QB1"), 10, 18)):
        Region.objects.filter(code__in=codes).update(geometry=rectangle(west, 44, east, 50))
    for number in range(1, EXTRA_INDUSTRIES + 1):
        factories.IndustryFactory(
            code=f"Z{number:02d}",
            scheme=Industry.Scheme.NACE_DIVISION,
            name_en=f"Example industry {number:02d}",
        )
    return small_world


def shown_column(page: Page, table: str, column: int) -> list[str]:
    return page.eval_on_selector_all(
        f"{table} tbody tr:not([hidden])",
        f"rows => rows.map(r => r.cells[{column}].textContent.trim())",
    )


def test_a_long_table_sorts_filters_and_shows_pages(world, live_server, browser_page):
    page = browser_page
    total = Industry.objects.filter(scheme=Industry.Scheme.NACE_DIVISION).count()
    assert total == EXTRA_INDUSTRIES + 3
    page.goto(f"{live_server.url}/categories/")
    pager = page.locator(".table-pager")
    expect(pager.locator(".table-range")).to_have_text(f"Showing 1–25 of {total}")
    assert len(shown_column(page, "#categories", 0)) == 25
    assert shown_column(page, "#categories", 0)[:3] == ["C21", "C29", "J62"]
    expect(pager.locator(".table-previous")).to_be_disabled()

    # Sort by code: a click sorts ascending, a second descending; aria-sort follows.
    header = page.locator("#categories thead th").nth(0)
    header.click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert shown_column(page, "#categories", 0)[0] == "C21"
    header.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert shown_column(page, "#categories", 0)[:2] == ["Z60", "Z59"]
    # The keyboard does the same: Enter on the focused title header.
    title = page.locator("#categories thead th").nth(1)
    title.focus()
    page.keyboard.press("Enter")
    expect(title).to_have_attribute("aria-sort", "ascending")
    expect(header).to_have_attribute("aria-sort", "none")
    assert shown_column(page, "#categories", 1)[:2] == [
        "Example industry 01",
        "Example industry 02",
    ]

    # Pages: next, then every row at once.
    pager.locator(".table-next").click()
    expect(pager.locator(".table-range")).to_have_text(f"Showing 26–50 of {total}")
    assert shown_column(page, "#categories", 1)[0] == "Example industry 26"
    pager.locator(".table-page-size").select_option("0")
    assert len(shown_column(page, "#categories", 0)) == total
    page.screenshot(path=str(SCREENSHOTS / "tables_categories.png"), full_page=True)

    # Filter: the rows containing the words, the count, and the empty state with its next step.
    page.locator(".table-filter").fill("industry 4")
    assert shown_column(page, "#categories", 0) == [f"Z{n}" for n in range(40, 50)]
    expect(page.locator(".table-status")).to_have_text("Showing 1–10 of 10")
    page.locator(".table-filter").fill("no such industry")
    assert shown_column(page, "#categories", 0) == []
    expect(page.locator(".table-no-match")).to_be_visible()
    expect(page.locator(".table-no-match")).to_contain_text("Clear the filter box")
    page.locator(".table-filter").fill("")
    expect(page.locator(".table-no-match")).to_be_hidden()


def test_numbers_with_a_decimal_comma_sort_as_numbers(world, live_server, browser_page):
    page = browser_page
    page.context.add_cookies([{"name": "django_language", "value": "fr", "url": live_server.url}])
    page.goto(f"{live_server.url}/categories/C29/")
    lq = page.locator("#ranking thead th").nth(3)
    lq.click()
    expect(lq).to_have_attribute("aria-sort", "ascending")
    values = shown_column(page, "#ranking", 3)
    assert all("," in value for value in values), values
    numbers = [float(value.replace(",", ".")) for value in values]
    assert numbers == sorted(numbers) and len(numbers) == 4
    lq.click()
    numbers = [float(v.replace(",", ".")) for v in shown_column(page, "#ranking", 3)]
    assert numbers == sorted(numbers, reverse=True)
    assert lq.get_attribute("title") == "Trier selon cette colonne"


def test_the_map_draws_the_country_outlines_behind_the_regions(world, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/map/")
    page.wait_for_selector("#europe-map[data-loaded][data-outlines-loaded]")
    assert page.get_attribute("#europe-map", "data-outlines-loaded") == "2"  # QA and QB
    outlines = page.locator("#europe-map .leaflet-outlines-pane path.country-outline")
    expect(outlines).to_have_count(2)
    assert outlines.first.get_attribute("fill") == "#e6e8e3"
    # The outlines lie under the regions, and are not clickable.
    z_index = page.eval_on_selector(
        "#europe-map .leaflet-outlines-pane", "pane => Number(pane.style.zIndex)"
    )
    overlay = page.eval_on_selector(
        "#europe-map .leaflet-overlay-pane", "pane => Number(getComputedStyle(pane).zIndex)"
    )
    assert z_index < overlay
    assert page.locator("#europe-map path.country-outline.leaflet-interactive").count() == 0
    expect(page.locator("#europe-map .leaflet-control-attribution")).to_contain_text(
        "EuroGeographics"
    )
    page.screenshot(path=str(SCREENSHOTS / "map_outlines.png"), full_page=True)

    page.goto(f"{live_server.url}/")
    page.wait_for_selector("#territory-map[data-outlines-loaded='2']")
