"""Tests of the reader of Eurostat's NUTS correspondence tables (small workbooks, real layout)."""

from __future__ import annotations

import openpyxl
import pytest

from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.core.io.nuts_changes import read_nuts_changes
from clusterdialogue.testing.nuts_tables import write_changes_2016_2021, write_changes_2021_2024


def relations(changes):
    return [(c.old_code, c.new_code, c.relation) for c in changes]


def test_2016_2021_detailed_sheet(tmp_path):
    path = write_changes_2016_2021(tmp_path / "NUTS2021.xlsx")

    changes = read_nuts_changes(path, old_version="2016", new_version="2021")

    # Unchanged, relabelled and one-version rows are left out.
    assert relations(changes) == [
        ("HR04", "HR02", "split"),
        ("HR04", "HR05", "split"),
        ("HR04", "HR06", "split"),
        ("QA11", "QA13", "recoded"),
        ("QA111", "QA131", "recoded"),
        ("QA12", "QA14", "boundary"),
    ]
    first = changes[0]
    assert (first.old_version, first.new_version) == ("2016", "2021")
    assert (first.name, first.change, first.line) == ("Panonska Hrvatska", "split", 5)
    assert changes[4].change == "recoded and relabelled"


def test_2021_2024_sheet_after_title_rows_and_one_to_one_rule(tmp_path):
    path = write_changes_2021_2024(tmp_path / "NUTS2021-NUTS2024.xlsx")

    changes = read_nuts_changes(path, old_version="2021", new_version="2024")

    # Two codes "recoded" into one are a merger: neither keeps its territory alone.
    assert relations(changes) == [
        ("QA13", "QA15", "recoded"),
        ("QA131", "QA151", "recoded"),
        ("QA14", "QA16", "merged"),
        ("QA17", "QA16", "merged"),
    ]
    assert changes[0].line == 4
    assert changes[0].name == "Example recoded again"


def test_one_code_to_several_called_recoded_is_a_split(tmp_path):
    rows = [("QA11", "QA13", "", 2, "recoded"), ("QA11", "QA14", "", 2, "recoded")]
    path = write_changes_2016_2021(tmp_path / "t.xlsx", rows=rows)

    changes = read_nuts_changes(path, old_version="2016", new_version="2021")

    assert {c.relation for c in changes} == {"split"}


def test_explicit_sheet_and_missing_sheet(tmp_path):
    path = write_changes_2016_2021(tmp_path / "NUTS2021.xlsx")

    with pytest.raises(DataFileError, match="no sheet of the NUTS 2021-2024 changes") as error:
        read_nuts_changes(path, old_version="2021", new_version="2024")
    assert "'Changes detailed NUTS 2016-2021'" in str(error.value)
    with pytest.raises(DataFileError, match="no sheet 'Other'"):
        read_nuts_changes(path, old_version="2016", new_version="2021", sheet="Other")
    # The NUTS-2 summary sheet has the codes but no change column of its own rows here.
    assert (
        read_nuts_changes(path, old_version="2016", new_version="2021", sheet="Changes NUTS-2")
        == []
    )


def test_bad_code_names_row_and_column(tmp_path):
    rows = [("HR04", "hr05", "Grad Zagreb", 2, "split")]
    path = write_changes_2016_2021(tmp_path / "NUTS2021.xlsx", rows=rows)

    with pytest.raises(DataFileError) as error:
        read_nuts_changes(path, old_version="2016", new_version="2021")

    assert (error.value.line, error.value.field) == (2, "Code 2021")
    assert "'hr05' is not a NUTS code" in str(error.value)


def test_header_missing_and_not_a_workbook(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Changes detailed NUTS 2016-2021"
    book.active.append(["Code 2016", "Name"])
    path = tmp_path / "NUTS2021.xlsx"
    book.save(path)
    with pytest.raises(DataFileError, match="no header row with 'Code 2016' and 'Code 2021'"):
        read_nuts_changes(path, old_version="2016", new_version="2021")

    book.active.append(["Code 2016", "Code 2021", "Name"])
    book.save(path)
    with pytest.raises(DataFileError, match="header starting with 'Change'") as error:
        read_nuts_changes(path, old_version="2016", new_version="2021")
    assert error.value.line == 2

    text = tmp_path / "NUTS2021.csv"
    text.write_text("Code 2016,Code 2021\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not an Excel"):
        read_nuts_changes(text, old_version="2016", new_version="2021")
