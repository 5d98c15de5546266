"""The public pages, rendered with Django's test client over the ``small_world`` example data.

The small world (invented, clearly not real): countries QA and QB, NUTS-1 regions QA1 and QB1,
NUTS-2 regions QA11, QA12, QB11 and QB12, industries C29, C21 and J62, years 2013 and 2014;
the network "Example network" has the territories "North of A" (QA1, partner) and "B Two"
(QB12, associate). QA1 has no published figures: its figures are the sums of QA11 and QA12.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from clusterdialogue.portal.charts import NETWORK_COLOUR, OTHER_COLOUR
from clusterdialogue.regions.models import Region, RegionCodeChange
from clusterdialogue.statistics.models import Industry, MappingResult
from clusterdialogue.testing import factories

pytestmark = pytest.mark.django_db


# --- a small HTML reader: elements by id, table cells, form fields ----------------------------


class Page(HTMLParser):
    """The parts of a page the tests look at."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "source", "area", "base", "col", "wbr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.by_id: dict[str, dict] = {}
        self.tables: dict[str, list[list[str]]] = {}
        self.row_classes: dict[str, list[str]] = {}
        self.selects: dict[str, list[tuple[str, str, bool]]] = {}
        self.links: list[str] = []
        self.scripts: dict[str, str] = {}
        self._stack: list[tuple[str, dict]] = []
        self._text: list[str] = []
        self.feed(html)

    def _inside(self, tag: str) -> dict | None:
        return next((attrs for t, attrs in reversed(self._stack) if t == tag), None)

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if "id" in attrs:
            self.by_id[attrs["id"]] = attrs
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        table = self._inside("table")
        if table is not None and table.get("id"):
            if tag == "tr":
                self.tables.setdefault(table["id"], []).append([])
                self.row_classes.setdefault(table["id"], []).append(attrs.get("class", ""))
            elif tag in ("td", "th"):
                self._text = []
        if tag == "select" and attrs.get("name"):
            self.selects.setdefault(attrs["name"], [])
        if tag == "option":
            self._text = []
        if tag == "script":
            self._text = []
        if tag not in self.VOID:
            self._stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self._stack:
            open_tag, attrs = self._stack.pop()
            if open_tag == tag:
                break
        text = " ".join("".join(self._text).split())
        if tag in ("td", "th"):
            table = self._inside("table")
            if table is not None and table.get("id") and self.tables.get(table["id"]):
                self.tables[table["id"]][-1].append(text)
        elif tag == "option":
            select = self._inside("select")
            if select is not None and select.get("name"):
                self.selects[select["name"]].append(
                    (attrs.get("value", text), text, "selected" in attrs)
                )
        elif tag == "script" and attrs.get("id"):
            self.scripts[attrs["id"]] = "".join(self._text)

    def handle_data(self, data):
        self._text.append(data)

    def text_of(self, element_id: str) -> str:
        """The visible text of a paragraph-like element (a rough cut: up to its closing tag)."""
        match = re.search(rf'id="{element_id}"[^>]*>(.*?)</(p|div|section|h1)>', self.html, re.S)
        assert match, f"no element #{element_id}"
        return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())

    def body(self, table_id: str) -> list[list[str]]:
        """The rows of a table without its header row."""
        return self.tables.get(table_id, [[]])[1:]

    def selected(self, name: str) -> str | None:
        return next((value for value, _, chosen in self.selects[name] if chosen), None)

    def figure(self, script_id: str) -> dict:
        return json.loads(self.scripts[script_id])


def get_page(client, url: str, status: int = 200) -> Page:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return Page(response.content.decode())


def result(region: str, category: str, year: int = 2014) -> MappingResult:
    return MappingResult.objects.get(region__code=region, category__code=category, year=year)


# --- every page -----------------------------------------------------------------------------

