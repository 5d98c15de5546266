"""Partner recommendations for a profile, ready for the pages, the CSV and the API.

The directory as the engine reads it (:func:`directory_profiles_frame`, :func:`employment_frame`)
is encoded once by :mod:`clusterdialogue.collaboration.matching`; the recommendations read that
index.
"""

from __future__ import annotations

import logging
import math
import re

import pandas as pd
from django.db.models import QuerySet

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import organisation_territory, territory_region_codes
from clusterdialogue.collaboration.matching import matching_index_get
from clusterdialogue.core.matching import MatchSettings
from clusterdialogue.regions.models import Territory
from clusterdialogue.regions.selectors import network_default, territory_list

logger = logging.getLogger(__name__)

COMPONENTS = ("similarity", "complementarity", "relatedness", "specialisation")
PROFILE_SUGGESTIONS = 5


def _number(value: float) -> float | None:
    """A component for display; None when the engine left it out (no employment data)."""
    return None if value is None or math.isnan(value) else round(float(value), 4)


def recommendation_rows(
    *, organisation: ClusterOrganisation, settings: MatchSettings, top: int
) -> list[dict]:
    """The engine's partners for ``organisation`` with their territory; components may be None."""
    prefixes = territory_prefixes()
    rows = organisation_recommendations(organisation=organisation, settings=settings, top=top)
    for row in rows:
        row["territory"] = territory_for_code(
            code=row["organisation"].region.code, prefixes=prefixes
        )
        row["score"] = round(row["score"], 4)
        for name in COMPONENTS:
            row[name] = _number(row[name])
        row["components"] = [(name, row[name]) for name in COMPONENTS]
    return rows


def recommendation_notes() -> list[str]:
    """What the engine left out of the scores and why (e.g. no employment data)."""
    return list(matching_index_get().index.notes)


def profile_partner_suggestions(
    *, organisation: ClusterOrganisation, top: int = PROFILE_SUGGESTIONS
) -> list[dict]:
    """The default recommendations for a profile page; empty (never an error) when the engine
    cannot answer, so the profile page always opens."""
    try:
        return recommendation_rows(organisation=organisation, settings=MatchSettings(), top=top)
    except Exception:  # an optional section: log the cause, show the profile without it
        logger.exception("partner suggestions for %s failed", organisation.slug)
        return []


_LIST_SPLIT = re.compile(r"[;\n]+")


def profile_items(text: str) -> list[str]:
    """The items of a profile's list field (one per line or separated by semicolons)."""
    return [part.strip(" -•\t") for part in _LIST_SPLIT.split(text or "") if part.strip(" -•\t")]


def organisation_match_region(*, organisation: ClusterOrganisation, territories: dict) -> str:
    """The code the engine treats as the profile's territory: the network territory's region
    when the organisation lies in one (so "cross-territory" means another member region),
    else its own region."""
    territory = territories.get(organisation.pk)
    return territory.region.code if territory else organisation.region.code


def directory_profiles_frame(
    *, queryset: QuerySet[ClusterOrganisation] | None = None
) -> pd.DataFrame:
    """Cluster profiles as the engine's profile frame (``id`` is the organisation's slug)."""
    organisations = list(
        (queryset if queryset is not None else ClusterOrganisation.objects.all())
        .select_related("region")
        .prefetch_related("sectors", "categories")
    )
    network = network_default()
    territories = {
        o.pk: organisation_territory(organisation=o, network=network) for o in organisations
    }
    rows = []
    for o in organisations:
        texts = [o.name, o.acronym, o.organisation_type, o.description, *o.descriptions.values()]
        rows.append(
            {
                "id": o.slug,
                "name": o.name,
                "region": organisation_match_region(organisation=o, territories=territories),
                "text": "\n".join(t for t in texts if t),
                "keywords": [*o.keywords, *o.technologies, *(c.name for c in o.categories.all())],
                "offers": profile_items(o.offers),
                "needs": profile_items(o.looking_for),
                "nace": sorted({s.code[:3] for s in o.sectors.all() if len(s.code) >= 3}),
            }
        )
    columns = ["id", "name", "region", "text", "keywords", "offers", "needs", "nace"]
    return pd.DataFrame(rows, columns=columns)


def organisation_recommendations(
    *, organisation: ClusterOrganisation, settings: MatchSettings | None = None, top: int = 10
) -> list[dict]:
    """The best partners for ``organisation``: ``{organisation, rank, score, reasons, …}``.

    Only public, non-archived partners are proposed.
    """
    settings = settings or MatchSettings()
    if not ClusterOrganisation.objects.exclude(pk=organisation.pk).exists():
        return []  # nobody to propose (and the engine needs profiles to learn its features)
    directory = matching_index_get()
    if organisation.slug not in directory.index.row:
        return []
    table = directory.index.recommend_for(organisation.slug, settings=settings, top=top * 2)
    partners = ClusterOrganisation.objects.filter(
        slug__in=table["partner_id"].tolist(), is_public=True
    ).exclude(status=ClusterOrganisation.Status.ARCHIVED)
    by_slug = {p.slug: p for p in partners.select_related("region")}
    results = []
    for row in table.itertuples(index=False):
        partner = by_slug.get(row.partner_id)
        if partner is None:
            continue
        results.append(
            {
                "organisation": partner,
                "rank": len(results) + 1,
                "score": float(row.score),
                "similarity": float(row.similarity),
                "complementarity": float(row.complementarity),
                "relatedness": float(row.relatedness),
                "specialisation": float(row.specialisation),
                "reasons": row.reasons,
            }
        )
        if len(results) == top:
            break
    return results


def territory_prefixes() -> list[tuple[str, Territory]]:
    """(region code prefix, territory) of the default network, longest prefix first."""
    network = network_default()
    if network is None:
        return []
    pairs = [
        (code, territory)
        for territory in territory_list(network=network)
        for code in territory_region_codes(territory=territory)
    ]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def territory_for_code(*, code: str, prefixes: list[tuple[str, Territory]]) -> Territory | None:
    """The territory a region code lies in (``prefixes`` from :func:`territory_prefixes`)."""
    return next((territory for prefix, territory in prefixes if code.startswith(prefix)), None)
