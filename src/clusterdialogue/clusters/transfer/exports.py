"""Export a list of cluster organisations as CSV, XLSX or JSON, in the import layout.

The columns are those of ``CLUSTER_COLUMNS`` in
:mod:`clusterdialogue.clusters.transfer.importing.organisations`, so an exported file can be
imported again (rows match their profiles by ``slug``). Lists (sectors, categories,
technologies, keywords, ecosystems) are written as ``;``-separated text in CSV and XLSX, and as
JSON arrays in JSON. Sectors are NACE codes (``C29``), ecosystems their names.

One label per profile fits the layout: the export writes the label valid longest (the first in
the model's order); a profile's other labels are not in the file.

Contact persons are personal data and are never exported, whoever asks.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.transfer.importing.organisations import CLUSTER_COLUMNS
from clusterdialogue.common.spreadsheets import csv_writer, xlsx_bytes

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
LIST_COLUMNS = ("sectors", "categories", "technologies", "keywords", "ecosystems")


def cluster_export_row(organisation: ClusterOrganisation) -> dict[str, Any]:
    """One profile in the import layout (lists as lists, numbers and dates as they are)."""
    row: dict[str, Any] = {}
    for column in CLUSTER_COLUMNS:
        if column in ("region", *LIST_COLUMNS) or column.startswith("label_"):
            continue
        row[column] = getattr(organisation, column)
    row["region"] = organisation.region.code
    row["sectors"] = [i.code for i in organisation.sectors.all()]
    row["categories"] = [c.name for c in organisation.categories.all()]
    row["ecosystems"] = [e.name for e in organisation.ecosystems.all()]
    row["technologies"] = list(organisation.technologies or [])
    row["keywords"] = list(organisation.keywords or [])
    labels = list(organisation.labels.all())
    label = labels[0] if labels else None
    for part in ("name", "level", "grade", "issuer", "valid_from", "valid_until"):
        row[f"label_{part}"] = getattr(label, part) if label else None
    return {column: row[column] for column in CLUSTER_COLUMNS}


def _text(value: Any) -> str:
    """A cell as text, the way the import reads it back."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def clusters_export(
    *,
    queryset: QuerySet[ClusterOrganisation],
    format: str,
) -> tuple[bytes, str, str]:
    """The profiles of ``queryset`` as a file: ``(content, content type, file name)``.

    ``format`` is ``csv``, ``xlsx`` or ``json``; anything else raises ``ValueError``.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; use csv, xlsx or json")
    organisations = queryset.select_related("region").prefetch_related(
        "sectors", "categories", "ecosystems", "labels"
    )
    rows = [cluster_export_row(o) for o in organisations]
    filename = f"cluster-organisations-{dt.date.today().isoformat()}.{format}"
    if format == "json":
        data = [{k: _json_value(v) for k, v in row.items()} for row in rows]
        content = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    elif format == "csv":
        buffer = io.StringIO()
        writer = csv_writer(buffer, lineterminator="\n")
        writer.writerow(CLUSTER_COLUMNS)
        writer.writerows([_text(row[c]) for c in CLUSTER_COLUMNS] for row in rows)
        content = buffer.getvalue().encode("utf-8")
    else:
        content = _xlsx(rows)
    return content, FORMATS[format], filename


def _xlsx(rows: list[dict[str, Any]]) -> bytes:
    def cell(value: Any) -> Any:
        return (
            _text(value) if isinstance(value, list | dt.date | Decimal) or value is None else value
        )

    table = ([cell(row[column]) for column in CLUSTER_COLUMNS] for row in rows)
    return xlsx_bytes([("cluster organisations", CLUSTER_COLUMNS, table)])
