"""Tests of the Eurostat bulk TSV reader."""

from __future__ import annotations

import gzip
import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.core.io.eurostat import (
    EUROSTAT_DATASETS,
    EUROSTAT_FLAGS,
    eurostat_dataset_code,
    read_eurostat_tsv,
)
from clusterdialogue.testing.files import write_file

HEADER = "nace_r2,indic_sb,geo\\time\t2015 \t2014 \n"


def one_cell(tmp_path: Path, cell: str) -> pd.DataFrame:
    return read_eurostat_tsv(
        write_file(tmp_path / "x.tsv", HEADER + f"C29,V16110,DE11\t{cell}\t1 \n")
    )


@pytest.mark.parametrize(
    ("cell", "value", "flag"),
    [
        ("160445 ", 160445.0, ""),
        ("160445", 160445.0, ""),
        ("129101 d", 129101.0, "d"),
        ("14.3 u", 14.3, "u"),
        ("4.0 bu", 4.0, "bu"),
        ("-0.5 ", -0.5, ""),
        ("0 ", 0.0, ""),
        ("1.5e3 p", 1500.0, "p"),
        (" 12 ", 12.0, ""),
        (": c", math.nan, "c"),
        (":c", math.nan, "c"),
        (": bc", math.nan, "bc"),
        (": u", math.nan, "u"),
    ],
)
def test_cell_forms(tmp_path, cell, value, flag):
    frame = one_cell(tmp_path, cell)
    got = frame[frame["year"] == 2015]
    assert len(got) == 1
    if math.isnan(value):
        assert np.isnan(got["value"].iloc[0])
    else:
        assert got["value"].iloc[0] == value
    assert got["flag"].iloc[0] == flag


@pytest.mark.parametrize("cell", [":", ": ", " : "])
def test_plain_missing_cells_are_dropped(tmp_path, cell):
    frame = one_cell(tmp_path, cell)
    assert frame["year"].tolist() == [2014]
    assert frame["value"].tolist() == [1.0]


def test_output_columns_types_and_order(tmp_path):
    text = HEADER + "C29,V16110,DE11\t160445 \t158012 \nC,V16110,DE11\t: c\t561839 \n"
    frame = read_eurostat_tsv(write_file(tmp_path / "x.tsv", text))
    assert list(frame.columns) == ["nace_r2", "indic_sb", "geo", "year", "value", "flag"]
    assert frame["year"].dtype == np.int64
    assert frame["value"].dtype == np.float64
    assert pd.api.types.is_string_dtype(frame["flag"])
    assert pd.api.types.is_string_dtype(frame["geo"])
    # file order, years ascending within a row
    assert frame[["nace_r2", "year"]].values.tolist() == [
        ["C29", 2014],
        ["C29", 2015],
        ["C", 2014],
        ["C", 2015],
    ]
    confidential = frame[(frame["nace_r2"] == "C") & (frame["year"] == 2015)]
    assert np.isnan(confidential["value"].iloc[0])  # missing is never zero
    assert confidential["flag"].iloc[0] == "c"


def test_newer_api_header_drops_single_freq(tmp_path):
    text = (
        "freq,nace_r2,indic_sb,geo\\TIME_PERIOD\t2014 \t2015 \n"
        "A,C29,V16110,DE11\t158012 \t160445 \n"
        "A,C29,V16110,ES51\t37137 \t37544 p\n"
    )
    frame = read_eurostat_tsv(write_file(tmp_path / "estat_sbs.tsv.gz", text, gz=True))
    assert list(frame.columns) == ["nace_r2", "indic_sb", "geo", "year", "value", "flag"]
    es = frame[(frame["geo"] == "ES51") & (frame["year"] == 2015)]
    assert es[["value", "flag"]].values.tolist() == [[37544.0, "p"]]


def test_freq_with_several_values_is_kept(tmp_path):
    text = "freq,geo\\TIME_PERIOD\t2015 \nA,DE11\t1 \nM,DE11\t2 \n"
    frame = read_eurostat_tsv(write_file(tmp_path / "x.tsv", text))
    assert frame["freq"].tolist() == ["A", "M"]


def test_lfs_header_names_four_dimensions(tmp_path):
    text = (
        "unit,nace_r2,age,geo\\time\t2015 \t2014 \t2008 \n"
        "THS,A,Y15-24,AT\t14.3 \t16.8 \t13.1 b\n"
        "THS,A,Y15-24,AT11\t: u\t: u\t: bu\n"
    )
    frame = read_eurostat_tsv(write_file(tmp_path / "x.tsv", text))
    assert list(frame.columns)[:4] == ["unit", "nace_r2", "age", "geo"]
    assert len(frame) == 6
    at08 = frame[(frame["geo"] == "AT") & (frame["year"] == 2008)]
    assert at08[["value", "flag"]].values.tolist() == [[13.1, "b"]]


