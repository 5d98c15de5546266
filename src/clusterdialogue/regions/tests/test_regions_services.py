"""Tests of the region services and selectors: NUTS loading, code changes, networks, custom CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.regions.models import Network, Region, RegionCodeChange, Territory
from clusterdialogue.regions.selectors import (
    network_default,
    region_children_codes,
    region_predecessor_codes,
    region_successor_map,
    territory_list,
)
from clusterdialogue.regions.services import (
    FOUR_MOTORS,
    network_create,
    network_create_four_motors,
    regions_import_csv,
    regions_load_nuts,
    regions_load_reference,
)
from clusterdialogue.testing.files import write_file

pytestmark = pytest.mark.django_db

# A polygon whose coordinates carry more decimals than a web map needs; the two middle points
# collapse into one once rounded to three decimals.
FINE_RING = [
    [4.123456, 45.987654],
    [5.000001, 45.987654],
    [5.000004, 45.987651],
    [5.000001, 46.5],
    [4.123456, 45.987654],
]

# (code, level, NUTS_NAME) as GISCO writes them: level 0 and 1 names in capitals.
FEATURES = [
    ("FR", 0, "FRANCE"),
    ("FRK", 1, "AUVERGNE-RHÔNE-ALPES"),
    ("FRK1", 2, "Auvergne"),
    ("FRK2", 2, "Rhône-Alpes"),
    ("FRY", 1, "RUP FR - RÉGIONS ULTRAPÉRIPHÉRIQUES FRANÇAISES"),
    ("FRY1", 2, "Guadeloupe"),
    ("IT", 0, "ITALIA"),
    ("ITH", 1, "NORD-EST"),
    ("ITC", 1, "NORD-OVEST"),
    ("ITC4", 2, "Lombardia"),
]


def write_geojson(path: Path, features: list[tuple[str, int, str]]) -> Path:
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "NUTS_ID": code,
                    "LEVL_CODE": level,
                    "CNTR_CODE": code[:2],
                    "NUTS_NAME": name,
                    "FID": code,
                    "MOUNT_TYPE": 0,
                    "URBN_TYPE": 0,
                    "COAST_TYPE": 0,
                },
                "geometry": {"type": "Polygon", "coordinates": [FINE_RING]},
            }
            for code, level, name in features
        ],
    }
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def nuts_files(tmp_path) -> list[Path]:
    """One GeoJSON file per level, as GISCO publishes them."""
    return [
        write_geojson(
            tmp_path / f"NUTS_RG_20M_2016_4326_LEVL_{level}.geojson",
            [f for f in FEATURES if f[1] == level],
        )
        for level in (0, 1, 2)
    ]


def region_snapshot() -> list[dict]:
    return list(Region.objects.order_by("code").values())


# --- regions_load_nuts ------------------------------------------------------------------------


def test_load_nuts_creates_all_levels_with_names_parents_and_simple_geometry(nuts_files):
    report = regions_load_nuts(files=nuts_files)

    assert (report.created, report.updated) == (len(FEATURES), 0)
    assert report.files == [str(p) for p in nuts_files]
    regions = {r.code: r for r in Region.objects.select_related("parent")}
    assert set(regions) == {code for code, _, _ in FEATURES}
    assert {code: r.level for code, r in regions.items()} == {c: lvl for c, lvl, _ in FEATURES}
    # Capitals become title case; names already in mixed case are kept as they are.
    assert regions["FR"].name == "France"
    assert regions["FRK"].name == "Auvergne-Rhône-Alpes"
    assert regions["ITH"].name == "Nord-Est"
    assert regions["FRK2"].name == "Rhône-Alpes"
    # Parents linked by code, whatever the file order.
    assert regions["FR"].parent is None
    assert regions["FRK"].parent.code == "FR"
    assert regions["FRK2"].parent.code == "FRK"
    assert regions["ITC4"].parent.code == "ITC"
    assert regions["FRK2"].country_code == "FR"
    assert regions["FRK2"].kind == Region.Kind.NUTS
    assert regions["FRK2"].versions == "2013,2016"
    assert "GISCO" in regions["FRK2"].source
    # Geometry rounded to three decimals, the collapsed point dropped.
    assert regions["FRK2"].geometry == {
        "type": "Polygon",
        "coordinates": [[[4.123, 45.988], [5.0, 45.988], [5.0, 46.5], [4.123, 45.988]]],
    }


def test_load_nuts_twice_updates_instead_of_duplicating(nuts_files):
    regions_load_nuts(files=nuts_files)
    Region.objects.filter(code="FRK2").update(name="changed", geometry=None)

    report = regions_load_nuts(files=nuts_files)

    assert (report.created, report.updated) == (0, len(FEATURES))
    assert Region.objects.count() == len(FEATURES)
    frk2 = Region.objects.get(code="FRK2")
    assert frk2.name == "Rhône-Alpes"
    assert frk2.geometry is not None


def test_load_nuts_bad_file_changes_nothing(nuts_files, tmp_path):
    regions_load_nuts(files=nuts_files[:1])
    before = region_snapshot()
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")

    with pytest.raises(DataFileError) as error:
        regions_load_nuts(files=[*nuts_files, bad])

    assert error.value.file == str(bad)
    assert region_snapshot() == before


# --- regions_load_reference --------------------------------------------------------------------


def test_load_reference_recodes_names_and_versions_after_nuts(nuts_files):
    regions_load_nuts(files=nuts_files)
    regions_load_reference()

    changes = {
        (c.old_code, c.new_code): c
        for c in RegionCodeChange.objects.filter(old_code__startswith="FR")
    }
    assert changes["FR7", "FRK"].relation == RegionCodeChange.Relation.RECODED
    assert (changes["FR7", "FRK"].old_version, changes["FR7", "FRK"].new_version) == (
        "2013",
        "2016",
    )
    assert changes["FR71", "FRK2"].relation == RegionCodeChange.Relation.RECODED
    assert changes["FR72", "FRK1"].relation == RegionCodeChange.Relation.RECODED
    assert changes["FR2", "FRB"].relation == RegionCodeChange.Relation.SPLIT

    regions = {r.code: r for r in Region.objects.select_related("parent")}
    # Old codes become regions of their own version, named from the table or their successor.
    assert regions["FR7"].name == "Centre-Est"
    assert regions["FR71"].name == "Rhône-Alpes"
    assert regions["FR72"].name == "Auvergne"
    assert regions["FRA1"].name == "Guadeloupe"
    assert regions["FR91"].name == "Guadeloupe"  # FR91 → FRA1 → FRY1
    assert regions["FR71"].versions == "2013"
    assert regions["FR91"].versions == "2010"
    assert regions["FR71"].level == 2
    assert regions["FR71"].parent.code == "FR7"
    assert regions["FR7"].parent.code == "FR"
    # Codes new in NUTS 2016 are valid in 2016 only; unchanged codes in both versions.
    assert regions["FRK"].versions == "2016"
    assert regions["FRK2"].versions == "2016"
    assert regions["FRY1"].versions == "2016"
    assert regions["FR"].versions == "2013,2016"
    assert regions["ITC4"].versions == "2013,2016"
    # Country aggregates.
    assert regions["EU28"].kind == Region.Kind.AGGREGATE
    assert regions["EU28"].level is None


@pytest.mark.parametrize("nuts_first", [True, False], ids=["nuts-first", "reference-first"])
def test_load_order_does_not_change_versions(nuts_files, nuts_first):
    """ITH (new in NUTS 2010) is still a NUTS 2016 region: it must not be marked 2010 only."""
    if nuts_first:
        regions_load_nuts(files=nuts_files)
        regions_load_reference()
    else:
        regions_load_reference()
        regions_load_nuts(files=nuts_files)

    versions = dict(Region.objects.values_list("code", "versions"))
    assert versions["ITH"] == "2013,2016"
    assert versions["FRK"] == versions["FRK2"] == versions["FRY1"] == "2016"
    assert versions["FR7"] == versions["FRA1"] == "2013"
    assert versions["ITD"] == "2006"


def test_load_reference_is_idempotent(nuts_files):
    regions_load_nuts(files=nuts_files)
    regions_load_reference()
    regions_before = region_snapshot()
    changes_before = list(RegionCodeChange.objects.order_by("pk").values())

    report = regions_load_reference()

    assert report.created == 0
    assert region_snapshot() == regions_before
    assert list(RegionCodeChange.objects.order_by("pk").values()) == changes_before


def test_load_reference_missing_column_raises(tmp_path):
    (tmp_path / "nuts_code_changes.csv").write_text("old_code,new_code\nFR7,FRK\n")
    (tmp_path / "aggregates.csv").write_text("code,name\n")

    with pytest.raises(DataFileError) as error:
        regions_load_reference(directory=tmp_path)

    assert error.value.line == 1
    assert "old_version" in str(error.value)
    assert not RegionCodeChange.objects.exists()


# --- selectors on code changes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "predecessors"),
    [
        ("FRK", ["FR7"]),
        ("FRK2", ["FR71"]),
        ("FRY1", ["FRA1", "FR91"]),
        ("FRA1", ["FR91"]),
        ("FRB", []),  # FR2 was split: a different territory, nothing carried over
        ("DE11", []),
        ("ITH", ["ITD"]),
    ],
)
def test_region_predecessor_codes(code, predecessors):
    regions_load_reference()
    assert region_predecessor_codes(code=code) == predecessors


def test_region_successor_map_follows_chains_and_skips_splits():
    regions_load_reference()

    successors = region_successor_map()

    assert successors["FR7"] == "FRK"
    assert successors["FR71"] == "FRK2"
    assert successors["FR91"] == "FRY1"
    assert successors["FRA1"] == "FRY1"
    assert successors["ITD1"] == "ITH1"
    for not_recoded in ("FR2", "HU10", "UKM2", "DE41", "FRK"):
        assert not_recoded not in successors


def test_region_children_codes_spans_versions(region_factory):
    parent = region_factory(code="FR7", level=1)
    for code in ("FR71", "FR72", "FR711", "FR8"):
        region_factory(code=code)

    assert sorted(region_children_codes(region=parent)) == ["FR71", "FR72"]


# --- networks ----------------------------------------------------------------------------------


@pytest.fixture
def motor_regions(region_factory):
    return {
        code: region_factory(code=code) for code in ("FRK", "DE1", "ES51", "ITC4", "BE2", "UKL")
    }


def test_network_create_four_motors(motor_regions):
    network = network_create_four_motors()

    assert network.slug == "four-motors"
    assert network.name == FOUR_MOTORS["name"]
    assert network.is_default
    territories = {t.region.code: t for t in territory_list(network=network)}
    assert {code: t.role for code, t in territories.items()} == {
        "FRK": Territory.Role.PARTNER,
        "DE1": Territory.Role.PARTNER,
        "ES51": Territory.Role.PARTNER,
        "ITC4": Territory.Role.PARTNER,
        "BE2": Territory.Role.ASSOCIATE,
        "UKL": Territory.Role.ASSOCIATE,
    }
    assert territories["FRK"].name == "Auvergne-Rhône-Alpes"
    assert territories["UKL"].name == "Wales"
    assert str(territories["DE1"].joined_on) == "1988-09-09"
    assert territories["BE2"].joined_on is None
    assert network_default() == network


def test_network_create_four_motors_is_idempotent_and_takes_the_default(
    motor_regions, network_factory
):
    other = network_factory(slug="other", is_default=True)
    network_create_four_motors()
    network_create_four_motors()

    assert Network.objects.filter(slug="four-motors").count() == 1
    assert Territory.objects.count() == 6
    other.refresh_from_db()
    assert not other.is_default
    assert network_default().slug == "four-motors"


def test_network_create_unknown_region_raises_and_stores_nothing(motor_regions, network_factory):
    other = network_factory(slug="other", is_default=True)
    territories = [*FOUR_MOTORS["territories"], ("Nowhere", "ZZ9", Territory.Role.OBSERVER, None)]

    with pytest.raises(DataFileError, match="ZZ9"):
        network_create(name="Broken", slug="broken", territories=territories, is_default=True)

    assert not Network.objects.filter(slug="broken").exists()
    assert list(Network.objects.values_list("slug", flat=True)) == ["other"]
    assert not Territory.objects.exists()
    other.refresh_from_db()
    assert other.is_default


# --- regions_import_csv -------------------------------------------------------------------------


def test_regions_import_csv_creates_custom_regions(tmp_path, region_factory):
    region_factory(code="DE1", name="Baden-Württemberg", level=1)
    path = write_file(
        tmp_path / "regions.csv",
        "code,name,level,parent_code,country_code\n"
        "QX11,Child first,2,QX1,QX\n"  # parent listed later in the same file
        "QX1,North,1,QX,QX\n"
        "QX,Exampleland,0,,QX\n"
        " QX12 ,,2,QX1,QX\n"  # blanks trimmed; an empty name falls back to the code
        "DE1X,Beside a NUTS region,2,DE1,\n",
    )

    report = regions_import_csv(path=path)

    assert (report.created, report.updated) == (5, 0)
    regions = {r.code: r for r in Region.objects.filter(kind=Region.Kind.CUSTOM)}
    assert set(regions) == {"QX", "QX1", "QX11", "QX12", "DE1X"}
    assert regions["QX11"].parent.code == "QX1"
    assert regions["QX1"].parent.code == "QX"
    assert regions["QX"].parent is None
    assert regions["QX12"].name == "QX12"
    assert regions["QX12"].level == 2
    assert regions["DE1X"].parent.code == "DE1"
    assert regions["QX11"].country_code == "QX"
    assert regions["QX11"].source == "regions.csv"

    again = regions_import_csv(path=path)
    assert (again.created, again.updated) == (0, 5)
    assert Region.objects.filter(kind=Region.Kind.CUSTOM).count() == 5


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ("QX2,Bad level,two,QX,QX", "level", "whole number"),
        ("QX2,Bad level,,QX,QX", "level", "whole number"),
        ("QX2,Negative level,-1,QX,QX", "level", "-1"),
        ("QX2,Orphan,1,QY,QX", "parent_code", "QY"),
        (" ,No code,1,QX,QX", "code", "empty"),
    ],
    ids=["text-level", "empty-level", "negative-level", "unknown-parent", "empty-code"],
)
def test_regions_import_csv_errors_name_line_and_field(tmp_path, region_factory, row, field, words):
    region_factory(code="QX", level=0)
    before = region_snapshot()
    path = write_file(
        tmp_path / "regions.csv",
        f"code,name,level,parent_code,country_code\nQX1,Fine,1,QX,QX\n{row}\nQX3,Fine,1,QX,QX\n",
    )

    with pytest.raises(DataFileError) as error:
        regions_import_csv(path=path)

    assert error.value.file == str(path)
    assert error.value.line == 3
    assert error.value.field == field
    assert words in error.value.message
    assert f"line 3, field '{field}'" in str(error.value)
    assert region_snapshot() == before


def test_regions_import_csv_missing_column(tmp_path):
    path = write_file(tmp_path / "regions.csv", "code,name,level\nQX,Exampleland,0\n")

    with pytest.raises(DataFileError) as error:
        regions_import_csv(path=path)

    assert error.value.line == 1
    assert "parent_code" in str(error.value)
    assert not Region.objects.exists()
