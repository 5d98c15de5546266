"""Check one row of the cluster organisation layout and turn its cells into stored values.

Problems are recorded on the row's :class:`RowReport` (naming the field), never raised, so that
one import run reports every bad row at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify

from clusterdialogue.clusters.models import (
    ClusterCategory,
    ClusterOrganisation,
    IndustrialEcosystem,
    Label,
)
from clusterdialogue.clusters.transfer.importing import values as v
from clusterdialogue.clusters.transfer.importing.report import RowReport
from clusterdialogue.regions.models import Region
from clusterdialogue.regions.selectors import region_successor_map
from clusterdialogue.statistics.models import Industry

TEXT_FIELDS = (
    "name", "acronym", "legal_form", "organisation_type", "address", "postcode", "city",
    "description", "international_activities", "offers", "looking_for", "source", "note",
)  # fmt: skip
LIST_FIELDS = ("technologies", "keywords")
LABEL_COLUMNS = (
    "label_name", "label_level", "label_grade", "label_issuer", "label_valid_from",
    "label_valid_until",
)  # fmt: skip


@dataclass
class CleanRow:
    """A checked row: model values for the cells that were filled, and its relations.

    A relation is ``None`` when its cell was empty (the stored relation is left alone).
    """

    values: dict[str, Any] = field(default_factory=dict)
    slug: str = ""
    sectors: list[Industry] | None = None
    categories: list[str] | None = None
    ecosystems: list[IndustrialEcosystem] | None = None
    label: dict[str, Any] | None = None


class Lookups:
    """Regions, NACE codes, ecosystems and categories a file refers to, read once per import."""

    def __init__(self, rows: list[tuple[int, dict[str, str]]]) -> None:
        codes = {cells.get("region", "").upper() for _, cells in rows}
        self.successors = region_successor_map()
        codes |= {self.successors[c] for c in codes if c in self.successors}
        self.regions = {
            r.code: r
            for r in Region.objects.filter(code__in=codes).only("id", "code", "name", "parent_id")
        }
        self.industries = {i.code: i for i in Industry.objects.all().only("id", "code")}
        self.ecosystems: dict[str, IndustrialEcosystem] = {}
        for ecosystem in IndustrialEcosystem.objects.all():
            self.ecosystems[ecosystem.code] = ecosystem
            self.ecosystems[v.normalise_name(ecosystem.name)] = ecosystem
        self.categories = {
            v.normalise_name(name): name
            for name in ClusterCategory.objects.values_list("name", flat=True)
        }

    def region(self, text: str, row: RowReport) -> Region:
        code = text.upper()
        if code not in self.regions and code in self.successors:
            row.notes.append(f"region {code} is now {self.successors[code]} (NUTS 2016)")
            code = self.successors[code]
        if code not in self.regions:
            raise ValueError(
                f"unknown region code {text!r}; use a NUTS 2016 code such as FRK, DE1, ITC4"
            )
        return self.regions[code]

    def industry(self, text: str) -> Industry:
        code = v.parse_nace(text)
        if code not in self.industries:
            raise ValueError(f"unknown NACE code {text!r} (not in the loaded NACE Rev. 2 list)")
        return self.industries[code]

    def ecosystem(self, text: str) -> IndustrialEcosystem:
        found = self.ecosystems.get(slugify(text)) or self.ecosystems.get(v.normalise_name(text))
        if found is None:
            raise ValueError(
                f"unknown industrial ecosystem {text!r}; use one of the 14 EU ecosystems, "
                "e.g. 'Digital' or 'mobility-transport-automotive'"
            )
        return found

    def category(self, text: str, row: RowReport) -> str:
        name = self.categories.get(v.normalise_name(text))
        if name is None:
            row.notes.append(f"new category {text!r}")
            name = self.categories[v.normalise_name(text)] = text
        return name


def _max_length(name: str) -> int | None:
    return ClusterOrganisation._meta.get_field(name).max_length


def _parse(row: RowReport, column: str, text: str, parse: Callable[[str], Any]) -> Any:
    """``parse(text)``, or ``None`` with the problem recorded on the row."""
    try:
        return parse(text)
    except ValueError as error:
        row.reject(column, str(error))
        return None


def cluster_row_clean(*, cells: dict[str, str], lookups: Lookups, row: RowReport) -> CleanRow:
    """Check every filled cell of one row; ``row.errors`` names each field that is wrong."""
    clean = CleanRow()
    values = clean.values

    def put(column: str, parse: Callable[[str], Any], target: str | None = None) -> None:
        text = cells.get(column, "")
        if text:
            value = _parse(row, column, text, parse)
            if value is not None:
                values[target or column] = value

    if not cells.get("name"):
        row.reject("name", "missing; every row needs the organisation's name")
    if not cells.get("region"):
        row.reject("region", "missing; give the NUTS 2016 code of the region, e.g. FRK")
    put("region", lambda t: lookups.region(t, row))
    for column in TEXT_FIELDS:
        put(column, lambda t, c=column: v.parse_text(t, max_length=_max_length(c)))
    put("slug", v.parse_slug, target="_slug")
    clean.slug = values.pop("_slug", "")
    put("founding_year", v.parse_year)
    put("website", lambda t: _url(t, row))
    put("email", v.parse_email)
    put("description_language", v.parse_language)
    put("latitude", lambda t: v.parse_float(t, low=-90, high=90))
    put("longitude", lambda t: v.parse_float(t, low=-180, high=180))
    for column in ClusterOrganisation.MEMBER_FIELDS:
        put(column, v.parse_int)
    put("staff_fte", v.parse_decimal)
    put("status", lambda t: v.parse_choice(t, choices=ClusterOrganisation.Status.choices))
    put("source_date", v.parse_date)
    for column in LIST_FIELDS:
        put(column, v.parse_list)
    clean.sectors = _many(row, cells, "sectors", lookups.industry)
    clean.ecosystems = _many(row, cells, "ecosystems", lookups.ecosystem)
    clean.categories = _many(row, cells, "categories", lambda t: lookups.category(t, row))
    clean.label = _label(row, cells)
    return clean


def _url(text: str, row: RowReport) -> str:
    url, note = v.parse_url(text, max_length=_max_length("website") or 300)
    if note:
        row.notes.append(note)
    return url


def _many(
    row: RowReport, cells: dict[str, str], column: str, find: Callable[[str], Any]
) -> list | None:
    text = cells.get(column, "")
    if not text:
        return None
    found = [_parse(row, column, item, find) for item in v.parse_list(text)]
    return [item for item in found if item is not None]


def _label(row: RowReport, cells: dict[str, str]) -> dict[str, Any] | None:
    """The row's label, when its columns are filled (one label per row)."""
    if not any(cells.get(c) for c in LABEL_COLUMNS):
        return None
    if not cells.get("label_name"):
        row.reject("label_name", "missing; the other label columns are filled")
        return None
    label: dict[str, Any] = {"name": cells["label_name"], "grade": cells.get("label_grade", "")}
    label["issuer"] = cells.get("label_issuer", "")
    if not cells.get("label_level"):
        row.reject("label_level", "missing; write european, national or regional")
    else:
        label["level"] = _parse(
            row,
            "label_level",
            cells["label_level"],
            lambda t: v.parse_choice(t, choices=Label.Level.choices),
        )
    for column in ("label_valid_from", "label_valid_until"):
        text = cells.get(column, "")
        label[column.removeprefix("label_")] = (
            _parse(row, column, text, v.parse_date) if text else None
        )
    start, end = label["valid_from"], label["valid_until"]
    if start and end and start > end:
        row.reject("label_valid_until", f"{end} is before label_valid_from {start}")
    return label
