"""Tests of the NUTS 2021 and 2024 boundaries: regions of several versions, and their loading.

The Croatian regions are the real case: NUTS 2021 split HR04 (Kontinentalna Hrvatska) into
HR02, HR05 and HR06 and kept HR03 (Commission Delegated Regulation (EU) 2019/1755).
"""

from __future__ import annotations

import urllib.error
from pathlib import Path

import pytest

from clusterdialogue import datasources
from clusterdialogue.core.io import download
from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.regions.models import Region, RegionBoundary, RegionCodeChange
from clusterdialogue.regions.selectors import (
    region_predecessor_codes,
    region_successor_map,
    region_territory_codes,
    region_version_map,
)
from clusterdialogue.regions.services import (
    LATER_CHANGES_FILE,
    region_code_changes_import,
    region_code_changes_load_shipped,
    regions_load_nuts,
    regions_load_reference,
)
from clusterdialogue.testing.files import write_gisco_geojson
from clusterdialogue.testing.nuts_tables import write_changes_2016_2021, write_changes_2021_2024

pytestmark = pytest.mark.django_db

HR_2016 = [
    ("HR", 0, "HRVATSKA"),
    ("HR0", 1, "HRVATSKA"),
    ("HR03", 2, "Jadranska Hrvatska"),
    ("HR04", 2, "Kontinentalna Hrvatska"),
]
HR_2021 = [
    ("HR", 0, "HRVATSKA"),
    ("HR0", 1, "HRVATSKA"),
    ("HR02", 2, "Panonska Hrvatska"),
    ("HR03", 2, "Jadranska Hrvatska"),
    ("HR05", 2, "Grad Zagreb"),
    ("HR06", 2, "Sjeverna Hrvatska"),
]
RING_2021 = [[14.0, 44.0], [15.5, 44.0], [15.5, 45.5], [14.0, 44.0]]


def gisco_files(folder: Path, version: str, features, levels=(0, 1, 2, 3), ring=None) -> list[Path]:
    """One file per level, named as GISCO names them."""
    return [
        write_gisco_geojson(
            folder / f"NUTS_RG_20M_{version}_4326_LEVL_{level}.geojson",
            [f for f in features if f[1] == level],
            ring=ring,
        )
        for level in levels
    ]


@pytest.fixture
def loaded_2016(tmp_path):
    regions_load_nuts(files=gisco_files(tmp_path / "2016", "2016", HR_2016))


def test_later_version_adds_its_codes_and_boundaries_and_keeps_2016(loaded_2016, tmp_path):
    before = {r.code: (r.name, r.geometry) for r in Region.objects.all()}

    report = regions_load_nuts(
        files=gisco_files(tmp_path / "2021", "2021", HR_2021, ring=RING_2021), version="2021"
    )

    assert (report.created, report.updated) == (3, 3)
    versions = dict(Region.objects.values_list("code", "versions"))
    assert versions == {
        "HR": "2013,2016,2021",
        "HR0": "2013,2016,2021",
        "HR03": "2013,2016,2021",
        "HR04": "2013,2016",  # not in NUTS 2021
        "HR02": "2021",
        "HR05": "2021",
        "HR06": "2021",
    }
    # The 2016 name and boundary stay on the region; the 2021 ones are a boundary row.
    for code, (name, geometry) in before.items():
        region = Region.objects.get(code=code)
        assert (region.name, region.geometry) == (name, geometry)
    hr05 = Region.objects.get(code="HR05")
    assert hr05.name == "Grad Zagreb"
    assert hr05.geometry is None
    assert hr05.parent.code == "HR0"
    assert hr05.level == 2
    assert "NUTS 2021" in hr05.source
    boundary = RegionBoundary.objects.get(region__code="HR03", version="2021")
    assert boundary.name == "Jadranska Hrvatska"
    assert boundary.geometry == {"type": "Polygon", "coordinates": [RING_2021]}
    assert "GISCO" in boundary.source and "NUTS 2021" in boundary.source
    assert not RegionBoundary.objects.filter(region__code="HR04").exists()
    assert RegionBoundary.objects.filter(version="2021").count() == 6


