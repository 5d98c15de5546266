"""Import the member companies and institutions of one cluster organisation (CSV or XLSX).

The layout (one member per row; ``name`` and ``member_type`` are required)::

    name          the member's name
    member_type   sme, large, rto, university, public or other (or the label, e.g. "SME")
    size_class    micro, small, medium or large
    nace          its main activity as a NACE Rev. 2 code, e.g. C29 or 29.1
    city
    website       https://… (https:// is added when missing)

A row updates the member of the same name (case, accents and punctuation ignored), otherwise it
adds one; an empty cell leaves the stored value as it is. The member counts of the profile
(``members_sme`` …) are declared by the cluster and are not recomputed from this list. As for
profiles, a dry run writes nothing, and a real run writes nothing when any row is rejected unless
``skip_invalid`` is set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from clusterdialogue.clusters.models import ClusterMember, ClusterOrganisation
from clusterdialogue.clusters.search.index import search_index_update
from clusterdialogue.clusters.transfer.importing import values as v
from clusterdialogue.clusters.transfer.importing.read import Source, table_read
from clusterdialogue.clusters.transfer.importing.report import (
    CREATE,
    REJECT,
    UNCHANGED,
    UPDATE,
    ImportReport,
    RowReport,
)
from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.statistics.models import Industry

MEMBER_COLUMNS = ("name", "member_type", "size_class", "nace", "city", "website")


def cluster_members_import(
    *,
    source: Source,
    organisation: ClusterOrganisation,
    name: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
) -> ImportReport:
    """Add or update the members of ``organisation`` from a file in the members layout."""
    table = table_read(source=source, name=name)
    report = ImportReport(
        file=Path(table.name).name,
        kind=f"members of {organisation.name}",
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        key_heading="type",
    )
    missing = [c for c in ("name", "member_type") if c not in table.header]
    if missing:
        raise DataFileError(
            table.name,
            f"the header needs the columns name and member_type (found: "
            f"{', '.join(table.header) or 'nothing'}); the layout is {', '.join(MEMBER_COLUMNS)}",
            line=1,
        )
    report.notes += [
        f"column {c!r} is not part of the layout and was ignored"
        for c in table.header
        if c not in MEMBER_COLUMNS
    ]
    stored = {v.normalise_name(m.name): m for m in organisation.members.all()}
    industries = {i.code: i for i in Industry.objects.only("id", "code")}
    seen: dict[str, int] = {}
    plans: list[tuple[RowReport, dict[str, Any], ClusterMember | None]] = []
    for line, cells in table.rows:
        row = RowReport(line=line, name=cells.get("name", ""), region=cells.get("member_type", ""))
        report.rows.append(row)
        values = _member_clean(cells, row, industries)
        key = v.normalise_name(row.name)
        if row.action != REJECT and key in seen:
            row.reject("name", f"row {seen[key]} names the same member; merge the rows")
        if row.action == REJECT:
            continue
        seen[key] = line
        member = stored.get(key)
        if member is not None:
            row.changes = [f for f, value in values.items() if getattr(member, f) != value]
            row.action = UPDATE if row.changes else UNCHANGED
        plans.append((row, values, member))
    if dry_run or (report.rejected and not skip_invalid):
        return report
    with transaction.atomic():
        for row, values, member in plans:
            if row.action in (CREATE, UPDATE):
                member = member or ClusterMember(organisation=organisation)
                for field_name, value in values.items():
                    setattr(member, field_name, value)
                member.save()
        # Member names are searchable: the organisation's index row must follow.
        search_index_update(organisation_ids=[organisation.pk])
    report.written = True
    return report


def _member_clean(
    cells: dict[str, str], row: RowReport, industries: dict[str, Industry]
) -> dict[str, Any]:
    """The stored values of one member row; problems are recorded on ``row``."""
    values: dict[str, Any] = {}

    def nace(text: str) -> Industry:
        code = v.parse_nace(text)
        if code not in industries:
            raise ValueError(f"unknown NACE code {text!r} (not in the loaded NACE Rev. 2 list)")
        return industries[code]

    def url(text: str) -> str:
        address, note = v.parse_url(text, max_length=300)
        if note:
            row.notes.append(note)
        return address

    parsers = {
        "name": lambda t: v.parse_text(t, max_length=300),
        "member_type": lambda t: v.parse_choice(t, choices=ClusterMember.MemberType.choices),
        "size_class": lambda t: v.parse_choice(t, choices=ClusterMember.SizeClass.choices),
        "nace": nace,
        "city": lambda t: v.parse_text(t, max_length=120),
        "website": url,
    }
    for column in ("name", "member_type"):
        if not cells.get(column):
            row.reject(column, "missing; every member needs a name and a member_type")
    for column, parse in parsers.items():
        text = cells.get(column, "")
        if text:
            try:
                values[column] = parse(text)
            except ValueError as error:
                row.reject(column, str(error))
    return values
