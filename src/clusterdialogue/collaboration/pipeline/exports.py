"""Downloads of the pipeline statistics and the network metrics, as CSV or XLSX.

Counts and structure only, like the pages: no collaboration's title or text.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse

from clusterdialogue.collaboration.pipeline import exports
from clusterdialogue.collaboration.pipeline.selectors import (
    PipelineStatistics,
    StatisticsRow,
)
from clusterdialogue.common.spreadsheets import xlsx_bytes
from clusterdialogue.portal.exports import csv_response

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATISTICS_HEADER = [
    "territory", "year", "collaborations", "relations_established", "applications_submitted",
    "funded", "rejected", "success_rate", "funding_requested_eur", "funding_won_eur",
]  # fmt: skip
Table = tuple[str, list[str], list[list]]


def _number(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def _statistics_row(row: StatisticsRow, year: str | int) -> list:
    rate = row.success_rate
    return [
        row.name,
        year,
        row.collaborations if row.year is None else None,
        row.relations,
        row.applications,
        row.funded,
        row.rejected,
        None if rate is None else round(rate, 4),
        _number(row.funding_requested),
        _number(row.funding_won),
    ]


def statistics_tables(stats: PipelineStatistics) -> list[Table]:
    """The totals (``year`` = all) and the rows per year, as ``(sheet, header, rows)``."""
    return [
        ("totals", STATISTICS_HEADER, [_statistics_row(r, "all") for r in stats.totals]),
        ("by year", STATISTICS_HEADER, [_statistics_row(r, r.year) for r in stats.by_year]),
    ]


def tables_csv(filename: str, tables: Sequence[Table]) -> HttpResponse:
    """The tables one after the other in one CSV; the first column names the table, and the
    columns are those of all tables (empty where a table has no such column)."""
    columns: list[str] = []
    for _sheet, names, _rows in tables:
        columns += [c for c in names if c not in columns]
    rows = (
        [sheet, *(dict(zip(names, row, strict=True)).get(c) for c in columns)]
        for sheet, names, table_rows in tables
        for row in table_rows
    )
    return csv_response(filename, ["table", *columns], rows)


def tables_xlsx(filename: str, tables: Sequence[Table]) -> HttpResponse:
    """One worksheet per table."""
    response = HttpResponse(xlsx_bytes(tables), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


EXPORT_FORMATS = ("csv", "xlsx")


def export_download(request: HttpRequest, stem: str, tables: list) -> HttpResponse | None:
    kind = request.GET.get("format")
    if kind not in EXPORT_FORMATS:
        return None
    writer = exports.tables_csv if kind == "csv" else exports.tables_xlsx
    return writer(f"{stem}.{kind}", tables)


def query_without_format(request: HttpRequest) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k != "format"])