def test_later_version_twice_updates_and_2016_reload_keeps_it(loaded_2016, tmp_path):
    files_2021 = gisco_files(tmp_path / "2021", "2021", HR_2021)
    regions_load_nuts(files=files_2021, version="2021")
    RegionBoundary.objects.filter(region__code="HR03").update(name="changed")

    report = regions_load_nuts(files=files_2021, version="2021")
    regions_load_nuts(files=gisco_files(tmp_path / "2016b", "2016", HR_2016))
    regions_load_reference()

    assert (report.created, report.updated) == (0, 6)
    assert RegionBoundary.objects.get(region__code="HR03").name == "Jadranska Hrvatska"
    assert RegionBoundary.objects.count() == 6
    versions = dict(Region.objects.values_list("code", "versions"))
    assert versions["HR03"] == "2013,2016,2021"
    assert versions["HR05"] == "2021"


def test_2024_after_2021_adds_both_versions(loaded_2016, tmp_path):
    regions_load_nuts(files=gisco_files(tmp_path / "2021", "2021", HR_2021), version="2021")
    regions_load_nuts(files=gisco_files(tmp_path / "2024", "2024", HR_2021), version="2024")

    assert Region.objects.get(code="HR03").versions == "2013,2016,2021,2024"
    assert Region.objects.get(code="HR05").versions == "2021,2024"
    assert set(
        RegionBoundary.objects.filter(region__code="HR05").values_list("version", flat=True)
    ) == {"2021", "2024"}


def test_bad_later_file_or_version_changes_nothing(loaded_2016, tmp_path):
    files = gisco_files(tmp_path / "2021", "2021", HR_2021)
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    before = list(Region.objects.order_by("code").values())

    with pytest.raises(DataFileError) as error:
        regions_load_nuts(files=[*files, bad], version="2021")
    assert error.value.file == str(bad)
    with pytest.raises(DataFileError, match="NUTS version must be a year"):
        regions_load_nuts(files=files, version="21")

    assert list(Region.objects.order_by("code").values()) == before
    assert not RegionBoundary.objects.exists()


# --- the set-up step: data directory, download, clear message -------------------------------


@pytest.fixture
def offline(monkeypatch):
    calls = []

    def urlopen(request, *args, **kwargs):
        calls.append(getattr(request, "full_url", request))
        raise urllib.error.URLError(OSError(-3, "Temporary failure in name resolution"))

    monkeypatch.setattr(download.urllib.request, "urlopen", urlopen)
    return calls


def test_setup_step_loads_2021_from_the_data_dir_and_says_2024_is_missing(
    loaded_2016, tmp_path, settings, offline
):
    mirror = tmp_path / "mirror"
    gisco_files(mirror / "nuts", "2021", HR_2021)
    settings.CLUSTERDIALOGUE_DATA_DIR = str(mirror)
    settings.CLUSTERDIALOGUE_CACHE_DIR = tmp_path / "cache"
    settings.CLUSTERDIALOGUE_DOWNLOAD_MIRROR = ""

    message = datasources.load_later_nuts()

    lines = message.splitlines()
    assert lines[0].startswith("NUTS 2021: 3 regions created, 3 updated from 4 file(s)")
    assert lines[1].startswith("NUTS 2024: boundaries not loaded (could not download")
    assert f"in {mirror}/nuts/ to load them" in lines[1]
    assert lines[1].endswith("Going on with NUTS 2016.")
    # One failed download, no more tries; nothing stored for 2024.
    assert offline == [datasources.LATER_NUTS_FILES["2024"][0].url]
    assert not RegionBoundary.objects.filter(version="2024").exists()
    assert Region.objects.get(code="HR05").versions == "2021"


