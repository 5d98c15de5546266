"""Reads for regions and networks."""

from __future__ import annotations

from django.db.models import QuerySet

from clusterdialogue.core.nuts import codes_in_version, territory_codes
from clusterdialogue.regions.models import Network, Region, RegionCodeChange, Territory

#: The NUTS version of the regions' own names and boundaries (``Region.geometry``).
DEFAULT_NUTS_VERSION = "2016"


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


def region_recodings() -> list[tuple[str, str, str, str]]:
    """The stored recodings ``(old_code, old_version, new_code, new_version)``, of all versions."""
    return list(
        RegionCodeChange.objects.filter(relation=RegionCodeChange.Relation.RECODED)
        .order_by("old_version", "old_code", "new_code")
        .values_list("old_code", "old_version", "new_code", "new_version")
    )


def region_successor_map(*, version: str = DEFAULT_NUTS_VERSION) -> dict[str, str]:
    """Old code → the code of the same territory in ``version`` (NUTS 2016 by default).

    Follows chains of recodings (``FR91`` → ``FRA1`` → ``FRY1``) up to ``version``; recodings
    into a later version (2016 → 2021) are not followed.
    """
    recodings = region_recodings()
    older = {old for old, old_version, _, new_version in recodings if new_version <= version}
    return {
        code: target
        for code, target in codes_in_version(recodings, version).items()
        if code in older
    }


def region_version_map(*, version: str = DEFAULT_NUTS_VERSION) -> dict[str, str]:
    """Code of any version → the code of the same territory in ``version``.

    As :func:`region_successor_map`, and also newer codes back to ``version``: a NUTS 2021
    code recoded from a NUTS 2016 one shows its figures on the 2016 map. Splits, mergers and
    moved boundaries are never followed.
    """
    return codes_in_version(region_recodings(), version)


def region_territory_codes(*, code: str) -> list[str]:
    """``code``, then the older codes of the same territory, then the newer ones."""
    return territory_codes(code, region_recodings())


def region_children_codes(*, region: Region) -> list[str]:
    """Codes one level below ``region`` (by NUTS code prefix, across versions)."""
    return list(
        Region.objects.filter(
            code__startswith=region.code, level=(region.level or 0) + 1
        ).values_list("code", flat=True)
    )
