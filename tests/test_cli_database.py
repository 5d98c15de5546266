"""The database commands of the ``clusterdialogue`` tool, run through ``cli.main`` on the test DB.

``import csv``, ``import regions``, ``import eurostat`` and ``data refresh-mapping``: the happy
paths and the errors a person supplying a file would make (exit code 2, one line on stderr that
names the file, the line and the field, and nothing stored). All figures are invented.
"""

from __future__ import annotations

import pytest

from clusterdialogue.cli import main
from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Dataset, Industry, MappingResult, Observation
from clusterdialogue.testing.files import write_file

pytestmark = pytest.mark.django_db

SBS = "sbs_r_nuts06_r2"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- import csv ------------------------------------------------------------------------------

LONG_CSV = """\
region,industry,year,indicator,value,flag
QA11,C29,2014,V16110,500,
QA12,C29,2014,V16110,,c
QA11,TOUR,2014,V16110,120.5,p
QA12,C29,2014,V11210,5,
QA11,C29,2014,V16120,,
"""


def test_import_csv(tmp_path, capsys, example_regions, example_industries):
    path = write_file(tmp_path / "stats.csv", LONG_CSV)
    argv = ["import", "csv", str(path), "--dataset", "my_stats", "--title", "My statistics"]
    code, out, err = run(capsys, *argv, "--source", "a survey")
    assert (code, err) == (0, "")
    assert "my_stats: 4 figures for 2 regions, 2 industries, 2014–2014" in out
    assert "note: new custom categories: TOUR" in out
    dataset = Dataset.objects.get(code="my_stats")
    assert (dataset.title, dataset.source, dataset.file_name) == (
        "My statistics",
        "a survey",
        "stats.csv",
    )
    assert dataset.observation_count == 4
    stored = {
        (o.region.code, o.industry.code, o.indicator): (o.value, o.flag)
        for o in Observation.objects.filter(dataset=dataset).select_related("region", "industry")
    }
    assert stored == {
        ("QA11", "C29", "V16110"): (500.0, ""),
        ("QA12", "C29", "V16110"): (None, "c"),  # confidential: missing, never zero
        ("QA11", "TOUR", "V16110"): (120.5, "p"),
        ("QA12", "C29", "V11210"): (5.0, ""),
    }
    assert Industry.objects.get(code="TOUR").scheme == Industry.Scheme.CUSTOM

    # Importing the same file again updates the same figures.
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "note:" not in out  # no new categories this time
    assert Observation.objects.filter(dataset=dataset).count() == 4


@pytest.mark.parametrize(
    ("row", "line", "field", "words"),
    [
        ("ZZ99,C29,2014,V16110,5,", 3, "region", "unknown region code 'ZZ99'"),
        ("QA11,C29,20x4,V16110,5,", 3, "year", "not a whole number"),
        ("QA11,C29,1850,V16110,5,", 3, "year", "outside 1900-2100"),
        ('QA11,C29,2014,V16110,"1,5",', 3, "value", "decimal point"),
        ("QA11,C29,2014,V16110,-4,", 3, "value", ""),
        (",C29,2014,V16110,5,", 3, "region", "region is empty"),
        ("QA11,C29,2014,V16110,500,", 3, "", "QA11"),  # the first row again
    ],
)
def test_import_csv_errors_name_line_and_field(
    tmp_path, capsys, example_regions, example_industries, row, line, field, words
):
    text = f"region,industry,year,indicator,value,flag\nQA11,C29,2014,V16110,500,\n{row}\n"
    path = write_file(tmp_path / "bad.csv", text)
    code, _, err = run(capsys, "import", "csv", str(path), "--dataset", "bad")
    assert code == 2
    assert err.startswith(f"error: {path}, line {line}")
    if field:
        assert f"field '{field}'" in err
    assert words in err
    assert err.count("\n") == 1  # one line, no traceback
    assert not Dataset.objects.filter(code="bad").exists()
    assert Observation.objects.count() == 0


def test_import_csv_header_errors(tmp_path, capsys, example_regions):
    path = write_file(
        tmp_path / "semicolons.csv",
        "region;industry;year;indicator;value\nQA11;C29;2014;V16110;5\n",
    )
    code, _, err = run(capsys, "import", "csv", str(path), "--dataset", "bad")
    assert code == 2
    assert f"error: {path}, line 1" in err
    assert "separator must be a comma" in err


