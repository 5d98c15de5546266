"""Tests of the documented long CSV format reader."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.core.io.long_csv import LONG_CSV_COLUMNS, read_long_csv
from clusterdialogue.testing.files import write_file

HEADER = "region,industry,year,indicator,value,flag\n"


def test_reads_rows_in_file_order(tmp_path):
    text = HEADER + (
        "ES51,C29,2014,persons_employed,37137,\n"
        "FR71,C29,2015,persons_employed,,c\n"
        "FR71,C30,2015,persons_employed,,\n"
        "ITC4,C29,2014,persons_employed,19811.5,p\n"
        "ITC4,C29,2014,local_units,0,\n"
    )
    frame = read_long_csv(write_file(tmp_path / "stats.csv", text))
    assert list(frame.columns) == list(LONG_CSV_COLUMNS)
    assert frame["region"].tolist() == ["ES51", "FR71", "ITC4", "ITC4"]
    assert frame["year"].dtype == np.int64
    assert frame["value"].dtype == np.float64
    assert frame["line"].tolist() == [2, 3, 5, 6]
    assert math.isnan(frame["value"].iloc[1])  # missing is never zero
    assert frame["flag"].tolist() == ["", "c", "p", ""]
    assert frame["value"].iloc[3] == 0.0


def test_flag_column_is_optional_and_columns_may_be_in_any_order(tmp_path):
    text = " Value ,YEAR,indicator,region,industry\n12,2015,emp,R1,I1\n,2015,emp,R2,I1\n"
    frame = read_long_csv(write_file(tmp_path / "stats.csv", text))
    assert frame[["region", "industry", "year", "indicator", "value", "flag"]].values.tolist() == [
        ["R1", "I1", 2015, "emp", 12.0, ""]
    ]


def test_gzip_bom_crlf_blank_lines_and_spaces(tmp_path):
    text = "\ufeff" + HEADER + "\n R1 , I1 , 2015 , emp , 3 , \n\n"
    frame = read_long_csv(write_file(tmp_path / "s.csv.gz", text.replace("\n", "\r\n"), gz=True))
    assert frame[["region", "industry", "indicator", "value", "line"]].values.tolist() == [
        ["R1", "I1", "emp", 3.0, 3]
    ]


def test_quoted_cells_with_commas(tmp_path):
    text = HEADER + 'R1,"Food, drink",2015,emp,3,\n'
    assert read_long_csv(write_file(tmp_path / "stats.csv", text))["industry"].tolist() == [
        "Food, drink"
    ]


def test_header_only_gives_an_empty_frame(tmp_path):
    frame = read_long_csv(write_file(tmp_path / "stats.csv", HEADER))
    assert frame.empty
    assert list(frame.columns) == list(LONG_CSV_COLUMNS)


def test_stream_source():
    frame = read_long_csv(io.BytesIO((HEADER + "R,I,2015,x,1,\n").encode()), name="upload.csv")
    assert len(frame) == 1


def body(line: str) -> str:
    return HEADER + "R1,I1,2015,emp,1,\n" + line + "\n"


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        ("", None, None, "empty"),
        (
            "region,industry,year,indicator,value,unit\n",
            1,
            "unit",
            "unknown column 'unit'; the allowed columns are region, industry, year, indicator, "
            "value (required) and flag (optional)",
        ),
        (
            "region;industry;year;indicator;value\n",
            1,
            "region;industry;year;indicator;value",
            "separator must be a comma",
        ),
        ("region,industry,year,value\n", 1, "indicator", "missing required column(s) indicator"),
        ("region,industry,year,indicator,value,value\n", 1, "value", "appears twice"),
        (body(",I1,2015,emp,1,"), 3, "region", "region is empty"),
        (body("R1, ,2015,emp,1,"), 3, "industry", "industry is empty"),
        (body("R1,I1,2015,,1,"), 3, "indicator", "indicator is empty"),
        (body("R1,I1,abc,emp,1,"), 3, "year", "year 'abc' is not a whole number"),
        (body("R1,I1,2015.0,emp,1,"), 3, "year", "year '2015.0' is not a whole number"),
        (body("R1,I1,,emp,1,"), 3, "year", "year '' is not a whole number"),
        (body("R1,I1,1899,emp,1,"), 3, "year", "year 1899 is outside 1900-2100"),
        (body("R1,I1,2101,emp,1,"), 3, "year", "outside 1900-2100"),
        (body("R1,I1,2015,emp,-1,"), 3, "value", "value -1 is negative"),
        (body("R1,I1,2015,emp,1,5,"), 3, None, "this row has 7 fields but the header has 6"),
        (body('R1,I1,2015,emp,"1,5",'), 3, "value", "use a decimal point, not a comma"),
        (body("R1,I1,2015,emp,1 000,"), 3, "value", "remove the spaces"),
        (body("R1,I1,2015,emp,12a3,"), 3, "value", "value '12a3' is not a number"),
        (body("R1,I1,2015,emp,nan,"), 3, "value", "value 'nan' is not a number"),
        (body("R1,I1,2015,emp,inf,"), 3, "value", "value 'inf' is not a number"),
        (body("R1,I1,2015,emp"), 3, None, "this row has 4 fields"),
        (
            body("R2,I1,2015,emp,1,") + "R1,I1,2015,emp,,c\n",
            4,
            None,
            "appears on line 2 and again on line 4",
        ),
    ],
)
def test_errors_name_file_line_and_field(tmp_path, text, line, field, fragment):
    path = write_file(tmp_path / "bad.csv", text)
    with pytest.raises(DataFileError) as info:
        read_long_csv(path)
    error = info.value
    assert error.file == str(path)
    assert error.line == line
    assert error.field == field
    assert fragment in error.message
    if line is not None:
        assert f"line {line}" in str(error)


def test_duplicate_message_names_the_key(tmp_path):
    text = HEADER + "R1,I1,2015,emp,1,\nR1,I1,2015,emp,2,\n"
    with pytest.raises(DataFileError, match="region=R1, industry=I1, year=2015, indicator=emp"):
        read_long_csv(write_file(tmp_path / "stats.csv", text))


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="file not found"):
        read_long_csv(tmp_path / "none.csv")


values = st.floats(min_value=0, allow_nan=False, allow_infinity=False)


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.tuples(st.one_of(st.none(), values), st.sampled_from(["", "c", "p"]))))
def test_values_read_back_exactly(rows):
    lines = [HEADER.strip()]
    expected = []
    for i, (value, flag) in enumerate(rows):
        lines.append(f"R{i},I,2015,emp,{'' if value is None else repr(value)},{flag}")
        if value is not None or flag:
            expected.append((f"R{i}", math.nan if value is None else value, flag))
    frame = read_long_csv(io.BytesIO("\n".join(lines).encode()), name="h.csv")
    assert len(frame) == len(expected)
    for (region, value, flag), got in zip(expected, frame.itertuples(index=False), strict=True):
        assert got.region == region
        assert got.flag == flag
        assert (math.isnan(value) and math.isnan(got.value)) or got.value == value


@pytest.mark.slow
def test_real_derived_extract_is_not_in_the_long_format(data_file):
    """The derived Eurostat extract uses Eurostat's column names; the error says what to use."""
    path = data_file("eurostat/sbs_r_nuts06_r2_four_motors_long.csv")
    with pytest.raises(DataFileError) as info:
        read_long_csv(path)
    assert info.value.line == 1
    assert info.value.field == "geo"
    assert "allowed columns are region, industry, year, indicator, value" in str(info.value)


@pytest.mark.slow
def test_real_extract_renamed_reads(data_file, tmp_path):
    extract = pd.read_csv(
        data_file("eurostat/sbs_r_nuts06_r2_four_motors_long.csv"),
        dtype=str,
        keep_default_na=False,
    )
    renamed = extract.rename(
        columns={"geo": "region", "nace_r2": "industry", "indic_sb": "indicator"}
    )
    path = tmp_path / "long.csv"
    renamed.to_csv(path, index=False)
    frame = read_long_csv(path)
    kept = (extract["value"] != "") | (extract["flag"] != "")
    assert len(frame) == int(kept.sum())
    cells = frame.set_index(["region", "industry", "indicator", "year"])
    assert cells.loc[("ES51", "C29", "V16110", 2014), "value"] == 37137
    assert cells.loc[("DE11", "C29", "V16110", 2015), "value"] == 160445
