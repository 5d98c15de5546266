"""Import cluster organisation profiles from a CSV or XLSX file.

The import layout (one organisation per row; the header names the columns, in any order,
case ignored; only ``name`` and ``region`` are required)::

    slug                  the profile's slug; matches a stored profile (else one is made up)
    name                  the organisation's name (required)
    region                NUTS 2016 code of its region, e.g. FRK, DE11, ITC4 (required;
                          older codes of the same territory are accepted: FR7 → FRK)
    acronym, legal_form, organisation_type (as the organisation states it),
    address, postcode, city, latitude, longitude
    founding_year         e.g. 2005
    website               https://… (https:// is added when missing); email
    description, description_language (en, fr, de, it, ca, …)
    sectors               NACE Rev. 2 codes separated by ';', e.g. "C29; 29.1; J62"
    categories            cluster categories separated by ';' (new ones are created)
    technologies, keywords   free words separated by ';'
    ecosystems            EU industrial ecosystems by name or code separated by ';',
                          e.g. "Digital; mobility-transport-automotive"
    members_sme, members_large, members_rto, members_university, members_public,
    members_other         member counts (whole numbers)
    staff_fte             management staff in full-time equivalents, e.g. 1.5
    international_activities, offers, looking_for
    status                provisional, active or archived (new profiles: provisional)
    source, source_date (YYYY-MM-DD), note
    label_name, label_level (european, national or regional), label_grade, label_issuer,
    label_valid_from, label_valid_until   one label per row, e.g. ESCA / european / Gold

Rules:

* A row updates the stored profile with the same ``slug``; without a slug, the profile with the
  same name (case, accents and punctuation ignored) in the same region; otherwise it creates one.
* An empty cell leaves the stored value as it is; a filled list cell (sectors, keywords, …)
  replaces the stored list.
* Names that look alike within a region ("Cluster Elektromobilität Süd-West" and "Cluster
  Elektromobilitaet Sued-West e.V.") are reported as possible duplicates, never merged.
* A dry run reports, row by row, what would be created, updated or rejected and why.
* A real run writes all rows in one transaction; when any row is rejected nothing is written,
  unless ``skip_invalid`` is set: then the valid rows are written and the rejected ones listed.
* The transcribed Four Motors list is recognised by its header and mapped onto this layout
  (see :mod:`clusterdialogue.clusters.transfer.importing.transcribed`).

Exports (:mod:`clusterdialogue.clusters.transfer.exports`) use the same columns, so an export
can be imported again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from clusterdialogue.clusters.models import ClusterCategory, ClusterOrganisation, Label
from clusterdialogue.clusters.search.index import search_index_update
from clusterdialogue.clusters.transfer.importing.clean import (
    LABEL_COLUMNS,
    CleanRow,
    Lookups,
    cluster_row_clean,
)
from clusterdialogue.clusters.transfer.importing.duplicates import DuplicateFinder
from clusterdialogue.clusters.transfer.importing.matching import (
    ProfileMatcher,
    label_find,
    row_changes,
)
from clusterdialogue.clusters.transfer.importing.read import Source, Table, table_read
from clusterdialogue.clusters.transfer.importing.report import (
    CREATE,
    REJECT,
    UNCHANGED,
    UPDATE,
    ImportReport,
    RowReport,
)
from clusterdialogue.clusters.transfer.importing.transcribed import (
    is_transcribed_layout,
    transcribed_row_map,
)
from clusterdialogue.core.io.errors import DataFileError

#: The import layout's columns, in the order exports write them.
CLUSTER_COLUMNS = (
    "slug", "name", "acronym", "legal_form", "organisation_type", "founding_year", "region",
    "address", "postcode", "city", "latitude", "longitude", "website", "email", "description",
    "description_language", "sectors", "categories", "technologies", "keywords", "ecosystems",
    *ClusterOrganisation.MEMBER_FIELDS, "staff_fte", "international_activities", "offers",
    "looking_for", "status", "source", "source_date", "note", *LABEL_COLUMNS,
)  # fmt: skip


def clusters_import(
    *, source: Source, name: str | None = None, dry_run: bool = False, skip_invalid: bool = False
) -> ImportReport:
    """Import cluster organisations from a CSV or XLSX file in the import layout.

    ``source`` is a path, an open binary file or bytes; ``name`` is the file name to report (and
    to tell CSV from XLSX) when ``source`` is not a path. Raises :class:`DataFileError` when the
    file cannot be read as a table at all; bad rows are reported, not raised.
    """
    table = table_read(source=source, name=name)
    report = ImportReport(
        file=Path(table.name).name,
        kind="cluster organisations",
        dry_run=dry_run,
        skip_invalid=skip_invalid,
    )
    rows = _layout_rows(table, report)
    plans = _plan(rows, report)
    if dry_run or (report.rejected and not skip_invalid):
        return report
    with transaction.atomic():
        written = [
            _write(clean, organisation).pk
            for row, clean, organisation in plans
            if row.action in (CREATE, UPDATE)
        ]
        search_index_update(organisation_ids=written)
    report.written = True
    return report


def _layout_rows(table: Table, report: ImportReport) -> list[tuple[int, dict[str, str]]]:
    """The table's rows in the import layout (mapping the transcribed list's own layout)."""
    if is_transcribed_layout(table.header):
        report.notes.append(
            "layout: the transcribed Four Motors list (region, nuts2016, name, "
            "domain_as_stated, …), mapped onto the import layout"
        )
        return [(line, transcribed_row_map(cells)) for line, cells in table.rows]
    missing = [c for c in ("name", "region") if c not in table.header]
    if missing:
        raise DataFileError(
            table.name,
            f"the header has no column {' and no column '.join(repr(m) for m in missing)} "
            f"(found: {', '.join(table.header) or 'nothing'}); if the file uses ';' between "
            "cells, save it as comma-separated CSV or as XLSX",
            line=1,
        )
    for column in table.header:
        if column not in CLUSTER_COLUMNS:
            report.notes.append(f"column {column!r} is not part of the layout and was ignored")
    return table.rows


def _plan(
    rows: list[tuple[int, dict[str, str]]], report: ImportReport
) -> list[tuple[RowReport, CleanRow, ClusterOrganisation | None]]:
    """Check and match every row, recording on the report what would happen to it."""
    lookups = Lookups(rows)
    finder = DuplicateFinder()
    matcher = ProfileMatcher()
    plans = []
    for line, cells in rows:
        row = RowReport(line=line, name=cells.get("name", ""), region=cells.get("region", ""))
        report.rows.append(row)
        clean = cluster_row_clean(cells=cells, lookups=lookups, row=row)
        if row.action == REJECT:
            continue
        organisation = matcher.match(clean, row)
        if row.action == REJECT:
            continue
        if organisation is None:
            row.action = CREATE
        else:
            row.changes = row_changes(organisation=organisation, clean=clean)
            row.action = UPDATE if row.changes else UNCHANGED
            # Notes about how cells were read only matter when something is written.
            row.notes = [n for n in row.notes if row.changes] + [f"profile {organisation.slug!r}"]
        row.duplicates = finder.check(
            line=line,
            name=clean.values["name"],
            region=clean.values["region"],
            matched_pk=organisation.pk if organisation else None,
        )
        plans.append((row, clean, organisation))
    return plans


def _write(clean: CleanRow, organisation: ClusterOrganisation | None) -> ClusterOrganisation:
    if organisation is None:
        organisation = ClusterOrganisation(slug=clean.slug)
    for name, value in clean.values.items():
        setattr(organisation, name, value)
    organisation.save()
    if clean.sectors is not None:
        organisation.sectors.set(clean.sectors)
    if clean.ecosystems is not None:
        organisation.ecosystems.set(clean.ecosystems)
    if clean.categories is not None:
        organisation.categories.set([_category(name) for name in clean.categories])
    if clean.label is not None:
        _label_save(organisation, clean.label)
    return organisation


def _category(name: str) -> ClusterCategory:
    slug = slugify(name)[:200] or "category"
    category, _ = ClusterCategory.objects.get_or_create(slug=slug, defaults={"name": name})
    return category


def _label_save(organisation: ClusterOrganisation, label: dict[str, Any]) -> None:
    stored = label_find(organisation=organisation, label=label, exact=False) or Label(
        organisation=organisation
    )
    for name in ("name", "grade", "level", "valid_from", "valid_until"):
        setattr(stored, name, label[name])
    stored.issuer = label["issuer"] or stored.issuer
    stored.source = stored.source or organisation.source
    stored.save()
