"""Tests of the NACE Rev. 2 readers and of the NACE <-> SBS code conversion."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.core.io.nace import (
    DIVISION_SECTIONS,
    NACE_NOTES_COLUMNS,
    from_sbs_code,
    nace_level,
    read_nace_notes,
    read_nace_titles,
    to_sbs_code,
)
from clusterdialogue.testing.files import write_file

TITLES_HEADER = "code,level,parent_code,section,isic_rev4_ref,title_en,title_fr\n"
TITLES = TITLES_HEADER + (
    'A,1,,A,A,"AGRICULTURE, FORESTRY AND FISHING","AGRICULTURE, SYLVICULTURE ET PÊCHE"\n'
    "01,2,A,A,01,Crop and animal production,Culture et production animale\n"
    "01.1,3,01,A,011,Growing of non-perennial crops,Cultures non permanentes\n"
    "01.11,4,01.1,A,0111,Growing of cereals,Culture de céréales\n"
    "C,1,,C,C,MANUFACTURING,INDUSTRIE MANUFACTURIÈRE\n"
    "29,2,C,C,29,Manufacture of motor vehicles,Industrie automobile\n"
    "29.10,4,29.1,C,2910,Manufacture of motor vehicles,Construction de véhicules automobiles\n"
)


def test_titles_keep_codes_as_strings(tmp_path):
    titles = read_nace_titles(write_file(tmp_path / "titles.csv", TITLES))
    assert titles["code"].tolist() == ["A", "01", "01.1", "01.11", "C", "29", "29.10"]
    assert titles["level"].tolist() == [1, 2, 3, 4, 1, 2, 4]
    assert titles["level"].dtype == "int64"
    assert titles["parent_code"].tolist() == ["", "A", "01", "01.1", "", "C", "29.1"]
    assert titles["isic_rev4_ref"].tolist()[1] == "01"
    assert list(titles.columns) == TITLES_HEADER.strip().split(",")
    assert titles.loc[0, "title_fr"] == "AGRICULTURE, SYLVICULTURE ET PÊCHE"


def test_titles_gzip_crlf(tmp_path):
    path = write_file(tmp_path / "titles.csv.gz", TITLES.replace("\n", "\r\n"), gz=True)
    assert len(read_nace_titles(path)) == 7


def row(line: str) -> str:
    return TITLES_HEADER + "A,1,,A,A,AGRICULTURE,AGRICULTURE\n" + line + "\n"


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        ("", None, None, "empty"),
        ("code,level,section,title_en\nA,1,A,X\n", 1, None, "missing column(s) parent_code"),
        (row("1,2,A,A,01,Crop,Culture"), 3, "code", "lost its leading zero"),
        (row("1.1,3,01,A,011,Crops,Cultures"), 3, "code", "lost its leading zero"),
        (row("01.1,2,A,A,011,Crops,Cultures"), 3, "code", "not a level-2 NACE Rev. 2 code"),
        (row("04,2,A,A,04,Nothing,Rien"), 3, "code", "not a level-2"),
        (row("01,5,A,A,01,Crop,Culture"), 3, "level", "level '5' is not"),
        (row("01,two,A,A,01,Crop,Culture"), 3, "level", "level 'two'"),
        (row("01,2,A,B,01,Crop,Culture"), 3, "section", "belongs to section 'A', not 'B'"),
        (row("01.1,3,A,A,011,Crops,Cultures"), 3, "parent_code", "parent of '01.1' is '01'"),
        (row("B,1,A,B,B,MINING,MINES"), 3, "parent_code", "sections have none"),
        (row("A,1,,A,A,AGRICULTURE,AGRICULTURE"), 3, "code", "already appeared on line 2"),
        (row("01,2,A,A,01,Crop"), 3, None, "this row has 6 fields but the header has 7"),
        (TITLES_HEADER.replace("title_fr", "title_en"), 1, "title_en", "appears twice"),
    ],
)
def test_titles_errors(tmp_path, text, line, field, fragment):
    path = write_file(tmp_path / "titles.csv", text)
    with pytest.raises(DataFileError) as info:
        read_nace_titles(path)
    assert info.value.file == str(path)
    assert info.value.line == line
    assert info.value.field == field
    assert fragment in info.value.message


NOTES_HEADER = ",".join(NACE_NOTES_COLUMNS) + "\r\n"
NOTES = NOTES_HEADER + (
    '1,A,"AGRICULTURE, FORESTRY AND FISHING",,A,"This section includes\r\n \r\nmore.",,\r\n'
    '2,01,Crop and animal production ,,01,"Line one.\r\n\r\nLine two.","Also.","Excl."\r\n'
)


def test_notes_keep_line_breaks(tmp_path):
    notes = read_nace_notes(write_file(tmp_path / "notes.csv", NOTES))
    assert list(notes.columns) == list(NACE_NOTES_COLUMNS)
    assert notes["code"].tolist() == ["A", "01"]
    assert notes["level"].tolist() == [1, 2]
    assert notes.loc[0, "includes"] == "This section includes\n \nmore."
    assert notes.loc[1, "includes"] == "Line one.\n\nLine two."
    assert notes.loc[1, "title"] == "Crop and animal production"  # trailing space removed
    assert notes.loc[0, "also_includes"] == ""


def test_notes_errors_name_the_physical_line(tmp_path):
    text = NOTES + '2,1,Bad,,01,"a\nb\nc",,\n'
    with pytest.raises(DataFileError) as info:
        read_nace_notes(write_file(tmp_path / "notes.csv", text))
    assert info.value.line == 8  # header 1, records on lines 2-4 and 5-7, the bad one at 8
    assert info.value.field == "code"


def test_notes_reject_unknown_columns(tmp_path):
    text = NOTES_HEADER.strip() + ",extra\r\n"
    with pytest.raises(DataFileError, match="unknown column 'extra'"):
        read_nace_notes(write_file(tmp_path / "notes.csv", text))


def test_notes_unterminated_quote(tmp_path):
    text = NOTES_HEADER + '1,A,"never closed,,A,,,\n'
    with pytest.raises(DataFileError) as info:
        read_nace_notes(write_file(tmp_path / "notes.csv", text))
    assert "this row has" in info.value.message or "check the quotes" in info.value.message


@pytest.mark.parametrize(
    ("code", "section", "sbs"),
    [
        ("29", "C", "C29"),
        ("C", "C", "C"),
        ("45.1", "G", "G451"),
        ("01", "A", "A01"),
        ("29.10", "C", "C2910"),
        ("95", None, "S95"),
        ("05", "b", "B05"),
    ],
)
def test_to_and_from_sbs_code(code, section, sbs):
    assert to_sbs_code(code, section) == sbs
    assert from_sbs_code(sbs) == code


@pytest.mark.parametrize(
    ("code", "section", "fragment"),
    [
        ("29", "G", "belongs to section 'C', not 'G'"),
        ("1", "A", "leading zero"),
        ("29.1.0", "C", "not a NACE Rev. 2 code"),
        ("C", "D", "section 'C', not 'D'"),
        ("34", None, "not a NACE Rev. 2 code"),
        ("V", None, "not a NACE Rev. 2 code"),
    ],
)
def test_to_sbs_code_errors(code, section, fragment):
    with pytest.raises(ValueError, match=fragment):
        to_sbs_code(code, section)


@pytest.mark.parametrize(
    ("sbs", "fragment"),
    [
        ("B-E", "aggregates"),
        ("M_N", "aggregates"),
        ("TOTAL", "aggregates"),
        ("G29", "division 29 belongs to section 'C', not 'G'"),
        ("C34", "'34' is not a NACE Rev. 2 division"),
        ("C2", "not a single NACE"),
        ("29", "not a single NACE"),
    ],
)
def test_from_sbs_code_errors(sbs, fragment):
    with pytest.raises(ValueError, match=fragment):
        from_sbs_code(sbs)


def test_division_sections():
    assert len(DIVISION_SECTIONS) == 88
    assert DIVISION_SECTIONS["29"] == "C"
    assert DIVISION_SECTIONS["01"] == "A"
    assert DIVISION_SECTIONS["99"] == "U"
    assert "04" not in DIVISION_SECTIONS


@given(
    division=st.sampled_from(sorted(DIVISION_SECTIONS)),
    extra=st.sampled_from(["", ".1", ".9", ".10", ".99"]),
)
def test_sbs_round_trip(division, extra):
    code = division + extra
    sbs = to_sbs_code(code)
    assert sbs[0] == DIVISION_SECTIONS[division]
    assert from_sbs_code(sbs) == code
    assert nace_level(code) == 2 + (len(extra) > 0) + (len(extra) == 3)


# --- the real files --------------------------------------------------------------------------


@pytest.mark.slow
def test_real_titles(data_file):
    titles = read_nace_titles(data_file("nace/nace_rev2_titles_multilingual.csv"))
    assert len(titles) == 996
    assert titles["level"].value_counts().to_dict() == {1: 21, 2: 88, 3: 272, 4: 615}
    by_code = titles.set_index("code")
    assert by_code.loc["29", "title_en"] == (
        "Manufacture of motor vehicles, trailers and semi-trailers"
    )
    assert by_code.loc["01", "section"] == "A"
    assert set(titles.loc[titles["level"] == 2, "code"]) == set(DIVISION_SECTIONS)
    assert {"title_fr", "title_de", "title_it", "title_es", "title_nl"} <= set(titles.columns)


@pytest.mark.slow
def test_real_notes(data_file):
    notes = read_nace_notes(data_file("nace/nace_rev2_en_explanatory_notes.csv"))
    assert len(notes) == 996
    assert notes["includes"].str.contains("\n").any()
    assert not notes["includes"].str.contains("\r").any()
    titles = read_nace_titles(data_file("nace/nace_rev2_titles_multilingual.csv"))
    merged = notes.merge(titles, on="code")
    assert len(merged) == 996
    assert (merged["title"] == merged["title_en"]).all()


@pytest.mark.slow
def test_every_sbs_activity_is_a_nace_code(data_file):
    sbs = pd.read_csv(
        data_file("eurostat/sbs_r_nuts06_r2.tsv.gz"), sep="\t", usecols=[0], dtype=str
    ).iloc[:, 0]
    activities = sorted({key.split(",")[0] for key in sbs})
    titles = read_nace_titles(data_file("nace/nace_rev2_titles_multilingual.csv"))
    codes = set(titles["code"])
    assert len(activities) == 101
    for activity in activities:
        assert from_sbs_code(activity) in codes
        assert to_sbs_code(from_sbs_code(activity)) == activity
