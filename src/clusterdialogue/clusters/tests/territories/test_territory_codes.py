"""Which region codes belong to a network territory across NUTS versions (recodings only)."""

from __future__ import annotations

import pytest

from clusterdialogue.clusters.selectors import organisation_territory, territory_region_codes
from clusterdialogue.regions.models import Network, RegionCodeChange, Territory
from clusterdialogue.testing.factories.clusters import ClusterOrganisationFactory

pytestmark = pytest.mark.django_db


def recode(old, old_version, new, new_version, relation=RegionCodeChange.Relation.RECODED):
    RegionCodeChange.objects.create(
        old_code=old,
        old_version=old_version,
        new_code=new,
        new_version=new_version,
        relation=relation,
    )


def test_territory_codes_include_older_and_newer_recodings_only(nuts_tree):
    """Invented codes: QA1 (2016) was QZ1 in 2013 and is QA9 from 2021; QA2 moved a boundary."""
    regions = nuts_tree(["QA", "QA1", "QA11", "QA2", "QA9", "QA91", "QZ1", "QY2"])
    recode("QZ1", "2013", "QA1", "2016")
    recode("QA1", "2016", "QA9", "2021")
    recode("QA2", "2016", "QY2", "2021", relation=RegionCodeChange.Relation.BOUNDARY)
    network = Network.objects.create(name="Example network", slug="example")
    one = Territory.objects.create(network=network, region=regions["QA1"], name="One")
    two = Territory.objects.create(network=network, region=regions["QA2"], name="Two")

    assert territory_region_codes(territory=one) == ["QA1", "QZ1", "QA9"]
    assert territory_region_codes(territory=two) == ["QA2"]
    located = ClusterOrganisationFactory(region=regions["QA91"])
    assert organisation_territory(organisation=located, network=network) == one
    elsewhere = ClusterOrganisationFactory(region=regions["QY2"])
    assert organisation_territory(organisation=elsewhere, network=network) is None
