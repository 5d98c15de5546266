"""Tests of the statistics imports: Eurostat bulk TSV (SBS and LFS layouts) and the long CSV."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Dataset, Industry, Observation
from clusterdialogue.statistics.services.imports import (
    dataset_import_eurostat,
    dataset_import_long_csv,
)
from clusterdialogue.testing.files import write_file

pytestmark = pytest.mark.django_db

# The real Eurostat layout: a trailing blank after each value, flags after a space, ':' missing.
SBS_HEADER = "nace_r2,indic_sb,geo\\time\t2015 \t2014 \t2013 "
SBS_ROWS = [
    "C,V16110,DE11\t570001 \t561839 \t: ",  # line 2
    "C29,V11210,DE11\t129101 d\t1210 \t1190 ",  # line 3
    "C29,V16110,DE11\t160445 \t158012 \t: c",  # line 4
    "C29,V16110,FR71\t: c\t25694 \t: ",  # line 5
    "C29,V94310,DE11\t28.1 \t28.1 \t: ",  # line 6
    "C29,V16110,DEZZ\t: \t12 \t: ",  # line 7: extra-regio, registered on first use
]
# (geo, nace, indicator, year) → (value, flag) for every cell that is not a bare ':'.
SBS_EXPECTED = {
    ("DE11", "C", "V16110", 2015): (570001.0, ""),
    ("DE11", "C", "V16110", 2014): (561839.0, ""),
    ("DE11", "C29", "V11210", 2015): (129101.0, "d"),
    ("DE11", "C29", "V11210", 2014): (1210.0, ""),
    ("DE11", "C29", "V11210", 2013): (1190.0, ""),
    ("DE11", "C29", "V16110", 2015): (160445.0, ""),
    ("DE11", "C29", "V16110", 2014): (158012.0, ""),
    ("DE11", "C29", "V16110", 2013): (None, "c"),
    ("FR71", "C29", "V16110", 2015): (None, "c"),
    ("FR71", "C29", "V16110", 2014): (25694.0, ""),
    ("DE11", "C29", "V94310", 2015): (28.1, ""),
    ("DE11", "C29", "V94310", 2014): (28.1, ""),
    ("DEZZ", "C29", "V16110", 2014): (12.0, ""),
}


def tsv(header: str, rows: list[str]) -> str:
    return "\n".join([header, *rows]) + "\n"


def sbs_path(tmp_path: Path, compress: bool) -> Path:
    directory = tmp_path / ("gz" if compress else "plain")
    directory.mkdir(exist_ok=True)
    return directory / ("sbs_r_nuts06_r2.tsv.gz" if compress else "sbs_r_nuts06_r2.tsv")


def stored() -> dict[tuple, tuple]:
    rows = Observation.objects.values_list(
        "region__code", "industry__code", "indicator", "year", "value", "flag"
    )
    return {(r, i, ind, y): (v, f) for r, i, ind, y, v, f in rows}


def snapshot() -> dict[str, list[dict]]:
    """Every row of the tables an import may touch."""
    return {
        "observations": list(Observation.objects.order_by("pk").values()),
        "datasets": list(Dataset.objects.order_by("pk").values()),
        "regions": list(Region.objects.order_by("pk").values()),
        "industries": list(Industry.objects.order_by("pk").values()),
    }


@pytest.fixture
def sbs_world(nuts_tree, industry_factory):
    """The regions and industries the small SBS files use."""
    nuts_tree(["DE", "DE1", "DE11", "FR", "FR7", "FR71"])
    industry_factory(code="C", scheme=Industry.Scheme.NACE_SECTION, section="C")
    industry_factory(code="C29", section="C")
    industry_factory(code="C10", section="C")


@pytest.fixture(params=[False, True], ids=["plain", "gzip"])
def compress(request) -> bool:
    return request.param


# --- Eurostat SBS ------------------------------------------------------------------------------


def test_import_eurostat_stores_values_and_flags(sbs_world, tmp_path, compress):
    path = write_file(sbs_path(tmp_path, compress), tsv(SBS_HEADER, SBS_ROWS), gz=compress)

    report = dataset_import_eurostat(path=path)

    assert stored() == SBS_EXPECTED
    assert report.dataset == "sbs_r_nuts06_r2"
    assert report.observations == len(SBS_EXPECTED)
    assert (report.regions, report.industries) == (3, 2)
    assert report.years == [2013, 2014, 2015]
    dataset = Dataset.objects.get(code="sbs_r_nuts06_r2")
    assert dataset.observation_count == len(SBS_EXPECTED) == Observation.objects.count()
    assert dataset.file_name == path.name
    assert dataset.imported_at is not None
    assert "Eurostat" in dataset.licence
    # Missing is never zero: a flagged gap is NULL, a bare ':' is no row at all.
    assert not Observation.objects.filter(value=0).exists()
    confidential = Observation.objects.get(
        region__code="FR71", industry__code="C29", indicator="V16110", year=2015
    )
    assert (confidential.value, confidential.flag) == (None, "c")
    assert not Observation.objects.filter(region__code="FR71", year=2013).exists()
    # The extra-regio code of a known country was registered on the way.
    extra = Region.objects.get(code="DEZZ")
    assert (extra.kind, extra.level, extra.country_code) == (Region.Kind.EXTRA_REGIO, 2, "DE")


def test_import_eurostat_again_is_idempotent_and_updates_changed_values(sbs_world, tmp_path):
    path = write_file(sbs_path(tmp_path, False), tsv(SBS_HEADER, SBS_ROWS), gz=False)
    dataset_import_eurostat(path=path)
    before = snapshot()

    dataset_import_eurostat(path=path)

    after = snapshot()
    assert after["observations"] == before["observations"]
    assert after["regions"] == before["regions"]
    assert Dataset.objects.get().observation_count == len(SBS_EXPECTED)

    changed = [row.replace("158012 ", "158013 p") for row in SBS_ROWS]
    changed[1] = "C29,V11210,DE11\t: c\t1210 \t1190 "  # a published figure became confidential
    write_file(path, tsv(SBS_HEADER, changed), gz=False)
    dataset_import_eurostat(path=path)

    expected = dict(SBS_EXPECTED)
    expected["DE11", "C29", "V16110", 2014] = (158013.0, "p")
    expected["DE11", "C29", "V11210", 2015] = (None, "c")
    assert stored() == expected
    assert Observation.objects.count() == len(SBS_EXPECTED)
    assert [row["id"] for row in snapshot()["observations"]] == [
        row["id"] for row in before["observations"]
    ]


def test_import_eurostat_keeps_other_datasets(sbs_world, tmp_path, observation_factory):
    other = observation_factory(
        dataset__code="mine", region=Region.objects.get(code="DE11"), value=7.0, year=2014
    )

    dataset_import_eurostat(
        path=write_file(sbs_path(tmp_path, False), tsv(SBS_HEADER, SBS_ROWS), gz=False)
    )

    other.refresh_from_db()
    assert other.value == 7.0
    assert Observation.objects.count() == len(SBS_EXPECTED) + 1
    assert Dataset.objects.get(code="sbs_r_nuts06_r2").observation_count == len(SBS_EXPECTED)


BAD_FILES = {
    # name: (header, rows, line, field, words in the message)
    "unknown-region": (
        SBS_HEADER,
        [*SBS_ROWS, "C29,V16110,FRZZ\t1 \t2 \t3 ", "C29,V16110,ZZ99\t1 \t2 \t3 "],
        9,
        "geo",
        "unknown region code 'ZZ99'",
    ),
    "unknown-nace": (
        SBS_HEADER,
        [*SBS_ROWS, "C99,V16110,DE11\t1 \t2 \t3 "],
        8,
        "nace_r2",
        "unknown NACE code 'C99'",
    ),
    "malformed-number": (
        SBS_HEADER,
        [*SBS_ROWS[:3], "C10,V16110,DE11\t5 \t12a3 \t7 ", *SBS_ROWS[3:]],
        5,
        "2014",
        "malformed cell '12a3 '",
    ),
    "decimal-comma": (
        SBS_HEADER,
        [*SBS_ROWS, "C10,V16110,DE11\t5 \t1,5 \t7 "],
        8,
        "2014",
        "decimal point",
    ),
    "wrong-header": (
        "nace_r2,indic_sb,geo\t2015 \t2014 \t2013 ",
        SBS_ROWS,
        1,
        None,
        "not a Eurostat TSV header",
    ),
    "missing-field": (
        SBS_HEADER,
        [*SBS_ROWS, "C10,V16110,DE11\t5 \t7 "],
        8,
        None,
        "3 tab-separated fields but the header has 4",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_import_eurostat_bad_file_raises_and_changes_nothing(sbs_world, tmp_path, compress, case):
    path = sbs_path(tmp_path, compress)
    dataset_import_eurostat(path=write_file(path, tsv(SBS_HEADER, SBS_ROWS), gz=compress))
    before = snapshot()
    header, rows, line, field, words = BAD_FILES[case]
    # The bad file would also change a stored figure; it must not.
    rows = [row.replace("561839 ", "1 ") for row in rows]
    write_file(path, tsv(header, rows), gz=compress)

    with pytest.raises(DataFileError) as error:
        dataset_import_eurostat(path=path)

    assert error.value.file == str(path)
    assert error.value.line == line
    assert error.value.field == field
    assert words in error.value.message
    assert str(error.value).startswith(f"{path}, line {line}")
    assert snapshot() == before
    assert not Region.objects.filter(code="FRZZ").exists()


def test_import_eurostat_truncated_gzip_raises_and_changes_nothing(sbs_world, tmp_path):
    path = sbs_path(tmp_path, True)
    dataset_import_eurostat(path=write_file(path, tsv(SBS_HEADER, SBS_ROWS), gz=True))
    before = snapshot()
    whole = gzip.compress(tsv(SBS_HEADER, SBS_ROWS * 1).replace("561839", "1").encode())
    path.write_bytes(whole[: len(whole) // 2])

    with pytest.raises(DataFileError) as error:
        dataset_import_eurostat(path=path)

    assert error.value.file == str(path)
    assert "truncated or corrupt" in error.value.message
    assert snapshot() == before


def test_import_eurostat_first_import_failing_leaves_no_dataset(sbs_world, tmp_path):
    header, rows, *_ = BAD_FILES["unknown-region"]
    path = write_file(sbs_path(tmp_path, False), tsv(header, rows), gz=False)
    before = snapshot()

    with pytest.raises(DataFileError):
        dataset_import_eurostat(path=path)

    assert snapshot() == before
    assert not Dataset.objects.exists()


def test_import_eurostat_unsupported_dataset(sbs_world, tmp_path):
    path = write_file(tmp_path / "nama_10r_2gdp.tsv", tsv(SBS_HEADER, SBS_ROWS), gz=False)

    with pytest.raises(DataFileError, match="unsupported Eurostat dataset 'nama_10r_2gdp'"):
        dataset_import_eurostat(path=path)

    assert not Observation.objects.exists()


def test_import_eurostat_dissemination_api_layout_names_the_geo_line(sbs_world, tmp_path, compress):
    """Files from the dissemination API start with a ``freq`` dimension (dropped on reading)."""
    header = "freq,nace_r2,indic_sb,geo\\TIME_PERIOD\t2014 \t2015 "
    rows = ["A,C29,V16110,DE11\t158012 \t160445 ", "A,C29,V16110,FR71\t25694 \t: c"]
    path = write_file(tmp_path / "estat_sbs_r_nuts06_r2.tsv", tsv(header, rows), gz=compress)

    report = dataset_import_eurostat(path=path)

    assert report.dataset == "sbs_r_nuts06_r2"
    assert stored() == {
        ("DE11", "C29", "V16110", 2014): (158012.0, ""),
        ("DE11", "C29", "V16110", 2015): (160445.0, ""),
        ("FR71", "C29", "V16110", 2014): (25694.0, ""),
        ("FR71", "C29", "V16110", 2015): (None, "c"),
    }
    before = snapshot()
    write_file(path, tsv(header, [*rows, "A,C10,V16110,ZZ99\t1 \t2 "]), gz=compress)

    with pytest.raises(DataFileError) as error:
        dataset_import_eurostat(path=path)

    assert (error.value.line, error.value.field) == (4, "geo")
    assert snapshot() == before


@pytest.mark.parametrize("header", ["indic_sb,geo\\time", "nace_r2,indic_sb\\time"])
def test_import_eurostat_missing_dimension(sbs_world, tmp_path, header):
    path = write_file(
        sbs_path(tmp_path, False), tsv(f"{header}\t2014 ", ["C29,DE11\t5 "]), gz=False
    )

    with pytest.raises(DataFileError) as error:
        dataset_import_eurostat(path=path)

    assert error.value.line == 1
    assert not Observation.objects.exists()


# --- Eurostat LFS ------------------------------------------------------------------------------

LFS_TEXT = tsv(
    "unit,nace_r2,age,geo\\time\t2015 \t2014 ",
    [
        "THS,B-E,Y15-24,DE11\t: \t40.0 ",
        "THS,B-E,Y15-64,DE11\t450.3 \t440.1 u",
        "THS,B-E,Y15-64,FR71\t: u\t310.0 b",
        "THS,TOTAL,Y15-64,DE11\t1500.0 \t1490.5 ",
    ],
)


def test_import_eurostat_lfs_layout(sbs_world, tmp_path, industry_factory, compress):
    for code in ("B-E", "TOTAL"):
        industry_factory(code=code, scheme=Industry.Scheme.NACE_A10, section="")
    name = "lfst_r_lfe2en2.tsv.gz" if compress else "lfst_r_lfe2en2.tsv"

    report = dataset_import_eurostat(path=write_file(tmp_path / name, LFS_TEXT, gz=compress))

    assert report.dataset == "lfst_r_lfe2en2"
    assert stored() == {
        ("DE11", "B-E", "EMP_THS_Y15-24", 2014): (40.0, ""),
        ("DE11", "B-E", "EMP_THS_Y15-64", 2015): (450.3, ""),
        ("DE11", "B-E", "EMP_THS_Y15-64", 2014): (440.1, "u"),
        ("FR71", "B-E", "EMP_THS_Y15-64", 2015): (None, "u"),
        ("FR71", "B-E", "EMP_THS_Y15-64", 2014): (310.0, "b"),
        ("DE11", "TOTAL", "EMP_THS_Y15-64", 2015): (1500.0, ""),
        ("DE11", "TOTAL", "EMP_THS_Y15-64", 2014): (1490.5, ""),
    }
    assert Dataset.objects.get(code="lfst_r_lfe2en2").observation_count == 7


def test_import_eurostat_lfs_unknown_region_names_the_geo_line(
    sbs_world, tmp_path, industry_factory
):
    for code in ("B-E", "TOTAL"):
        industry_factory(code=code, scheme=Industry.Scheme.NACE_A10, section="")
    text = LFS_TEXT + "THS,TOTAL,Y15-64,EU28\t1 \t2 \n"
    path = write_file(tmp_path / "lfst_r_lfe2en2.tsv", text, gz=False)

    with pytest.raises(DataFileError) as error:
        dataset_import_eurostat(path=path)

    assert (error.value.line, error.value.field) == (6, "geo")
    assert not Observation.objects.exists()


# --- long CSV ----------------------------------------------------------------------------------

LONG_CSV = """\
region,industry,year,indicator,value,flag
DE11,C29,2014,persons_employed,158012,
FR71,C29,2015,persons_employed,,c
FR71,C29,2013,persons_employed,,
DE11,AUTO,2014,persons_employed,2000.5,p
FR71,BIKES,2014,local_units,12,
"""


def test_import_long_csv(sbs_world, tmp_path):
    path = tmp_path / "my_stats.csv"
    path.write_text(LONG_CSV, encoding="utf-8")

    report = dataset_import_long_csv(path=path, dataset_code="mine", title="My figures")

    assert stored() == {
        ("DE11", "C29", "persons_employed", 2014): (158012.0, ""),
        ("FR71", "C29", "persons_employed", 2015): (None, "c"),
        ("DE11", "AUTO", "persons_employed", 2014): (2000.5, "p"),
        ("FR71", "BIKES", "local_units", 2014): (12.0, ""),
    }
    assert report.observations == 4
    assert report.notes == ["new custom categories: AUTO, BIKES"]
    for code in ("AUTO", "BIKES"):
        category = Industry.objects.get(code=code)
        assert (category.scheme, category.name_en) == (Industry.Scheme.CUSTOM, code)
    assert Industry.objects.get(code="C29").scheme == Industry.Scheme.NACE_DIVISION
    dataset = Dataset.objects.get(code="mine")
    assert (dataset.title, dataset.source, dataset.observation_count) == (
        "My figures",
        "my_stats.csv",
        4,
    )

    before = snapshot()
    again = dataset_import_long_csv(path=path, dataset_code="mine", title="My figures")
    after = snapshot()
    assert after["observations"] == before["observations"]
    assert after["industries"] == before["industries"]
    assert again.notes == []

    path.write_text(LONG_CSV.replace("158012", "158000"), encoding="utf-8")
    dataset_import_long_csv(path=path, dataset_code="mine")
    assert stored()["DE11", "C29", "persons_employed", 2014] == (158000.0, "")
    assert Observation.objects.count() == 4


def test_import_long_csv_unknown_region_names_line_and_stores_nothing(sbs_world, tmp_path):
    path = tmp_path / "my_stats.csv"
    path.write_text(LONG_CSV + "XX99,NEWCAT,2014,persons_employed,3,\n", encoding="utf-8")
    before = snapshot()

    with pytest.raises(DataFileError) as error:
        dataset_import_long_csv(path=path, dataset_code="mine")

    assert error.value.file == str(path)
    assert (error.value.line, error.value.field) == (7, "region")
    assert "XX99" in error.value.message
    assert snapshot() == before


def test_import_long_csv_bad_value_names_line_and_field(sbs_world, tmp_path):
    path = tmp_path / "my_stats.csv"
    path.write_text(LONG_CSV.replace("2000.5", "2000,5"), encoding="utf-8")

    with pytest.raises(DataFileError) as error:
        dataset_import_long_csv(path=path, dataset_code="mine")

    assert error.value.line == 5
    assert not Observation.objects.exists()
    assert not Industry.objects.filter(scheme=Industry.Scheme.CUSTOM).exists()


def test_reimport_removes_a_figure_that_became_missing(sbs_world, tmp_path):
    header = "nace_r2,indic_sb,geo\\time\t2015 \t2014 "
    path = tmp_path / "sbs_r_nuts06_r2.tsv"
    write_file(path, tsv(header, ["C29,V16110,DE11\t160445 \t158012 "]), gz=False)
    dataset_import_eurostat(path=path)
    assert Observation.objects.count() == 2
    write_file(path, tsv(header, ["C29,V16110,DE11\t: \t158012 "]), gz=False)
    dataset_import_eurostat(path=path)
    assert list(Observation.objects.values_list("year", "value")) == [(2014, 158012.0)]


def test_import_sbs_r_nuts2021_maps_indicators_and_keeps_flags(sbs_world, tmp_path):
    header = "freq,indic_sbs,nace_r2,geo\\TIME_PERIOD\t2021 \t2022 "
    rows = [
        "A,EMP_LOC_NR,C29,DE11\t123 c\t: c",
        "A,LOC_NR,C29,DE11\t45 \t: ",
        "A,EMP_LOC_NR,B-S_X_O_S94,DE11\t999 \t998 ",
    ]
    path = write_file(tmp_path / "sbs_r_nuts2021.tsv.gz", tsv(header, rows), gz=True)

    report = dataset_import_eurostat(path=path)

    assert report.dataset == "sbs_r_nuts2021"
    assert stored() == {
        ("DE11", "C29", "V16110", 2021): (123.0, "c"),
        ("DE11", "C29", "V16110", 2022): (None, "c"),
        ("DE11", "C29", "V11210", 2021): (45.0, ""),
    }
    assert report.notes == [
        "left out the figures of Eurostat's activity aggregates B-S_X_O_S94 (not NACE Rev. 2 codes)"
    ]