PAGES = [
    "/",
    "/map/",
    "/map/?category=J62&year=2013&level=1&measure=stars",
    "/regions/QA11/",
    "/regions/QA1/",
    "/regions/QB12/",
    "/regions/QB/",
    "/categories/",
    "/categories/?level=1",
    "/categories/C29/",
    "/categories/C21/?level=1&year=2013",
    "/compare/",
    "/compare/?r=QA11&r=QB1",
]


@pytest.mark.parametrize("url", PAGES)
def test_page_renders_with_navigation_and_attribution(client, small_world, url):
    page = get_page(client, url)
    assert '<html lang="en">' in page.html
    for target in ("/", "/map/", "/categories/", "/compare/", "/api/docs/"):
        assert target in page.links
    assert "© EuroGeographics" in page.html
    assert "Source: Eurostat" in page.html
    assert "None" not in re.sub(r"<script.*?</script>", "", page.html, flags=re.S)
    assert "https://cdn" not in page.html


@pytest.mark.parametrize("url", [*PAGES, "/map/data.geojson", "/map/territories.geojson"])
def test_pages_work_on_an_empty_database(client, db, url):
    """Before any data is loaded (a fresh install) no page fails; unknown codes are 404."""
    names_a_code = re.match(r"^/(regions/|categories/|compare/\?r=)[A-Z]", url)
    assert client.get(url).status_code == (404 if names_a_code else 200)


