"""Read an uploaded table (CSV or XLSX) into header and rows, keeping each row's line number.

Both formats end up as text cells, so the same checks apply to either: a spreadsheet's number
``2005`` becomes ``"2005"`` and a date cell becomes ``"2023-03-30"``.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.core.exceptions import ValidationError

from clusterdialogue.common.spreadsheets import spreadsheet_text_restore
from clusterdialogue.common.uploads import zip_bomb_check
from clusterdialogue.core.io._common import decode_text, read_bytes, read_csv_records
from clusterdialogue.core.io.errors import DataFileError

XLSX_MAGIC = b"PK\x03\x04"
#: Uploads larger than this are refused before they are parsed.
MAX_FILE_BYTES = 10 * 1024 * 1024

Source = str | Path | BinaryIO | bytes


@dataclass
class Table:
    """A table read from a file: normalised column names and ``(line, {column: text})`` rows."""

    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def column_key(heading: str) -> str:
    """The column name as the layouts spell it: ``"Founding year "`` → ``"founding_year"``."""
    return "_".join(heading.strip().lower().replace("-", " ").split())


def table_read(*, source: Source, name: str | None = None) -> Table:
    """Read a CSV (UTF-8, comma-separated) or XLSX file (its first sheet).

    The format is taken from the file name's extension, else from the content. Raises
    :class:`DataFileError` for an unreadable or empty file, an old ``.xls`` file or a header
    that names a column twice.
    """
    fname = name or (str(source) if isinstance(source, str | Path) else "uploaded file")
    data = source if isinstance(source, bytes) else read_bytes(source, fname)
    if len(data) > MAX_FILE_BYTES:
        raise DataFileError(fname, f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB")
    suffix = Path(fname).suffix.lower()
    if suffix == ".xls":
        raise DataFileError(fname, "old Excel files (.xls) cannot be read; save it as .xlsx or CSV")
    if suffix == ".xlsx" or (suffix != ".csv" and data[:4] == XLSX_MAGIC):
        header, records, lines = _read_xlsx(data, fname)
    else:
        header, records, lines = read_csv_records(decode_text(data, fname), fname)
    keys = [column_key(h) for h in header]
    for i, key in enumerate(keys):
        if key and key in keys[:i]:
            raise DataFileError(
                fname, f"column {key!r} appears twice in the header; remove one", line=1, field=key
            )
    table = Table(name=fname, header=[k for k in keys if k])
    for line, record in zip(lines, records, strict=True):
        # A file this platform exported has formula-like text quoted; it is read back as it was.
        cells = {
            k: spreadsheet_text_restore((v or "").strip())
            for k, v in zip(keys, record, strict=False)
            if k
        }
        if any(cells.values()):
            table.rows.append((line, cells))
    return table


def _read_xlsx(data: bytes, fname: str) -> tuple[list[str], list[list[str]], list[int]]:
    from openpyxl import load_workbook

    try:
        zip_bomb_check(io.BytesIO(data), size=len(data), name=fname)
    except ValidationError as error:
        raise DataFileError(fname, " ".join(error.messages)) from error

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise DataFileError(
            fname, f"the XLSX file cannot be opened ({exc}); save it again"
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        header: list[str] | None = None
        records: list[list[str]] = []
        lines: list[int] = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in row]
            if header is None:
                if any(cells):
                    header = cells
                continue
            if any(cells):
                records.append((cells + [""] * len(header))[: len(header)])
                lines.append(number)
    finally:
        workbook.close()
    if header is None:
        raise DataFileError(fname, "the first sheet is empty; it needs a header row and data rows")
    return header, records, lines


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
