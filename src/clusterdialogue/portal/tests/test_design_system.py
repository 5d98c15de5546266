"""The shared look: one stylesheet, enhanced data tables, empty states with a next step, and the
country outlines behind the maps (example data from ``small_world`` and ``board_world``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from clusterdialogue.testing import factories

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2]


def html_of(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def table_tag(html: str, table_id: str) -> str:
    match = re.search(rf'<table[^>]*id="{table_id}"[^>]*>', html)
    assert match, f"no table #{table_id}"
    return match.group(0)


# --- one stylesheet -------------------------------------------------------------------------


def test_site_css_defines_the_design_tokens():
    css = Path(finders.find("portal/site.css")).read_text()
    root = re.search(r":root\s*\{(.*?)\}", css, re.S).group(1)
    names = set(re.findall(r"(--[\w-]+)\s*:", root))
    expected = {
        "--color-primary", "--color-primary-contrast", "--color-surface", "--color-bg",
        "--color-text", "--color-muted", "--color-border", "--color-danger", "--color-success",
        "--color-warning", "--radius", "--font-size-sm", "--font-size-base", "--font-size-lg",
        "--shadow", *(f"--space-{n}" for n in range(1, 7)),
    }  # fmt: skip
    assert expected <= names
    for component in (
        ".table",
        ".card",
        ".badge",
        ".messages",
        ".empty-state",
        ".pagination",
        ".tabs",
    ):
        assert component in css, component


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_token_colours_reach_wcag_aa_contrast():
    css = Path(finders.find("portal/site.css")).read_text()
    tokens = dict(re.findall(r"(--color-[\w-]+):\s*(#[0-9a-fA-F]{6})", css))
    for text in ("text", "muted", "primary", "danger", "success", "warning"):
        for background in ("surface", "bg"):
            ratio = contrast(tokens[f"--color-{text}"], tokens[f"--color-{background}"])
            assert ratio >= 4.5, (text, background, round(ratio, 2))
    assert contrast(tokens["--color-primary-contrast"], tokens["--color-primary"]) >= 4.5
    for state in ("danger", "success", "warning"):
        assert contrast(tokens[f"--color-{state}"], tokens[f"--color-{state}-bg"]) >= 4.5, state


def test_no_template_carries_its_own_stylesheet_or_fixed_inline_styles():
    """Inline styles are left only for widths computed from the data (bars)."""
    for template in TEMPLATES.glob("*/templates/**/*.html"):
        text = template.read_text()
        if template.parts[-2:] == ("api", "redoc.html") or template.name == "base.html":
            continue  # ReDoc's own page; the header belongs to the navigation
        links = re.findall(r"<link rel=\"stylesheet\" href=\"\{% static '([^']+)' %\}\">", text)
        assert all(link.startswith("leaflet/") for link in links), (template, links)
        for style in re.findall(r'style="([^"]*)"', text):
            assert style.startswith("width:"), (template, style)


# --- data tables ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "table_id"),
    [
        ("/categories/", "categories"),
        ("/categories/C29/", "ranking"),
        ("/regions/QA11/", "specialisations"),
        ("/regions/QA11/", "network-comparison"),
        ("/compare/", "comparison"),
        ("/", "territories"),
    ],
)
def test_long_tables_are_marked_for_sorting_filtering_and_pages(client, small_world, url, table_id):
    tag = table_tag(html_of(client, url), table_id)
    assert " data-table" in tag and 'class="table' in tag


def test_every_page_loads_the_table_script_with_its_words(client, small_world):
    html = html_of(client, "/categories/")
    assert '<script src="/static/portal/tables.js">' in html
    assert '"showing": "Showing {from}–{to} of {total}"' in html
    assert finders.find("portal/tables.js")


def test_table_words_are_translated(client, small_world):
    client.cookies["django_language"] = "fr"
    html = html_of(client, "/categories/")
    assert '"filterRows": "Filtrer les lignes"' in html


def test_the_directory_keeps_its_server_pages(client, directory_world):
    html = html_of(client, reverse("clusters:list"))
    assert 'data-table="server"' in html


# --- empty states ---------------------------------------------------------------------------


def test_category_without_figures_says_what_to_do_next(client, small_world):
    factories.IndustryFactory(code="C99", name_en="Industry without figures")
    html = html_of(client, "/categories/C99/")
    assert "No figures for this category, year and level." in html
    assert "Choose another year or level above" in html
    assert 'href="/categories/"' in html


def test_empty_board_offers_to_post_to_those_who_may(client, board_world):
    client.force_login(board_world.user("manager"))
    html = html_of(client, reverse("collaboration:board"))
    state = re.search(r'<p class="empty-state">(.*?)</p>', html, re.S).group(1)
    assert "No post matches these filters." in state
    assert "Clear the filters to see every post" in state
    assert reverse("collaboration:post-create") in state
    client.logout()
    state = re.search(
        r'<p class="empty-state">(.*?)</p>', html_of(client, reverse("collaboration:board")), re.S
    )
    assert state and reverse("collaboration:post-create") not in state.group(1)


def test_empty_calls_list_links_to_all_calls(client, db):
    html = html_of(client, reverse("collaboration:call-list"), status="open")
    state = re.search(r'<p class="empty-state">(.*?)</p>', html, re.S).group(1)
    assert "No call matches these filters." in state
    assert f'href="{reverse("collaboration:call-list")}"' in state


def test_directory_without_match_links_to_every_organisation(client, directory_world):
    html = html_of(client, reverse("clusters:list"), q="zzzz-nothing-like-this")
    state = re.search(r'<p class="empty-state">(.*?)</p>', html, re.S).group(1)
    assert "No organisation matches." in state
    assert f'href="{reverse("clusters:list")}"' in state


# --- country outlines -----------------------------------------------------------------------


def test_outlines_are_the_countries_level_0_boundaries(client, small_world):
    factories.RegionFactory(code="QZ", name="No boundary", level=0, geometry=None)
    data = client.get(reverse("portal:outlines-geojson")).json()
    assert data["type"] == "FeatureCollection"
    assert {f["id"] for f in data["features"]} == {"QA", "QB"}
    assert all(f["geometry"]["type"] == "Polygon" for f in data["features"])
    assert data["features"][0]["properties"].keys() == {"code", "name"}


def test_outlines_on_an_empty_database(client, db):
    assert client.get("/map/outlines.geojson").json() == {
        "type": "FeatureCollection",
        "features": [],
    }


@pytest.mark.parametrize("url", ["/", "/map/"])
def test_maps_are_told_where_the_outlines_are(client, small_world, url):
    assert 'data-outlines="/map/outlines.geojson"' in html_of(client, url)
