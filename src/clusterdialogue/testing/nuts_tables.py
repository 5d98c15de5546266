"""Small workbooks in the layout of Eurostat's NUTS correspondence tables, for the tests.

The layouts follow the published workbooks of the NUTS history page: ``NUTS2021.xlsx`` (sheet
``Changes detailed NUTS 2016-2021``, header on the first row: codes in columns A-B, the name in
the column of its level, the change comment in G, then the level) and
``NUTS2021-NUTS2024.xlsx`` (sheet ``NUTS2021- NUTS2024``: title rows, then a header with two
leading sort columns, codes in C-D, the names, the change comment in H). Codes ``QA…`` are
invented for the tests; the Croatian rows are the real NUTS 2021 split of HR04.
"""

from __future__ import annotations

from pathlib import Path

HEADER_2016_2021 = [
    "Code 2016",
    "Code 2021",
    "Country",
    "NUTS level 1",
    "NUTS level 2",
    "NUTS level 3",
    "Change",
    "NUTS level",
    "Country order",
    "Region order (2016)",
    "Region order (2021)",
]
HEADER_2021_2024 = [
    "Country order",
    "Region order",
    "Code 2021",
    "Code 2024",
    "NUTS level 1",
    "NUTS level 2",
    "NUTS level 3",
    "Change",
    "NUTS level",
]

#: (old code, new code, name, level, change comment) for the 2016-2021 sheet.
ROWS_2016_2021 = [
    ("HR", "HR", "Hrvatska", 0, ""),
    ("HR0", "HR0", "Hrvatska", 1, ""),
    ("HR03", "HR03", "Jadranska Hrvatska", 2, ""),
    ("HR04", "HR02", "Panonska Hrvatska", 2, "split"),
    ("HR04", "HR05", "Grad Zagreb", 2, "split"),
    ("HR04", "HR06", "Sjeverna Hrvatska", 2, "split"),
    ("QA11", "QA13", "Example recoded region", 2, "recoded"),
    ("QA111", "QA131", "Example recoded county", 3, "recoded and relabelled"),
    ("QA12", "QA14", "Example moved boundary", 2, "boundary shift"),
    ("QA121", "QA121", "Example relabelled", 3, "relabelled"),
    ("QA122", "created in 2021", "", 3, "discontinued"),
]
#: The same for the 2021-2024 sheet.
ROWS_2021_2024 = [
    ("QA13", "QA15", "Example recoded again", 2, "code change"),
    ("QA131", "QA151", "Example county recoded again", 3, "recoded"),
    ("QA14", "QA16", "Example merged", 2, "recoded"),
    ("QA17", "QA16", "Example merged", 2, "recoded"),
    ("QA06", "QA06", "Example", 2, ""),
]


def _name_columns(level: int, name: str, width: int) -> list[str | None]:
    cells: list[str | None] = [None] * width
    cells[min(level, width - 1)] = name
    return cells


def write_changes_2016_2021(path: Path, rows=ROWS_2016_2021) -> Path:
    """Write ``NUTS2021.xlsx`` with a detailed 2016-2021 sheet and a ``Changes NUTS-2`` sheet."""
    import openpyxl

    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "NUTS2021"
    summary.append(["Code 2021", "Country", "NUTS level 1", "NUTS level 2", "NUTS level 3"])
    detailed = book.create_sheet("Changes detailed NUTS 2016-2021")
    detailed.append(HEADER_2016_2021)
    for order, (old, new, name, level, change) in enumerate(rows, start=1):
        # Country, NUTS level 1, 2, 3: the name sits in the column of its level.
        detailed.append(
            [old, new, *_name_columns(level, name, 4), change or None, level, 1, order, order]
        )
    level2 = book.create_sheet("Changes NUTS-2")
    level2.append(["Code 2016", "Code 2021", "NUTS level 2", "Change"])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def write_changes_2021_2024(path: Path, rows=ROWS_2021_2024) -> Path:
    """Write ``NUTS2021-NUTS2024.xlsx`` with its title rows before the header."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "NUTS2021- NUTS2024"
    sheet.append(["Correspondence NUTS 2021 - NUTS 2024"])
    sheet.append([])
    sheet.append(HEADER_2021_2024)
    for order, (old, new, name, level, change) in enumerate(rows, start=1):
        sheet.append(
            [1, order, old, new, *_name_columns(max(level - 1, 0), name, 3), change or None, level]
        )
    book.create_sheet("Changes NUTS-2")
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