def test_setup_step_downloads_from_a_file_mirror_of_gisco(loaded_2016, tmp_path, settings):
    # The mirror has the official URL layout: host, then the path of the GISCO address.
    site = tmp_path / "site"
    folder = site / "gisco-services.ec.europa.eu/distribution/v2/nuts/geojson"
    gisco_files(folder, "2021", HR_2021)
    gisco_files(folder, "2024", HR_2021)
    settings.CLUSTERDIALOGUE_DATA_DIR = str(tmp_path / "empty")
    settings.CLUSTERDIALOGUE_CACHE_DIR = tmp_path / "cache"
    settings.CLUSTERDIALOGUE_DOWNLOAD_MIRROR = site.as_uri()

    message = datasources.load_later_nuts()

    assert "NUTS 2021: 3 regions created" in message
    assert "NUTS 2024: 0 regions created, 6 updated" in message
    cached = tmp_path / "cache" / "nuts" / "NUTS_RG_20M_2024_4326_LEVL_3.geojson"
    assert cached.is_file()
    assert Region.objects.get(code="HR05").versions == "2021,2024"


# --- code changes after 2016: Eurostat's tables and the shipped rows ---------------------------


def test_import_correspondence_tables_stores_changes_and_new_regions(loaded_2016, tmp_path):

    first = region_code_changes_import(
        path=write_changes_2016_2021(tmp_path / "NUTS2021.xlsx"),
        old_version="2016",
        new_version="2021",
    )
    second = region_code_changes_import(
        path=write_changes_2021_2024(tmp_path / "NUTS2021-NUTS2024.xlsx"),
        old_version="2021",
        new_version="2024",
    )

    assert str(first) == (
        "6 code changes (2 recoded, same territory) from NUTS2021.xlsx; 9 regions added"
    )
    assert (second.changes, second.recoded) == (4, 2)
    change = RegionCodeChange.objects.get(old_code="QA11")
    assert (change.new_code, change.old_version, change.new_version, change.relation) == (
        "QA13",
        "2016",
        "2021",
        "recoded",
    )
    assert change.source.startswith("Eurostat NUTS correspondence table NUTS2021.xlsx, row ")
    assert RegionCodeChange.objects.get(old_code="QA17").relation == "merged"
    regions = {r.code: r for r in Region.objects.all()}
    assert regions["HR05"].name == "Grad Zagreb"
    assert regions["HR05"].versions == "2021"
    assert regions["HR04"].versions == "2013,2016"  # the GISCO 2016 region, untouched
    assert regions["HR04"].name == "Kontinentalna Hrvatska"
    assert regions["QA13"].versions == "2021"
    assert regions["QA11"].versions == "2016"
    assert regions["QA131"].parent.code == "QA13"
    # Importing again changes nothing.
    again = region_code_changes_import(
        path=tmp_path / "NUTS2021.xlsx", old_version="2016", new_version="2021"
    )
    assert (again.changes, again.regions_created) == (6, 0)
    assert RegionCodeChange.objects.count() == 10


def test_recoded_codes_cross_versions_and_the_others_do_not(loaded_2016, tmp_path):

    regions_load_reference()
    region_code_changes_import(
        path=write_changes_2016_2021(tmp_path / "a.xlsx"), old_version="2016", new_version="2021"
    )
    region_code_changes_import(
        path=write_changes_2021_2024(tmp_path / "b.xlsx"), old_version="2021", new_version="2024"
    )

    # The NUTS 2016 successor map is what it was: old codes up to 2016 only.
    successors = region_successor_map()
    assert successors["FR7"] == "FRK"
    assert successors["FR91"] == "FRY1"
    assert "QA11" not in successors and "QA13" not in successors
    # Any version onto 2016, and onto 2024: recodings only.
    to_2016 = region_version_map()
    assert (to_2016["QA13"], to_2016["QA15"], to_2016["QA151"]) == ("QA11", "QA11", "QA111")
    assert to_2016["FR7"] == "FRK"
    assert "QA14" not in to_2016 and "HR05" not in to_2016 and "QA16" not in to_2016
    to_2024 = region_version_map(version="2024")
    assert (to_2024["QA11"], to_2024["QA13"]) == ("QA15", "QA15")
    assert region_territory_codes(code="QA13") == ["QA13", "QA11", "QA15"]
    assert region_territory_codes(code="HR04") == ["HR04"]
    assert region_predecessor_codes(code="QA15") == ["QA13", "QA11"]


