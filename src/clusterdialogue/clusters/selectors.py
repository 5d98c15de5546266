"""Reads for the directory that several pages share."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.regions.models import Network, Territory
from clusterdialogue.regions.selectors import network_default, region_predecessor_codes


def territory_region_codes(*, territory: Territory) -> list[str]:
    """The region codes whose clusters belong to ``territory`` (its code and older codes)."""
    return [territory.region.code, *region_predecessor_codes(code=territory.region.code)]


def cluster_in_territory_q(*, territory: Territory) -> Q:
    """A filter for organisations located in ``territory`` (its region or any region below)."""
    condition = Q(pk__in=[])
    for code in territory_region_codes(territory=territory):
        condition |= Q(region__code__startswith=code)
    return condition


def organisation_territory(
    *, organisation: ClusterOrganisation, network: Network | None = None
) -> Territory | None:
    """The network territory an organisation's region belongs to (the longest matching code)."""
    network = network or network_default()
    if network is None:
        return None
    code = organisation.region.code
    best = None
    for territory in network.territories.select_related("region"):
        for prefix in territory_region_codes(territory=territory):
            if code.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), territory)
    return best[1] if best else None


def cluster_list_public() -> QuerySet[ClusterOrganisation]:
    """Profiles the public may see: public and not archived."""
    return (
        ClusterOrganisation.objects.filter(is_public=True)
        .exclude(status=ClusterOrganisation.Status.ARCHIVED)
        .select_related("region")
    )
