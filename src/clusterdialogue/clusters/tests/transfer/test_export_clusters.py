"""Exports in CSV, XLSX and JSON, in the import layout, and the round trip through the import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from clusterdialogue.clusters.models import ClusterOrganisation, IndustrialEcosystem
from clusterdialogue.clusters.transfer.exports import clusters_export
from clusterdialogue.clusters.transfer.importing.organisations import (
    CLUSTER_COLUMNS,
    clusters_import,
)
from clusterdialogue.testing.factories.clusters import (
    ClusterOrganisationFactory,
    ContactPersonFactory,
    LabelFactory,
)


@pytest.fixture
def profiles(transfer_world):
    regions, industries = transfer_world["regions"], transfer_world["industries"]
    full = ClusterOrganisationFactory(
        name="Example Mobility Cluster",
        slug="example-mobility",
        region=regions["DE11"],
        founding_year=2005,
        website="https://example.org",
        description="Example text, with a comma; and a semicolon",
        description_language="en",
        keywords=["batteries", "hydrogen"],
        members_sme=40,
        members_rto=2,
        staff_fte=Decimal("2.50"),
        status="active",
        source_date=dt.date(2024, 1, 31),
        note="=not a formula",
    )
    full.sectors.set([industries["C29"], industries["J62"]])
    full.ecosystems.set(IndustrialEcosystem.objects.filter(code="digital"))
    LabelFactory(organisation=full, name="ESCA", level="european", grade="Silver",
                 valid_from=dt.date(2023, 1, 1), valid_until=dt.date(2024, 12, 31))  # fmt: skip
    ContactPersonFactory(organisation=full, name="Example Person", email="person@example.org",
                         public_consent=True)  # fmt: skip
    ClusterOrganisationFactory(name="Example Bare Cluster", slug="bare", region=regions["FRK"])
    return ClusterOrganisation.objects.order_by("slug")


def test_csv_has_the_import_columns(profiles):
    content, content_type, filename = clusters_export(queryset=profiles, format="csv")

    assert content_type.startswith("text/csv") and filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert list(rows[0]) == list(CLUSTER_COLUMNS)
    full = rows[1]
    assert full["region"] == "DE11" and full["sectors"] == "C29; J62"
    assert full["ecosystems"] == "Digital" and full["staff_fte"] == "2.5"
    assert full["label_name"] == "ESCA" and full["label_valid_until"] == "2024-12-31"
    assert rows[0]["founding_year"] == "" and rows[0]["label_name"] == ""


def test_json_uses_lists_and_numbers(profiles):
    content, content_type, filename = clusters_export(queryset=profiles, format="json")

    assert content_type == "application/json" and filename.endswith(".json")
    data = json.loads(content)
    full = next(item for item in data if item["slug"] == "example-mobility")
    assert full["sectors"] == ["C29", "J62"] and full["keywords"] == ["batteries", "hydrogen"]
    assert full["members_sme"] == 40 and full["staff_fte"] == 2.5
    assert full["source_date"] == "2024-01-31"


@pytest.mark.parametrize("format_", ["csv", "xlsx", "json"])
def test_contact_persons_are_never_exported(profiles, format_):
    content, _, _ = clusters_export(queryset=profiles, format=format_)
    if format_ == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        content = repr(list(sheet.values)).encode()
    assert b"Example Person" not in content and b"person@example.org" not in content


def test_xlsx_keeps_text_that_looks_like_a_formula(profiles):
    content, content_type, _ = clusters_export(queryset=profiles, format="xlsx")

    assert "spreadsheetml" in content_type
    sheet = load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[1]]
    assert header == list(CLUSTER_COLUMNS)
    note = sheet.cell(row=3, column=header.index("note") + 1)
    # Stored as text, and quoted so that no spreadsheet program runs it (issue: formula injection).
    assert note.value == "'=not a formula" and note.data_type == "s"


def test_unknown_format_is_refused(profiles):
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        clusters_export(queryset=profiles, format="pdf")


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_round_trip(profiles, format_):
    """An export imports back unchanged, and into an empty directory as the same profiles."""
    original_csv, _, _ = clusters_export(queryset=profiles, format="csv")
    content, _, filename = clusters_export(queryset=profiles, format=format_)

    again = clusters_import(source=content, name=filename, dry_run=True)
    assert [r.action for r in again.rows] == ["unchanged", "unchanged"], again.as_table()

    ClusterOrganisation.objects.all().delete()
    imported = clusters_import(source=content, name=filename)
    assert imported.count("create") == 2, imported.as_table()
    assert sorted(ClusterOrganisation.objects.values_list("slug", flat=True)) == [
        "bare",
        "example-mobility",
    ]
    exported_again, _, _ = clusters_export(
        queryset=ClusterOrganisation.objects.order_by("slug"), format="csv"
    )
    assert exported_again.decode() == original_csv.decode()
