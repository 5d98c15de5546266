"""The cluster profile import: dry run, bad rows, transaction, matching, duplicates, XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from clusterdialogue.clusters.models import ClusterOrganisation, Label
from clusterdialogue.clusters.transfer.importing.organisations import clusters_import
from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.testing.factories.clusters import ClusterOrganisationFactory

HEADER = ["name", "region", "founding_year", "website", "sectors", "ecosystems", "keywords"]


def csv_bytes(rows: list[dict[str, str]], header: list[str] | None = None) -> bytes:
    header = header or list(rows[0])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def run(rows, **options):
    return clusters_import(source=csv_bytes(rows), name="profiles.csv", **options)


GOOD = {
    "name": "Example Mobility Cluster",
    "region": "DE1",
    "founding_year": "2005",
    "website": "example.org",
    "sectors": "C29; 62",
    "ecosystems": "Digital; mobility-transport-automotive",
    "keywords": "batteries; hydrogen",
}


def test_dry_run_writes_nothing_and_reports_each_row(transfer_world):
    report = run(
        [GOOD, {**GOOD, "name": "Example Software Cluster", "region": "FRK"}], dry_run=True
    )

    assert ClusterOrganisation.objects.count() == 0
    assert [r.action for r in report.rows] == ["create", "create"]
    assert [r.line for r in report.rows] == [2, 3]
    assert "dry run" in report.summary and "2 to create" in report.summary
    assert "https:// added to 'example.org'" in report.rows[0].notes


def test_real_run_creates_profiles_with_relations(transfer_world):
    report = run([GOOD])

    assert report.written
    organisation = ClusterOrganisation.objects.get()
    assert organisation.slug == "example-mobility-cluster"
    assert organisation.region.code == "DE1"
    assert organisation.founding_year == 2005
    assert organisation.website == "https://example.org"
    assert organisation.status == "provisional"
    assert sorted(organisation.sectors.values_list("code", flat=True)) == ["C29", "J62"]
    assert sorted(organisation.ecosystems.values_list("code", flat=True)) == [
        "digital",
        "mobility-transport-automotive",
    ]
    assert organisation.keywords == ["batteries", "hydrogen"]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"region": "ZZ9"}, "region", "unknown region code 'ZZ9'"),
        ({"founding_year": "20O5"}, "founding_year", "not a year"),
        ({"founding_year": "2999"}, "founding_year", "not a year"),
        ({"sectors": "C29; X99"}, "sectors", "'X99' is not a NACE Rev. 2 code"),
        ({"sectors": "C30"}, "sectors", "unknown NACE code 'C30'"),
        ({"website": "not a url"}, "website", "not a web address"),
        ({"name": ""}, "name", "missing"),
        ({"ecosystems": "Space"}, "ecosystems", "unknown industrial ecosystem 'Space'"),
    ],
)
def test_bad_rows_name_line_and_field(transfer_world, change, field, words):
    report = run([GOOD, {**GOOD, "name": "Second Example Cluster", **change}])

    bad = report.rows[1]
    assert bad.action == "reject" and bad.line == 3
    assert any(e.startswith(f"{field}: ") and words in e for e in bad.errors), bad.errors
    assert not report.written
    assert ClusterOrganisation.objects.count() == 0, "one bad row means nothing is written"
    assert "line" in report.as_table() and "    3  reject" in report.as_table()


def test_skip_invalid_writes_the_valid_rows(transfer_world):
    report = run([GOOD, {**GOOD, "name": "Bad Example", "region": "ZZ9"}], skip_invalid=True)

    assert report.written
    assert list(ClusterOrganisation.objects.values_list("name", flat=True)) == [GOOD["name"]]
    assert [r.line for r in report.rejected] == [3]
    assert "except the 1 rejected row" in report.summary


def test_second_run_changes_nothing_and_updates_by_name_and_region(transfer_world):
    run([GOOD])
    again = run([GOOD])
    assert [r.action for r in again.rows] == ["unchanged"]

    changed = run([{**GOOD, "name": "example  mobility CLUSTER", "founding_year": "2006"}])
    assert [r.action for r in changed.rows] == ["update"]
    assert changed.rows[0].changes == ["name", "founding_year"]
    organisation = ClusterOrganisation.objects.get()
    assert organisation.founding_year == 2006
    assert organisation.history.count() == 2


def test_empty_cells_keep_stored_values(transfer_world):
    run([GOOD])
    run([{"name": GOOD["name"], "region": "DE1", "founding_year": "", "website": ""}])

    organisation = ClusterOrganisation.objects.get()
    assert organisation.founding_year == 2005 and organisation.website == "https://example.org"


def test_slug_column_matches_the_profile(transfer_world):
    stored = ClusterOrganisationFactory(
        slug="kept-slug", name="Old Example Name", region=transfer_world["regions"]["FRK"]
    )
    report = run([{"slug": "kept-slug", "name": "New Example Name", "region": "FRK"}])

    assert [r.action for r in report.rows] == ["update"]
    stored.refresh_from_db()
    assert stored.name == "New Example Name"


def test_the_same_organisation_twice_in_a_file_is_rejected(transfer_world):
    report = run([GOOD, {**GOOD, "name": "EXAMPLE Mobility-Cluster"}], dry_run=True)

    assert report.rows[1].action == "reject"
    assert "row 2 is the same organisation" in report.rows[1].errors[0]

    with_slug = run([{**GOOD, "slug": "new-slug"}, {**GOOD, "slug": ""}], dry_run=True)
    assert [r.action for r in with_slug.rows] == ["create", "reject"]


def test_possible_duplicates_are_reported_not_merged(transfer_world):
    ClusterOrganisationFactory(
        slug="elektromobilitaet",
        name="Cluster Elektromobilitaet Sued-West e.V.",
        region=transfer_world["regions"]["DE1"],
    )
    rows = [
        {"name": "Cluster Elektromobilität Süd-West", "region": "DE1"},
        {"name": "Cluster Elektromobilitat Sud West GmbH", "region": "DE1"},
        {"name": "Cluster Elektromobilität Süd-West", "region": "FRK"},
        {"name": "Example Lightweight Cluster", "region": "DE1"},
    ]
    report = run(rows)

    first, second, elsewhere, other = report.rows
    assert first.action == "create"
    assert first.duplicates == ["existing profile 'elektromobilitaet' "
                                "(Cluster Elektromobilitaet Sued-West e.V.) (score 100)"]  # fmt: skip
    assert any(d.startswith("row 2 (Cluster Elektromobilität Süd-West)") for d in second.duplicates)
    assert elsewhere.duplicates == [], "other regions are not compared"
    assert other.duplicates == []
    assert ClusterOrganisation.objects.count() == 1 + 4, "duplicates are reported, never merged"
    assert "possible duplicate of existing profile 'elektromobilitaet'" in report.as_table(
        width=300
    )


def test_region_names_do_not_make_duplicates(transfer_world):
    rows = [
        {"name": "CARA Auvergne-Rhône-Alpes", "region": "FRK"},
        {"name": "CIMES Auvergne-Rhône-Alpes", "region": "FRK"},
    ]
    assert [r.duplicates for r in run(rows, dry_run=True).rows] == [[], []]


def test_labels_members_and_dates(transfer_world):
    row = {
        **GOOD,
        "members_sme": "40",
        "members_university": "3",
        "staff_fte": "2,5",
        "source_date": "2023-03-30",
        "label_name": "ESCA",
        "label_level": "european",
        "label_grade": "Gold",
        "label_valid_from": "2023-01-01",
        "label_valid_until": "2025-12-31",
    }
    run([row])
    organisation = ClusterOrganisation.objects.get()
    assert organisation.member_total == 43 and organisation.staff_fte == Decimal("2.50")
    assert organisation.source_date == dt.date(2023, 3, 30)
    label = Label.objects.get()
    assert (label.name, label.level, label.grade) == ("ESCA", "european", "Gold")
    assert label.valid_until == dt.date(2025, 12, 31)

    assert [r.action for r in run([row]).rows] == ["unchanged"]
    assert Label.objects.count() == 1

    bad = run([{**row, "label_level": "", "label_valid_until": "2020-01-01"}], dry_run=True)
    assert {e.split(":")[0] for e in bad.rows[0].errors} == {"label_level", "label_valid_until"}


def test_xlsx_import(transfer_world):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Region", "Founding year", "Source date", "Members SME"])
    sheet.append(["Example Spreadsheet Cluster", "FRK", 2011, dt.datetime(2024, 5, 2), 12.0])
    buffer = io.BytesIO()
    workbook.save(buffer)

    report = clusters_import(source=buffer.getvalue(), name="profiles.xlsx")

    assert report.written, report.as_table()
    organisation = ClusterOrganisation.objects.get()
    assert organisation.founding_year == 2011 and organisation.members_sme == 12
    assert organisation.source_date == dt.date(2024, 5, 2)


def test_a_file_without_name_or_region_is_refused(transfer_world):
    with pytest.raises(DataFileError, match=r"no column 'region'.*';' between cells"):
        clusters_import(source=b"name;region\nX;FRK\n", name="semicolons.csv")


def test_unknown_columns_are_reported(transfer_world):
    report = run([{**GOOD, "webiste": "x"}], dry_run=True)
    assert "column 'webiste' is not part of the layout and was ignored" in report.notes
