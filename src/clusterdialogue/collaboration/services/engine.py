"""The matchmaking engine over the directory: profiles from the database, data from statistics.

The engine itself is pure (:mod:`clusterdialogue.core.matching`); this module turns the stored
cluster profiles into its profile frame, adds industry relatedness and regional specialisation
computed from the imported Eurostat employment, and keeps the encoded index per process until
a profile or the statistics change.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import pandas as pd
from django.db.models import Count, Max

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import organisation_territory
from clusterdialogue.core.matching import MatchIndex, MatchSettings
from clusterdialogue.core.matching.industries import industry_relatedness, regional_specialisation
from clusterdialogue.regions.selectors import network_default
from clusterdialogue.statistics.models import Dataset, Industry, Observation

EMPLOYMENT_DATASET = "sbs_r_nuts06_r2"
_LIST_SPLIT = re.compile(r"[;\n]+")
_lock = threading.Lock()
_memo: dict[str, object] = {}


def _items(text: str) -> list[str]:
    return [part.strip(" -•\t") for part in _LIST_SPLIT.split(text or "") if part.strip(" -•\t")]


def organisation_match_region(organisation: ClusterOrganisation, territories: dict) -> str:
    """The code the engine treats as the profile's territory: the network territory's region
    when the organisation lies in one (so "cross-territory" means another member region),
    else its own region."""
    territory = territories.get(organisation.pk)
    return territory.region.code if territory else organisation.region.code


def directory_profiles_frame(queryset=None) -> pd.DataFrame:
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
                "region": organisation_match_region(o, territories),
                "text": "\n".join(t for t in texts if t),
                "keywords": [*o.keywords, *o.technologies, *(c.name for c in o.categories.all())],
                "offers": _items(o.offers),
                "needs": _items(o.looking_for),
                "nace": sorted({s.code[:3] for s in o.sectors.all() if len(s.code) >= 3}),
            }
        )
    columns = ["id", "name", "region", "text", "keywords", "offers", "needs", "nace"]
    return pd.DataFrame(rows, columns=columns)


def employment_frame(*, dataset: str = EMPLOYMENT_DATASET) -> pd.DataFrame:
    """Persons employed per region (NUTS 1 and 2) and NACE division, in the best-covered year."""
    base = Observation.objects.filter(
        dataset__code=dataset,
        indicator="V16110",
        industry__scheme=Industry.Scheme.NACE_DIVISION,
        region__level__in=[1, 2],
        value__isnull=False,
    ).exclude(region__kind="extra_regio")
    best = base.filter(region__level=2).values("year").annotate(n=Count("id")).order_by("-n")
    if not best:
        return pd.DataFrame(columns=["region", "industry", "employment"])
    rows = base.filter(year=best[0]["year"]).values_list("region__code", "industry__code", "value")
    return pd.DataFrame.from_records(list(rows), columns=["region", "industry", "employment"])


def _fingerprint() -> str:
    profiles = ClusterOrganisation.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    data = Dataset.objects.filter(code=EMPLOYMENT_DATASET).values_list("imported_at", flat=True)
    return f"{profiles['n']}|{profiles['last']}|{list(data)}"


@dataclass(frozen=True)
class DirectoryIndex:
    """The encoded directory and the organisations behind its ids."""

    index: MatchIndex
    organisation_ids: dict[str, int]


def directory_index() -> DirectoryIndex:
    """The engine's index of all profiles, rebuilt when a profile or the statistics change."""
    key = _fingerprint()
    with _lock:
        cached = _memo.get("index")
        if cached is not None and _memo.get("key") == key:
            return cached
        frame = directory_profiles_frame()
        employment = employment_frame()
        relatedness = specialisation = None
        if not employment.empty:
            relatedness = industry_relatedness(employment)
            specialisation = regional_specialisation(employment)
        index = MatchIndex(frame, industry_relatedness=relatedness, specialisation=specialisation)
        ids = dict(ClusterOrganisation.objects.values_list("slug", "pk"))
        result = DirectoryIndex(index=index, organisation_ids=ids)
        _memo.update(index=result, key=key)
        return result


def organisation_recommendations(
    *, organisation: ClusterOrganisation, settings: MatchSettings | None = None, top: int = 10
) -> list[dict]:
    """The best partners for ``organisation``: ``{organisation, rank, score, reasons, …}``.

    Only public, non-archived partners are proposed.
    """
    settings = settings or MatchSettings()
    if not ClusterOrganisation.objects.exclude(pk=organisation.pk).exists():
        return []  # nobody to propose (and the engine needs profiles to learn its features)
    directory = directory_index()
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