def test_gzip_and_plain_give_the_same_frame_whatever_the_extension(tmp_path):
    text = HEADER + "C29,V16110,DE11\t160445 \t: c\nC29,V16110,ES51\t37544 \t37137 \n"
    plain = read_eurostat_tsv(write_file(tmp_path / "plain.tsv.gz", text))  # misleading name
    packed = read_eurostat_tsv(write_file(tmp_path / "packed.tsv", text, gz=True))
    pd.testing.assert_frame_equal(plain, packed)
    assert len(plain) == 4


def test_stream_source_and_crlf_and_bom(tmp_path):
    text = "\ufeff" + (HEADER + "C29,V16110,DE11\t160445 \t158012 \n").replace("\n", "\r\n")
    frame = read_eurostat_tsv(io.BytesIO(text.encode("utf-8")), name="upload.tsv")
    assert frame["value"].tolist() == [158012.0, 160445.0]


def test_blank_lines_are_ignored_but_lines_still_counted(tmp_path):
    text = HEADER + "\nC29,V16110,DE11\t1 \t2 \n\nC29,V16110,ES51\t1x \t2 \n"
    with pytest.raises(DataFileError) as info:
        read_eurostat_tsv(write_file(tmp_path / "x.tsv", text))
    assert info.value.line == 5


def test_header_only_gives_an_empty_frame(tmp_path):
    frame = read_eurostat_tsv(write_file(tmp_path / "x.tsv", HEADER))
    assert frame.empty
    assert list(frame.columns) == ["nace_r2", "indic_sb", "geo", "year", "value", "flag"]


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        ("", None, None, "empty"),
        ("\n\n  \n", None, None, "empty"),
        ("geo,nace\t2015\nDE,C\t1\n", 1, None, "expected the dimension names"),
        ("nace_r2,geo\\time\n", 1, None, "not a Eurostat TSV header"),
        ("nace_r2,geo\\time\t2015Q1 \n", 1, "2015Q1", "only annual data"),
        ("nace_r2,geo\\time\t2015 \t2015 \n", 1, "2015", "appears twice"),
        ("nace 2,geo\\time\t2015 \n", 1, "nace 2,geo\\time", "dimension name 'nace 2'"),
        (HEADER + "C29,V16110,DE11\t1 \t2 \t3 \n", 2, None, "has 4 tab-separated fields"),
        (HEADER + "C,V16110,DE\t1 \t2 \nC29,V16110,DE11\t1 \n", 3, None, "but the header has 3"),
        (HEADER + "C29,DE11\t1 \t2 \n", 2, "nace_r2,indic_sb,geo\\time", "has 2 comma"),
        (HEADER + "C29,,DE11\t1 \t2 \n", 2, "nace_r2,indic_sb,geo\\time", "empty code"),
        (HEADER + "C29,V16110,DE11\t1 \t12a3 \n", 2, "2014", "malformed cell '12a3 '"),
        (HEADER + "C29,V16110,DE11\t1,5 \t2 \n", 2, "2015", "decimal point"),
        (HEADER + "C,V16110,DE\t1 \t2 \nC29,V16110,DE11\t1 \tnan \n", 3, "2014", "'nan "),
        (HEADER + "C29,V16110,DE11\tinf \t2 \n", 2, "2015", "malformed"),
        (HEADER + "C29,V16110,DE11\t12c \t2 \n", 2, "2015", "malformed"),
        (HEADER + "C29,V16110,DE11\t12 c d\t2 \n", 2, "2015", "malformed"),
        (HEADER + "C29,V16110,DE11\t:: \t2 \n", 2, "2015", "malformed"),
        (HEADER + "C29,V16110,DE11\t\t2 \n", 2, "2015", "malformed cell ''"),
        (
            HEADER + "C29,V16110,DE11\t1 \t2 \nC,V16110,DE11\t1 \t2 \nC29,V16110,DE11\t3 \t4 \n",
            4,
            None,
            "appear on line 2 and again on line 4",
        ),
    ],
)
def test_errors_name_file_line_and_field(tmp_path, text, line, field, fragment):
    path = write_file(tmp_path / "bad.tsv", text)
    with pytest.raises(DataFileError) as info:
        read_eurostat_tsv(path)
    error = info.value
    assert error.file == str(path)
    assert error.line == line
    assert error.field == field
    assert fragment in error.message
    assert str(error).startswith(str(path))
    if line is not None:
        assert f"line {line}" in str(error)
    if field is not None:
        assert f"field '{field}'" in str(error)


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="file not found") as info:
        read_eurostat_tsv(tmp_path / "nope.tsv.gz")
    assert info.value.file.endswith("nope.tsv.gz")


