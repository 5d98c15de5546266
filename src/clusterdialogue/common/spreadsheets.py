"""Cells that a spreadsheet program opens as text, never as a formula (CSV and XLSX downloads).

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets, so a cluster named ``=HYPERLINK(...)`` would
run in the reader's spreadsheet. Every download of every app writes its cells through
:func:`spreadsheet_text` (``csv_writer`` and ``xlsx_bytes`` do it for you): such text gets a
leading apostrophe, the spreadsheet convention for "this is text". Numbers, and text that is
just a number (``-0.25``), are left as they are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?\Z")


def spreadsheet_text(value: Any) -> Any:
    """The cell's value, with text that a spreadsheet would run as a formula made inert.

    Examples
    --------
    >>> spreadsheet_text('=HYPERLINK("http://127.0.0.1/x","y")')
    '\\'=HYPERLINK("http://127.0.0.1/x","y")'
    >>> spreadsheet_text("-0.25"), spreadsheet_text(-3), spreadsheet_text("Lombardy")
    ('-0.25', -3, 'Lombardy')
    >>> spreadsheet_text("@SUM(A1)"), spreadsheet_text("\\tx")
    ("'@SUM(A1)", "'\\tx")
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def spreadsheet_text_restore(text: str) -> str:
    """Undo :func:`spreadsheet_text` on a cell read back, so an exported file imports unchanged.

    Examples
    --------
    >>> spreadsheet_text_restore("'=SUM(A1)"), spreadsheet_text_restore("'quoted")
    ('=SUM(A1)', "'quoted")
    """
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) and not _NUMBER.match(text[1:]):
        return text[1:]
    return text


def spreadsheet_row(row: Iterable[Any]) -> list[Any]:
    """A row with every cell made safe (``None`` becomes an empty cell)."""
    return ["" if value is None else spreadsheet_text(value) for value in row]


class SafeCsvWriter:
    """``csv.writer`` whose rows go through :func:`spreadsheet_row`."""

    def __init__(self, out: IO[str], **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(spreadsheet_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: IO[str], **options: Any) -> SafeCsvWriter:
    """A CSV writer for downloads; ``options`` as for :func:`csv.writer`."""
    return SafeCsvWriter(out, **options)


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """An XLSX workbook of ``(title, header, rows)`` sheets; text is always stored as text.

    openpyxl stores a string starting with ``=`` as a formula unless its cell is typed as text;
    the cells here are typed so, and neutralised as in CSV for the other spreadsheet programs.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(list(header))
        for row in rows:
            cells = []
            for value in spreadsheet_row(row):
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"
                cells.append(cell)
            sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