@pytest.mark.parametrize(
    "url",
    [
        "/regions/ZZ9/",
        "/regions/ZZ9/?format=csv",
        "/categories/Z99/",
        "/compare/?r=QA11&r=ZZ9",
        "/compare/?r=ZZ9&format=csv",
    ],
)
def test_unknown_codes_are_404(client, small_world, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/", "/map/", "/regions/QA11/", "/compare/"])
def test_pages_answer_get_only(client, small_world, url):
    assert client.post(url).status_code == 405


# --- home -------------------------------------------------------------------------------------


def test_home_lists_the_territories_with_links_to_their_dashboards(client, small_world):
    page = get_page(client, "/")
    assert page.body("territories") == [  # partners first
        ["North of A", "QA1", "1", "Partner", "–"],
        ["B Two", "QB12", "2", "Associate", "–"],
    ]
    assert "/regions/QA1/" in page.links
    assert "/regions/QB12/" in page.links
    assert "Example network" in page.html
    assert "8 regions with boundaries are loaded." in page.html
    assert page.by_id["territory-map"]["data-territories"] == "/map/territories.geojson"


def test_home_without_a_network_says_how_to_load_one(client, db):
    page = get_page(client, "/")
    assert "No territories yet" in page.body("territories")[0][0]


# --- map --------------------------------------------------------------------------------------


def test_map_page_has_the_category_select_and_the_data_source(client, small_world):
    page = get_page(client, "/map/")
    assert [value for value, _, _ in page.selects["category"]] == ["C21", "C29", "J62"]
    assert page.selected("category") == "C29"
    assert page.selected("year") == "2014"
    assert page.selected("level") == "2"
    assert page.selected("measure") == "lq"
    element = page.by_id["europe-map"]
    assert element["data-source"] == "/map/data.geojson?category=C29&year=2014&level=2"
    assert element["data-territories"] == "/map/territories.geojson"
    assert element["data-region-url"] == "/regions/CODE/"
    assert '<script src="/static/leaflet/leaflet.js">' in page.html
    assert 'href="/static/leaflet/leaflet.css"' in page.html


def test_map_page_keeps_the_chosen_options(client, small_world):
    page = get_page(client, "/map/?category=J62&year=2013&level=1&measure=stars")
    assert page.selected("category") == "J62"
    assert page.selected("level") == "1"
    assert page.by_id["europe-map"]["data-measure"] == "stars"
    assert page.by_id["europe-map"]["data-source"].endswith("category=J62&year=2013&level=1")


def test_map_data_is_a_feature_collection_of_the_level(client, small_world):
    factories.RegionFactory(code="QB13", name="Without figures", level=2)
    data = client.get("/map/data.geojson").json()
    assert data["type"] == "FeatureCollection"
    assert (data["category"], data["year"], data["level"]) == ("C29", 2014, 2)
    features = {f["id"]: f for f in data["features"]}
    assert set(features) == {"QA11", "QA12", "QB11", "QB12", "QB13"}
    assert all(
        f["type"] == "Feature" and f["geometry"]["type"] == "Polygon" for f in features.values()
    )
    qa11 = features["QA11"]["properties"]
    stored = result("QA11", "C29")
    assert qa11["lq"] == pytest.approx(stored.lq)
    assert (qa11["stars"], qa11["lq_rank"], qa11["employment"]) == (3, 1, 500)
    assert (qa11["source"], qa11["data_code"]) == ("published", "QA11")
    no_figures = features["QB13"]["properties"]
    assert no_figures == {"code": "QB13", "name": "Without figures"}
    assert data["not_on_map"] == []


@pytest.mark.parametrize(
    ("query", "figures"),
    [
        ("level=1", {"QA1": ("children_sum", 1.264), "QB1": ("children_sum", 0.736)}),
        ("level=1&category=J62&year=2013", {"QA1": ("children_sum", 0.837), "QB1": (None, 1.163)}),
        ("level=0", {"QA": None, "QB": None}),
        ("category=NOPE", {code: None for code in ("QA11", "QA12", "QB11", "QB12")}),
    ],
)
def test_map_data_levels_and_categories(client, small_world, query, figures):
    data = client.get(f"/map/data.geojson?{query}").json()
    properties = {f["id"]: f["properties"] for f in data["features"]}
    assert set(properties) == set(figures)
    for code, expected in figures.items():
        if expected is None:
            assert "lq" not in properties[code] and "stars" not in properties[code]
        else:
            source, lq = expected
            assert properties[code]["lq"] == pytest.approx(lq, abs=1e-3)
            assert source is None or properties[code]["source"] == source


def test_map_data_names_figures_without_a_boundary(client, small_world):
    Region.objects.filter(code="QB12").update(geometry=None)
    data = client.get("/map/data.geojson").json()
    assert "QB12" not in {f["id"] for f in data["features"]}
    assert data["not_on_map"] == ["QB12"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("level=9", "level"),
        ("level=x", "level"),
        ("year=abc", "year"),
        ("year=1800", "year"),
        ("measure=colour", "measure"),
        ("scheme=isic", "scheme"),
        ("category=" + "C" * 40, "category"),
    ],
)
def test_map_data_bad_parameter_is_400_with_errors(client, small_world, query, field):
    response = client.get(f"/map/data.geojson?{query}")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_territories_geojson(client, small_world):
    factories.TerritoryFactory(
        network=small_world["network"],
        region=factories.RegionFactory(code="QC", name="No boundary", level=0, geometry=None),
        name="Unmapped",
    )
    data = client.get("/map/territories.geojson").json()
    assert data["type"] == "FeatureCollection"
    assert {f["id"]: f["properties"] for f in data["features"]} == {
        "QA1": {"code": "QA1", "name": "North of A", "role": "Partner", "url": "/regions/QA1/"},
        "QB12": {"code": "QB12", "name": "B Two", "role": "Associate", "url": "/regions/QB12/"},
    }
    assert all(f["geometry"]["type"] == "Polygon" for f in data["features"])


# --- region dashboards ---------------------------------------------------------------------------