def test_truncated_gzip(tmp_path):
    packed = gzip.compress((HEADER + "C29,V16110,DE11\t1 \t2 \n" * 50).encode())
    path = write_file(tmp_path / "cut.tsv.gz", packed[: len(packed) // 2])
    with pytest.raises(DataFileError) as info:
        read_eurostat_tsv(path)
    assert "the gzip file is truncated or corrupt" in str(info.value)
    assert "download it again" in str(info.value)
    assert info.value.file == str(path)


def test_corrupt_gzip(tmp_path):
    path = write_file(tmp_path / "bad.tsv.gz", b"\x1f\x8b\x08\x00garbage-garbage-garbage")
    with pytest.raises(DataFileError, match="truncated or corrupt; download it again"):
        read_eurostat_tsv(path)


def test_not_utf8(tmp_path):
    path = write_file(tmp_path / "x.tsv", (HEADER + "C29,V16110,DÉ11\t1 \t2 \n").encode("latin-1"))
    with pytest.raises(DataFileError, match="not UTF-8") as info:
        read_eurostat_tsv(path)
    assert info.value.line == 2


FLAGS = st.text(alphabet="bcdeipsuz", max_size=3)


@settings(max_examples=200, deadline=None)
@given(value=st.floats(allow_nan=False, allow_infinity=False), flag=FLAGS)
def test_any_float_with_any_flags_reads_back_exactly(value, flag):
    text = HEADER + f"C29,V16110,DE11\t{value!r} {flag}\t: \n"
    frame = read_eurostat_tsv(io.BytesIO(text.encode()), name="h.tsv")
    assert frame["value"].tolist() == [value]
    assert frame["flag"].tolist() == [flag]


@settings(max_examples=50, deadline=None)
@given(
    cells=st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(0, 10**9).map(float)),
            FLAGS,
        ),
        min_size=1,
        max_size=30,
    )
)
def test_table_round_trip(cells):
    years = [2015, 2014, 2013]
    rows = [cells[i : i + 3] for i in range(0, len(cells), 3)]
    lines = ["geo,indic\\time\t" + "\t".join(f"{y} " for y in years)]
    expected = []
    for r, row in enumerate(rows):
        row = row + [(None, "")] * (3 - len(row))
        texts = []
        for year, (value, flag) in zip(years, row, strict=True):
            texts.append(f"{':' if value is None else int(value)} {flag}")
            if value is not None or flag:
                expected.append((f"R{r}", year, value, flag))
        lines.append(f"R{r},X\t" + "\t".join(texts))
    frame = read_eurostat_tsv(io.BytesIO("\n".join(lines).encode()), name="t.tsv")
    got = [
        (g, y, None if np.isnan(v) else v, f)
        for g, y, v, f in frame[["geo", "year", "value", "flag"]].itertuples(index=False)
    ]
    assert sorted(got) == sorted(expected, key=lambda e: e)


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("sbs_r_nuts06_r2.tsv.gz", "sbs_r_nuts06_r2"),
        ("/data/eurostat/lfst_r_lfe2en2.tsv", "lfst_r_lfe2en2"),
        ("estat_sbs_r_nuts06_r2.tsv.gz", "sbs_r_nuts06_r2"),
        ("SBS_R_NUTS06_R2.TSV.GZ", "sbs_r_nuts06_r2"),
        ("sbs_r_nuts06_r2_persons_employed_2015.csv", "sbs_r_nuts06_r2"),
        ("nama_10r_3empers.tsv", "nama_10r_3empers"),
    ],
)
def test_dataset_code_from_file_name(path, code):
    assert eurostat_dataset_code(path) == code


def test_dataset_code_rejects_odd_names():
    with pytest.raises(DataFileError, match="cannot guess"):
        eurostat_dataset_code("my data (1).tsv")