def test_import_csv_missing_file(tmp_path, capsys, db):
    code, _, err = run(capsys, "import", "csv", str(tmp_path / "absent.csv"), "--dataset", "x")
    assert code == 2
    assert "absent.csv" in err


# --- import regions ------------------------------------------------------------------------------


def test_import_regions_then_statistics_for_them(tmp_path, capsys, db):
    regions_csv = write_file(
        tmp_path / "regions.csv",
        "code,name,level,parent_code,country_code\n"
        "XR,Example realm,0,,XR\n"
        "XR1,Example north,1,XR,XR\n"
        "XR2,Example south,1,XR,XR\n",
    )
    code, out, err = run(capsys, "import", "regions", str(regions_csv))
    assert (code, err) == (0, "")
    assert "3 regions created, 0 updated from 1 file(s)" in out
    north = Region.objects.get(code="XR1")
    assert (north.name, north.level, north.kind, north.parent.code) == (
        "Example north",
        1,
        Region.Kind.CUSTOM,
        "XR",
    )

    code, out, _ = run(capsys, "import", "regions", str(regions_csv))
    assert "0 regions created, 3 updated" in out

    stats = write_file(
        tmp_path / "realm.csv", "region,industry,year,indicator,value\nXR1,FARM,2020,V16110,10\n"
    )
    code, out, _ = run(capsys, "import", "csv", str(stats), "--dataset", "realm")
    assert code == 0
    assert Observation.objects.get(region__code="XR1").value == 10


@pytest.mark.parametrize(
    ("rows", "line", "field"),
    [
        ("XR,Realm,0,\nXR1,North,1,XQ\n", 3, "parent_code"),
        ("XR,Realm,zero,\n", 2, "level"),
        (",Realm,0,\n", 2, "code"),
    ],
)
def test_import_regions_errors(tmp_path, capsys, db, rows, line, field):
    path = write_file(tmp_path / "regions.csv", "code,name,level,parent_code\n" + rows)
    code, _, err = run(capsys, "import", "regions", str(path))
    assert code == 2
    assert f"line {line}, field '{field}'" in err
    assert not Region.objects.exists()


def test_import_regions_missing_column(tmp_path, capsys, db):
    path = write_file(tmp_path / "regions.csv", "code,name\nXR,Realm\n")
    code, _, err = run(capsys, "import", "regions", str(path))
    assert code == 2
    assert "line 1" in err and "missing columns: level, parent_code" in err


# --- import eurostat ---------------------------------------------------------------------------

# Employment (V16110) and local units (V11210) of three industries in four NUTS-2 regions.
EMPLOYMENT = {
    "QA11": (500, 100, 400),
    "QA12": (50, 300, 650),
    "QB11": (20, 20, 960),
    "QB12": (300, 200, 500),
}


def eurostat_tsv(*, confidential: str | None = None) -> str:
    lines = ["nace_r2,indic_sb,geo\\time\t2014 \t2013 "]
    for industry_index, industry in enumerate(("C29", "C21", "J62")):
        for indicator, divisor in (("V16110", 1), ("V11210", 10)):
            for geo, values in EMPLOYMENT.items():
                value = values[industry_index] / divisor
                if geo == confidential and industry == "C21" and indicator == "V16110":
                    lines.append(f"{industry},{indicator},{geo}\t: c\t:c")
                else:
                    lines.append(f"{industry},{indicator},{geo}\t{value:g} \t{0.9 * value:g} p")
    return "\n".join(lines) + "\n"


def test_import_eurostat_without_refresh(tmp_path, capsys, example_regions, example_industries):
    path = write_file(tmp_path / f"{SBS}.tsv", eurostat_tsv(confidential="QB11"))
    code, out, err = run(capsys, "import", "eurostat", str(path), "--no-refresh")
    assert (code, err) == (0, "")
    assert f"{SBS}: 48 figures for 4 regions, 3 industries, 2013–2014" in out
    assert "mapping" not in out
    assert MappingResult.objects.count() == 0
    dataset = Dataset.objects.get(code=SBS)
    assert dataset.observation_count == 48
    assert "Eurostat" in dataset.licence
    confidential = Observation.objects.get(
        region__code="QB11", industry__code="C21", indicator="V16110", year=2014
    )
    assert (confidential.value, confidential.flag) == (None, "c")
    provisional = Observation.objects.get(
        region__code="QA11", industry__code="C29", indicator="V16110", year=2013
    )
    assert (provisional.value, provisional.flag) == (450.0, "p")


