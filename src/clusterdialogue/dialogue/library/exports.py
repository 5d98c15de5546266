"""CSV and XLSX downloads of the library's list."""

from __future__ import annotations

import io

from django.db.models import QuerySet
from django.http import HttpResponse

from clusterdialogue.dialogue.library.selectors import EXPORT_HEADER, policy_instrument_rows
from clusterdialogue.portal.exports import csv_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def policy_instruments_download(*, instruments: QuerySet, format: str) -> HttpResponse:
    """The list as ``csv`` or ``xlsx``; anything else raises ``ValueError``."""
    rows = policy_instrument_rows(instruments=instruments)
    if format == "csv":
        return csv_response("policy-instruments.csv", EXPORT_HEADER, rows)
    if format != "xlsx":
        raise ValueError(f"unknown export format {format!r}; use csv or xlsx")
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Policy instruments")
    sheet.append(EXPORT_HEADER)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text starting with '=' stays text, not a formula
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="policy-instruments.xlsx"'
    return response
