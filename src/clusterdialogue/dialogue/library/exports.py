"""CSV and XLSX downloads of the library's list."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse

from clusterdialogue.common.spreadsheets import xlsx_bytes
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
    content = xlsx_bytes([("Policy instruments", EXPORT_HEADER, rows)])
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="policy-instruments.xlsx"'
    return response
