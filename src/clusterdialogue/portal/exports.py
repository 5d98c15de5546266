"""Table downloads: every table on the portal can be fetched as CSV with ``?format=csv``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpRequest, HttpResponse

from clusterdialogue.common.spreadsheets import csv_writer


def wants_csv(request: HttpRequest) -> bool:
    return request.GET.get("format") == "csv"


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV download (UTF-8 with BOM so spreadsheet programs read accents correctly), its
    cells never read as formulas (``common.spreadsheets``)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv_writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