def test_shipped_later_changes_name_their_source(loaded_2016):

    report = region_code_changes_load_shipped()

    assert (report.changes, report.recoded, report.regions_created) == (3, 0, 3)
    changes = RegionCodeChange.objects.filter(old_code="HR04")
    assert {c.new_code for c in changes} == {"HR02", "HR05", "HR06"}
    assert {c.relation for c in changes} == {"split"}
    assert all("2019/1755" in c.source for c in changes)
    assert Region.objects.get(code="HR06").name == "Sjeverna Hrvatska"


@pytest.mark.parametrize(
    ("row", "message", "field"),
    [
        (
            "HR04,2016,HR02,2021,renamed,Panonska Hrvatska,Regulation",
            "relation must be",
            "relation",
        ),
        ("HR04,2016,HR02,2021,split,Panonska Hrvatska,", "names its source", "source"),
    ],
)
def test_shipped_table_checks_relation_and_source(tmp_path, row, message, field):
    header = "old_code,old_version,new_code,new_version,relation,new_name,source"
    (tmp_path / LATER_CHANGES_FILE).write_text(f"{header}\n{row}\n", encoding="utf-8")

    with pytest.raises(DataFileError, match=message) as error:
        region_code_changes_load_shipped(directory=tmp_path)

    assert (error.value.line, error.value.field) == (2, field)
    assert not RegionCodeChange.objects.exists()


def test_setup_step_loads_shipped_rows_and_tables_in_the_data_dir(loaded_2016, tmp_path, settings):

    mirror = tmp_path / "mirror"
    write_changes_2016_2021(mirror / "nuts" / "NUTS2021.xlsx")
    settings.CLUSTERDIALOGUE_DATA_DIR = str(mirror)
    settings.CLUSTERDIALOGUE_CACHE_DIR = tmp_path / "cache"

    lines = datasources.load_later_code_changes().splitlines()

    assert lines[0].startswith("shipped: 3 code changes")
    assert lines[1].startswith("NUTS 2016-2021: 6 code changes (2 recoded")
    assert lines[2].startswith("NUTS 2021-2024: nuts/NUTS2021-NUTS2024.xlsx not found in")


def test_api_gives_boundaries_per_version_and_change_sources(loaded_2016, tmp_path, client):
    regions_load_nuts(
        files=gisco_files(tmp_path / "2021", "2021", HR_2021, ring=RING_2021), version="2021"
    )
    region_code_changes_load_shipped()

    detail = client.get("/api/regions/HR03/").json()
    listed = client.get("/api/regions/?code=HR03").json()["results"][0]
    changes = client.get("/api/region-code-changes/?new_version=2021").json()["results"]

    assert detail["versions"] == "2013,2016,2021"
    assert [(b["version"], b["name"]) for b in detail["boundaries"]] == [
        ("2021", "Jadranska Hrvatska")
    ]
    assert detail["boundaries"][0]["geometry"]["coordinates"] == [RING_2021]
    assert "boundaries" not in listed and "geometry" not in listed
    assert {(c["old_code"], c["new_code"], c["relation"]) for c in changes} == {
        ("HR04", "HR02", "split"),
        ("HR04", "HR05", "split"),
        ("HR04", "HR06", "split"),
    }
    assert all("2019/1755" in c["source"] for c in changes)