def test_known_datasets_describe_their_indicators():
    sbs = EUROSTAT_DATASETS["sbs_r_nuts06_r2"]
    assert set(sbs.indicators) == {"V11210", "V13320", "V16110", "V91290", "V94310"}
    assert "Persons employed" in sbs.indicators["V16110"]
    assert "million EUR" in sbs.indicators["V13320"]
    lfs = EUROSTAT_DATASETS["lfst_r_lfe2en2"]
    assert "thousand" in lfs.indicators["THS"]
    assert "A*10" in lfs.nace_grouping
    assert EUROSTAT_FLAGS["c"] == "confidential"


# --- the real files -----------------------------------------------------------------------


@pytest.mark.slow
def test_real_sbs_file(data_file):
    path = data_file("eurostat/sbs_r_nuts06_r2.tsv.gz")
    frame = read_eurostat_tsv(path)  # its speed: benchmarks/import_and_pages.py
    assert list(frame.columns) == ["nace_r2", "indic_sb", "geo", "year", "value", "flag"]
    assert frame.groupby(["nace_r2", "indic_sb", "geo"]).ngroups == 195_227
    assert sorted(frame["year"].unique()) == list(range(2008, 2016))
    assert set(frame["indic_sb"].unique()) == set(EUROSTAT_DATASETS["sbs_r_nuts06_r2"].indicators)
    assert frame["nace_r2"].nunique() == 101
    assert frame["geo"].nunique() == 467
    cells = frame.set_index(["indic_sb", "nace_r2", "geo", "year"])
    assert cells.loc[("V16110", "C29", "DE11", 2015), "value"] == 160445
    assert cells.loc[("V16110", "C29", "ES51", 2014), "value"] == 37137
    assert cells.loc[("V16110", "C29", "DE11", 2009), "flag"] == "d"
    assert cells.loc[("V94310", "C29", "DE11", 2014), "value"] == 28.1
    assert cells.loc[("V16110", "C", "ES51", 2014), "value"] == 387203
    # confidential cells are kept as NaN with flag c, never as zero
    confidential = frame[frame["flag"].str.contains("c")]
    assert len(confidential) > 90_000
    assert confidential["value"].isna().all()
    assert not frame["value"].isna().any() or (frame.loc[frame["value"].isna(), "flag"] != "").all()


@pytest.mark.slow
def test_real_sbs_file_matches_the_derived_long_extract(data_file):
    frame = read_eurostat_tsv(data_file("eurostat/sbs_r_nuts06_r2.tsv.gz"))
    extract = pd.read_csv(
        data_file("eurostat/sbs_r_nuts06_r2_four_motors_long.csv"),
        dtype={"geo": str, "nace_r2": str, "indic_sb": str, "flag": str},
        keep_default_na=False,
        na_values={"value": [""]},
    )
    keys = ["geo", "nace_r2", "indic_sb", "year"]
    assert len(extract) == 60_600  # the full grid, plain ':' cells included as blank values
    plain_missing = extract["value"].isna() & (extract["flag"] == "")
    merged = extract.merge(frame, on=keys, how="left", suffixes=("_x", ""), indicator=True)
    assert (merged.loc[plain_missing.to_numpy(), "_merge"] == "left_only").all()
    found = merged[~plain_missing.to_numpy()]
    assert (found["_merge"] == "both").all()
    assert np.allclose(found["value_x"], found["value"], equal_nan=True)
    assert (found["flag_x"] == found["flag"]).all()
    regions = extract["geo"].unique()
    indicators = extract["indic_sb"].unique()
    in_scope = frame[frame["geo"].isin(regions) & frame["indic_sb"].isin(indicators)]
    assert len(in_scope) == len(found)


@pytest.mark.slow
def test_real_lfs_file(data_file):
    frame = read_eurostat_tsv(data_file("eurostat/lfst_r_lfe2en2.tsv"))
    assert list(frame.columns) == ["unit", "nace_r2", "age", "geo", "year", "value", "flag"]
    assert frame.groupby(["unit", "nace_r2", "age", "geo"]).ngroups <= 28_065
    cells = frame.set_index(["nace_r2", "age", "geo", "year"])
    assert cells.loc[("A", "Y15-24", "AT", 2015), "value"] == 14.3
    assert cells.loc[("A", "Y15-24", "AT1", 2008), ["value", "flag"]].tolist() == [4.0, "bu"]
    assert cells.loc[("A", "Y15-24", "AT11", 2008), "flag"] == "bu"
    assert np.isnan(cells.loc[("A", "Y15-24", "AT11", 2008), "value"])
    assert set(frame["nace_r2"].unique()) >= {"A", "B-E", "M_N", "TOTAL", "NRP"}