def test_dashboard_top_specialisations_ordered_by_lq_with_stars_and_growth(client, small_world):
    page = get_page(client, "/regions/QA11/")
    rows = page.body("specialisations")
    assert [row[0] for row in rows] == ["C29 Motor vehicles", "C21 Pharmaceuticals", "J62 Software"]
    lqs = [float(row[2]) for row in rows]
    assert lqs == sorted(lqs, reverse=True)
    assert rows[0] == ["C29 Motor vehicles", "500", "2.30", "1", "★★★", "yes", "+11.1 %"]
    assert rows[2][4] == "☆☆☆"
    header = page.tables["specialisations"][0]
    assert header[-1] == "Growth p.a. 2013–2014"
    assert page.row_classes["specialisations"][1:] == ["highlight", "", ""]
    assert "<h1>Exampleland QA North 1 <small>QA11 · NUTS 2</small></h1>" in page.html


def test_dashboard_source_note_published(client, small_world):
    note = get_page(client, "/regions/QA11/").text_of("source-note")
    assert "All figures are published by Eurostat for this region." in note
    assert "sum of its lower-level regions" not in note


def test_dashboard_source_note_sum_of_lower_level_regions(client, small_world):
    """QA1 (NUTS 1) has no published figures: they are the sums of QA11 and QA12."""
    page = get_page(client, "/regions/QA1/")
    note = page.text_of("source-note")
    assert "the sum of its lower-level regions" in note
    assert "All figures are published" not in note
    rows = page.body("specialisations")
    assert [row[0].split()[0] for row in rows] == ["C21", "C29", "J62"]
    assert rows[1][1] == "550"  # QA11 500 + QA12 50
    assert result("QA1", "C29").employment == 550
    assert "Partner · Example network" in page.html


def test_dashboard_compares_with_the_network_territories(client, small_world):
    page = get_page(client, "/regions/QA11/")
    table = page.tables["network-comparison"]
    assert table[0] == ["Category", "North of A", "B Two"]
    for row in table[1:]:
        code = row[0].split()[0]
        assert row[1] == f"{result('QA1', code).lq:.2f}"
        assert row[2] == f"{result('QB12', code).lq:.2f}"
    chart = page.figure("comparison-chart-data")
    assert [trace["name"] for trace in chart["data"]] == ["North of A", "B Two"]


def test_dashboard_profile_chart_spec(client, small_world):
    page = get_page(client, "/regions/QA11/")
    assert page.by_id["profile-chart"]["data-figure"] == "profile-chart-data"
    chart = page.figure("profile-chart-data")
    region, benchmark = chart["data"]
    assert region["x"] == ["C29", "J62", "C21"]  # the largest categories first
    assert region["y"] == [50.0, 40.0, 10.0]
    assert benchmark["y"][0] == pytest.approx(50 / result("QA11", "C29").lq, abs=0.01)
    assert '<script src="/static/plotly/plotly.min.js">' in page.html


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/regions/QB/", "There are no mapping figures for this region yet"),
        ("/regions/QB13/", "There are no mapping figures for this region yet"),
        (
            "/regions/QA11/?year=2010",
            "No mapping figures for this region in 2010. Years with figures: 2013, 2014.",
        ),
    ],
)
def test_region_without_figures_shows_a_friendly_message(client, small_world, url, message):
    factories.RegionFactory(
        code="QB13", name="New region", level=2, parent=Region.objects.get(code="QB1")
    )
    page = get_page(client, url)
    text = page.text_of("no-figures")
    assert message in text
    assert "None" not in text
    assert "specialisations" not in page.tables
    assert "profile-chart" not in page.by_id
    if url == "/regions/QB13/":
        assert "/regions/QB1/" in page.links


def test_dashboard_shows_the_latest_year_of_a_region_missing_the_default_year(client, small_world):
    MappingResult.objects.filter(region__code="QB11", year=2014).delete()
    page = get_page(client, "/regions/QB11/")
    assert page.selected("year") == "2013"
    assert page.body("specialisations")[0][1] == "864"  # J62 in 2013