def test_import_eurostat_refreshes_the_mapping(
    tmp_path, capsys, example_regions, example_industries
):
    path = write_file(tmp_path / f"{SBS}.tsv", eurostat_tsv())
    code, out, err = run(capsys, "import", "eurostat", str(path))
    assert (code, err) == (0, "")
    assert "mapping nace_division: level 1: 12, level 2: 24 (12 cells from sums)" in out
    assert MappingResult.objects.filter(level=2).count() == 24  # 4 regions x 3 x 2 years
    qa11 = MappingResult.objects.get(region__code="QA11", category__code="C29", year=2014)
    assert qa11.lq == pytest.approx((500 / 1000) / (870 / 4000))
    assert qa11.stars == 3
    qa1 = MappingResult.objects.get(region__code="QA1", category__code="C29", year=2014)
    assert (qa1.employment, qa1.source) == (550, "children_sum")

    # Importing the same file again changes nothing but the import date.
    code, out, _ = run(capsys, "import", "eurostat", str(path))
    assert code == 0
    assert Observation.objects.count() == 48
    assert MappingResult.objects.count() == 36


@pytest.mark.parametrize(
    ("bad_row", "field", "words"),
    [
        ("C29,V16110,ZZ11\t1 \t1 ", "geo", "unknown region code 'ZZ11'"),
        ("X99,V16110,QA11\t1 \t1 ", "nace_r2", "unknown NACE code 'X99'"),
    ],
)
def test_import_eurostat_unknown_codes(
    tmp_path, capsys, example_regions, example_industries, bad_row, field, words
):
    text = eurostat_tsv() + bad_row + "\n"
    path = write_file(tmp_path / f"{SBS}.tsv", text)
    code, _, err = run(capsys, "import", "eurostat", str(path))
    assert code == 2
    assert f"line {text.count(chr(10))}, field '{field}'" in err
    assert words in err
    assert Observation.objects.count() == 0
    assert not Dataset.objects.filter(code=SBS).exists()


def test_import_eurostat_malformed_cell(tmp_path, capsys, example_regions, example_industries):
    text = eurostat_tsv().replace("\t50 \t", "\t5O \t", 1)  # a letter O for a zero
    path = write_file(tmp_path / f"{SBS}.tsv", text)
    code, _, err = run(capsys, "import", "eurostat", str(path))
    assert code == 2
    assert err.startswith(f"error: {path}, line ")
    assert "2014" in err
    assert Observation.objects.count() == 0


def test_import_eurostat_unsupported_dataset(tmp_path, capsys, example_regions, example_industries):
    path = write_file(tmp_path / "nama_10r_3empers.tsv", eurostat_tsv())
    code, _, err = run(capsys, "import", "eurostat", str(path), "--no-refresh")
    assert code == 2
    assert "unsupported Eurostat dataset 'nama_10r_3empers'" in err


# --- data refresh-mapping --------------------------------------------------------------------------


def test_data_refresh_mapping_rebuilds_the_stored_mapping(capsys, small_world):
    before = {
        (r.region.code, r.category.code, r.year): r.lq
        for r in MappingResult.objects.select_related("region", "category")
    }
    MappingResult.objects.all().delete()
    code, out, err = run(capsys, "data", "refresh-mapping")
    assert code == 0
    # The example world has NACE divisions only, and the command says so.
    assert err == "warning: no V16110 figures for nace_section in sbs_r_nuts06_r2\n"
    assert "mapping: nace_division, NUTS level 2" in out
    assert "mapping nace_division: level 1: 12, level 2: 24 (12 cells from sums)" in out
    assert "mapping nace_section:" in out  # no section figures in the small world
    after = {
        (r.region.code, r.category.code, r.year): r.lq
        for r in MappingResult.objects.select_related("region", "category")
    }
    assert after.keys() == before.keys()
    for key, lq in before.items():
        assert after[key] == pytest.approx(lq)


def test_data_refresh_mapping_of_an_unknown_dataset_keeps_the_mapping(capsys, small_world):
    before = MappingResult.objects.count()
    _, out, err = run(capsys, "data", "refresh-mapping", "--dataset", "no_such_dataset")
    assert MappingResult.objects.count() == before
    assert "no_such_dataset" in out + err
