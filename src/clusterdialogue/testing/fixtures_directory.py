"""A small directory for the search, directory and API tests: example data, clearly not real.

The NACE titles are the real Eurostat ones; every organisation and member is invented and named
"Example …".
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from clusterdialogue.clusters.models import ClusterCategory
from clusterdialogue.testing import factories
from clusterdialogue.testing.factories_clusters import (
    ClusterMemberFactory,
    ClusterOrganisationFactory,
    LabelFactory,
    ecosystem,
)


@pytest.fixture
def directory_world(db):
    """Two territories, five profiles (three public, one private, one archived), indexed."""
    from clusterdialogue.clusters.search import search_index_update

    cache.clear()  # region centres are cached by region id, which tests reuse
    square = factories.square
    country_a = factories.RegionFactory(code="QA", name="Exampleland A", level=0)
    north_a = factories.RegionFactory(code="QA1", name="A North", level=1, parent=country_a)
    qa11 = factories.RegionFactory(code="QA11", name="A One", level=2, parent=north_a,
                                   geometry=square(4, 50, 2))  # fmt: skip
    qa12 = factories.RegionFactory(code="QA12", name="A Two", level=2, parent=north_a,
                                   geometry=square(6, 50, 2))  # fmt: skip
    country_b = factories.RegionFactory(code="QB", name="Exampleland B", level=0)
    north_b = factories.RegionFactory(code="QB1", name="B North", level=1, parent=country_b)
    qb11 = factories.RegionFactory(code="QB11", name="B One", level=2, parent=north_b,
                                   geometry=square(10, 45, 2))  # fmt: skip
    network = factories.NetworkFactory(name="Example network", slug="example-network")
    territory_a = factories.TerritoryFactory(network=network, region=north_a, name="North of A")
    territory_b = factories.TerritoryFactory(network=network, region=qb11, name="B One")
    motor = factories.IndustryFactory(
        code="C29",
        section="C",
        name_en="Manufacture of motor vehicles, trailers and semi-trailers",
        name_fr="Construction et assemblage de véhicules automobiles, de remorques et de "
        "semi-remorques",
        name_de="Herstellung von Kraftwagen und Kraftwagenteilen",
    )
    software = factories.IndustryFactory(
        code="J62", section="J", name_en="Computer programming, consultancy and related activities"
    )
    automotive = ClusterCategory.objects.create(name="Automotive", slug="automotive")
    digital = ClusterCategory.objects.create(name="Digital industries", slug="digital")
    mobility = ecosystem("mobility-transport-automotive")

    emobility = ClusterOrganisationFactory(
        name="Example Elektromobilität Cluster", acronym="EMC", slug="example-emobility",
        region=qa11, status="active", members_sme=30, members_university=2,
        keywords=["Elektromobilität", "Batterien"], latitude=48.1, longitude=9.2, city="Examplestadt",
    )  # fmt: skip
    emobility.sectors.add(motor)
    emobility.categories.add(automotive)
    emobility.ecosystems.add(mobility)
    software_network = ClusterOrganisationFactory(
        name="Example software network", slug="example-software", region=qa12,
        description="Software for connected cars.",
        descriptions={"fr": "Logiciels pour la mobilité connectée."},
        keywords=["mobility", "software"], members_sme=10, status="provisional",
    )  # fmt: skip
    software_network.sectors.add(software, motor)
    software_network.categories.add(digital)
    software_network.ecosystems.add(mobility)
    health = ClusterOrganisationFactory(
        name="Example health cluster", acronym="QX", slug="example-health", region=qb11,
        keywords=["health"], members_large=250, status="active",
    )  # fmt: skip
    ClusterMemberFactory(organisation=health, name="Mobilitech Example SA", member_type="large")
    ClusterMemberFactory(organisation=emobility, name="Example Akku GmbH", member_type="sme")
    LabelFactory(organisation=health, name="ESCA", grade="Gold")
    hidden = ClusterOrganisationFactory(
        name="Example hidden mobility cluster", slug="example-hidden", region=qa11,
        is_public=False, status="active",
    )  # fmt: skip
    archived = ClusterOrganisationFactory(
        name="Example archived mobility cluster", slug="example-archived", region=qa12,
        status="archived",
    )  # fmt: skip
    search_index_update()
    return {
        "network": network,
        "territories": [territory_a, territory_b],
        "regions": {"QA11": qa11, "QA12": qa12, "QB11": qb11},
        "industries": {"C29": motor, "J62": software},
        "categories": {"automotive": automotive, "digital": digital},
        "ecosystem": mobility,
        "emobility": emobility,
        "software": software_network,
        "health": health,
        "hidden": hidden,
        "archived": archived,
    }