def test_dashboard_uses_the_figures_of_the_predecessor_code(client, small_world):
    """A region recoded in NUTS 2016 shows the figures published under its old code."""
    factories.RegionFactory(code="QC1", name="Renamed North", level=1)
    RegionCodeChange.objects.create(
        old_code="QA1", old_version="2013", new_code="QC1", new_version="2016", relation="recoded"
    )
    page = get_page(client, "/regions/QC1/")
    assert "Figures are published under QA1" in page.text_of("source-note")
    assert [row[0].split()[0] for row in page.body("specialisations")] == ["C21", "C29", "J62"]


def test_dashboard_for_an_earlier_year(client, small_world):
    page = get_page(client, "/regions/QA11/?year=2013")
    assert page.selected("year") == "2013"
    rows = page.body("specialisations")
    assert rows[0][:2] == ["C29 Motor vehicles", "450"]
    assert rows[0][-1] == "–"  # no earlier year to grow from


# --- CSV downloads ------------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheet programs then read the accents right
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_dashboard_csv_has_every_category_matching_the_database(client, small_world):
    response = client.get("/regions/QA11/?format=csv")
    assert 'filename="QA11_nace_division_2014.csv"' in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header == [
        "region", "data_code", "year", "category", "category_name", "employment", "share",
        "lq", "lq_rank", "size_star", "specialisation_star", "focus_star", "stars",
        "strong", "significant", "employment_cagr_since", "employment_cagr", "source",
    ]  # fmt: skip
    assert len(rows) == MappingResult.objects.filter(region__code="QA11", year=2014).count() == 3
    for row in rows:
        record = dict(zip(header, row, strict=True))
        stored = result("QA11", record["category"])
        assert (record["region"], record["data_code"], record["year"]) == ("QA11", "QA11", "2014")
        assert float(record["employment"]) == stored.employment
        assert float(record["lq"]) == pytest.approx(stored.lq)
        assert int(record["stars"]) == stored.stars
        assert record["source"] == stored.source == "published"
        assert record["employment_cagr_since"] == "2013"
        assert float(record["employment_cagr"]) == pytest.approx(1 / 0.9 - 1)
    assert [row[3] for row in rows] == ["C29", "C21", "J62"]


def test_category_csv_ranking_with_network_territories(client, small_world):
    response = client.get("/categories/C29/?level=2&year=2014&format=csv")
    assert 'filename="C29_level2_2014.csv"' in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header == [
        "rank", "region", "region_name", "employment", "lq", "stars", "strong",
        "network_territory",
    ]  # fmt: skip
    assert [(r[0], r[1]) for r in rows] == [
        ("1", "QA11"),
        ("2", "QB12"),
        ("3", "QA12"),
        ("4", "QB11"),
    ]
    for row in rows:
        assert float(row[4]) == pytest.approx(result(row[1], "C29").lq)
    assert {r[1]: r[7] for r in rows} == {"QA11": "", "QB12": "B Two", "QA12": "", "QB11": ""}


def test_compare_csv_matches_the_database(client, small_world):
    header, *rows = read_csv(client.get("/compare/?r=QA11&r=QB1&year=2013&format=csv"))
    assert header == ["category", "category_name", "lq_QA11", "lq_QB1"]
    assert [r[0] for r in rows] == ["C21", "C29", "J62"]
    for code, name, lq_qa11, lq_qb1 in rows:
        assert name == Industry.objects.get(code=code).name_en
        assert float(lq_qa11) == pytest.approx(result("QA11", code, 2013).lq)
        assert float(lq_qb1) == pytest.approx(result("QB1", code, 2013).lq)


# --- categories -----------------------------------------------------------------------------------


