"""Reads for regions and networks."""

from __future__ import annotations

from django.db.models import QuerySet

from clusterdialogue.regions.models import Network, Region, RegionCodeChange, Territory


def network_default() -> Network | None:
    """The network the portal shows first (the one marked default, else the first by name)."""
    return Network.objects.filter(is_default=True).first() or Network.objects.first()


def territory_list(*, network: Network) -> QuerySet[Territory]:
    return network.territories.select_related("region").order_by("role", "name")


def region_predecessor_codes(*, code: str) -> list[str]:
    """Codes that denote the same territory as ``code`` under an older NUTS version.

    Only pure recodings count (``FR7`` for ``FRK``; ``FR91`` and ``FRA1`` for ``FRY1``); a split
    or merged region is a different territory and its figures are not carried over.

    Examples
    --------
    >>> region_predecessor_codes(code="FRK")  # doctest: +SKIP
    ['FR7']
    """
    recoded = dict(
        RegionCodeChange.objects.filter(relation=RegionCodeChange.Relation.RECODED).values_list(
            "new_code", "old_code"
        )
    )
    chain = []
    while code in recoded:
        code = recoded[code]
        chain.append(code)
    return chain


def region_successor_map() -> dict[str, str]:
    """Old code → the NUTS 2016 code of the same territory, following chains of recodings."""
    recoded = dict(
        RegionCodeChange.objects.filter(relation=RegionCodeChange.Relation.RECODED).values_list(
            "old_code", "new_code"
        )
    )
    resolved = {}
    for old in recoded:
        new = recoded[old]
        while new in recoded:
            new = recoded[new]
        resolved[old] = new
    return resolved


def region_children_codes(*, region: Region) -> list[str]:
    """Codes one level below ``region`` (by NUTS code prefix, across versions)."""
    return list(
        Region.objects.filter(
            code__startswith=region.code, level=(region.level or 0) + 1
        ).values_list("code", flat=True)
    )
