"""The bulk import of a cluster's members."""

from __future__ import annotations

import pytest

from clusterdialogue.clusters.models import ClusterMember
from clusterdialogue.clusters.transfer.importing.members import cluster_members_import
from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.testing.factories.clusters import (
    ClusterMemberFactory,
    ClusterOrganisationFactory,
)

MEMBERS = b"""name,member_type,size_class,nace,city,website
Example Gears Ltd,sme,small,C29,Stuttgart,gears.example.org
Example University,University,,,Karlsruhe,
"""


@pytest.fixture
def organisation(transfer_world):
    return ClusterOrganisationFactory(region=transfer_world["regions"]["DE1"])


def test_members_are_added_then_left_unchanged(organisation):
    dry = cluster_members_import(
        source=MEMBERS, name="m.csv", organisation=organisation, dry_run=True
    )
    assert [r.action for r in dry.rows] == [
        "create",
        "create",
    ] and not ClusterMember.objects.exists()

    report = cluster_members_import(source=MEMBERS, name="m.csv", organisation=organisation)
    assert report.written
    gears = organisation.members.get(name="Example Gears Ltd")
    assert (gears.member_type, gears.size_class, gears.nace.code) == ("sme", "small", "C29")
    assert gears.website == "https://gears.example.org"
    assert organisation.members.get(name="Example University").member_type == "university"

    again = cluster_members_import(source=MEMBERS, name="m.csv", organisation=organisation)
    assert [r.action for r in again.rows] == ["unchanged", "unchanged"]


def test_existing_member_is_updated_by_name(organisation):
    ClusterMemberFactory(organisation=organisation, name="EXAMPLE gears ltd", city="")
    report = cluster_members_import(source=MEMBERS, name="m.csv", organisation=organisation)

    assert [r.action for r in report.rows] == ["update", "create"]
    assert organisation.members.count() == 2


def test_bad_member_rows_reject_the_whole_file(organisation):
    bad = MEMBERS + b"Example Third,startup,,C99,,\n,sme,,,,\n"
    report = cluster_members_import(source=bad, name="m.csv", organisation=organisation)

    assert not report.written and not ClusterMember.objects.exists()
    third, blank = report.rows[2:]
    assert third.line == 4 and {e.split(":")[0] for e in third.errors} == {"member_type", "nace"}
    assert blank.errors == ["name: missing; every member needs a name and a member_type"]

    skipped = cluster_members_import(
        source=bad, name="m.csv", organisation=organisation, skip_invalid=True
    )
    assert skipped.written and organisation.members.count() == 2


def test_members_file_needs_its_columns(organisation):
    with pytest.raises(DataFileError, match="needs the columns name and member_type"):
        cluster_members_import(source=b"name,city\nX,Y\n", name="m.csv", organisation=organisation)