def test_category_page_highlights_the_network_territories(client, small_world):
    page = get_page(client, "/categories/C29/")
    rows = page.body("ranking")
    assert [row[1] for row in rows] == [
        "QA11 Exampleland QA North 1",
        "QB12 Exampleland QB North 2 B Two",
        "QA12 Exampleland QA North 2",
        "QB11 Exampleland QB North 1",
    ]
    assert page.row_classes["ranking"][1:] == ["", "territory", "", ""]
    chart = page.figure("ranking-chart-data")
    assert chart["data"][0]["x"] == ["QA11", "QB12", "QA12", "QB11"]
    assert chart["data"][0]["marker"]["color"] == [
        OTHER_COLOUR,
        NETWORK_COLOUR,
        OTHER_COLOUR,
        OTHER_COLOUR,
    ]


def test_category_page_at_nuts_1(client, small_world):
    page = get_page(client, "/categories/C29/?level=1")
    assert page.selected("level") == "1"
    assert [value for value, _, _ in page.selects["level"]] == ["0", "1", "2"]
    rows = page.body("ranking")
    assert [row[1] for row in rows] == [
        "QA1 Exampleland QA North North of A",
        "QB1 Exampleland QB North",
    ]
    assert page.row_classes["ranking"][1:] == ["territory", ""]


def test_category_page_without_figures(client, small_world):
    page = get_page(client, "/categories/C29/?level=0")
    assert page.body("ranking") == [["No figures for this category, year and level."]]


def test_categories_list_links_to_each_category(client, small_world):
    page = get_page(client, "/categories/")
    assert [row[0] for row in page.body("categories")] == ["C21", "C29", "J62"]
    assert "/categories/C29/?year=2014&level=2" in page.links


# --- compare ---------------------------------------------------------------------------------------


def test_compare_defaults_to_the_network_territories(client, small_world):
    page = get_page(client, "/compare/")
    assert page.tables["comparison"][0] == ["Category", "QA1", "QB12"]


@pytest.mark.parametrize("count", [1, 2, 6])
def test_compare_up_to_six_regions(client, small_world, count):
    codes = ["QA11", "QA12", "QB11", "QB12", "QA1", "QB1"][:count]
    page = get_page(client, "/compare/?" + "&".join(f"r={c}" for c in codes))
    assert page.tables["comparison"][0] == ["Category", *codes]
    assert "errors" not in page.html
    for row in page.body("comparison"):
        code = row[0].split()[0]
        assert row[1:] == [f"{result(c, code).lq:.2f}" for c in codes]
    heatmap = page.figure("compare-chart-data")["data"][0]
    assert len(heatmap["x"]) == count
    # One select per chosen region, plus one to add a region while there is room.
    assert len(re.findall(r'<select name="r">', page.html)) == count + (count < 6)


def test_compare_more_than_six_regions_explains_on_the_page(client, small_world):
    codes = ["QA11", "QA12", "QB11", "QB12", "QA1", "QB1", "QA"]
    response = client.get("/compare/?" + "&".join(f"r={c}" for c in codes))
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert "Compare at most 6 regions at once; remove some." in page.html
    assert page.tables["comparison"][0] == ["Category", *codes[:6]]


def test_compare_regions_of_different_levels(client, small_world):
    page = get_page(client, "/compare/?r=QA1&r=QB12&r=")
    assert page.tables["comparison"][0] == ["Category", "QA1", "QB12"]


# --- languages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/regions/QA11/", "/categories/C29/", "/compare/"])
def test_language_switch_keeps_working(client, small_world, url):
    Industry.objects.filter(code="C29").update(name_fr="Construction automobile")
    page = get_page(client, url)
    assert page.by_id["language-select"]
    response = client.post("/i18n/setlang/", {"language": "fr", "next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    page = get_page(client, url)
    assert '<html lang="fr">' in page.html
    assert page.selected("language") == "fr"
    if url in ("/regions/QA11/", "/categories/C29/"):
        assert "Construction automobile" in page.html
    # And back to English.
    client.post("/i18n/setlang/", {"language": "en", "next": url})
    assert '<html lang="en">' in client.get(url).content.decode()
    translation.activate("en")


def test_unknown_language_is_ignored(client, small_world):
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()
