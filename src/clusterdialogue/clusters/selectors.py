"""Reads of the directory that its features and other apps share.

Which territory a profile lies in (:func:`territory_region_codes`, :func:`cluster_in_territory_q`,
:func:`organisation_territory`), and which profiles a user may see (:func:`cluster_list_public`
for the public, :func:`directory_queryset` for a signed-in user's roles).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from clusterdialogue.accounts.permissions import (
    user_is_secretariat,
    user_managed_organisation_ids,
    user_represented_territories,
)
from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.regions.models import Network, Territory
from clusterdialogue.regions.selectors import network_default, region_territory_codes

VIEW_ALL_PERMISSION = "clusters.view_clusterorganisation"


def territory_region_codes(*, territory: Territory) -> list[str]:
    """The region codes whose clusters belong to ``territory``: its code, then the codes of the
    same territory in older and in newer NUTS versions (recodings only, never a split)."""
    return region_territory_codes(code=territory.region.code)


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


def directory_queryset(*, user: Any) -> QuerySet[ClusterOrganisation]:
    """The profiles ``user`` may see in the directory (as ``user_can_view_organisation`` says).

    Everyone sees public, non-archived profiles. The secretariat and users with the model
    permission to view profiles see all; a territory representative also the private and archived
    profiles of their territory, a cluster manager those of their own organisations.
    """
    everything = ClusterOrganisation.objects.select_related("region")
    if user is None or not user.is_authenticated:
        return cluster_list_public()
    if user_is_secretariat(user) or user.has_perm(VIEW_ALL_PERMISSION):
        return everything
    own = Q(pk__in=user_managed_organisation_ids(user))
    for territory in user_represented_territories(user):
        own |= cluster_in_territory_q(territory=territory)
    public = Q(is_public=True) & ~Q(status=ClusterOrganisation.Status.ARCHIVED)
    return everything.filter(public | own)
