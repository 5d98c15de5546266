"""Where the network's territories' opportunities and specialisations meet.

A category that is a diversification opportunity for two territories, or an opportunity for one
and an existing specialisation of another, is a natural topic for cluster-to-cluster
collaboration: the first pair can build the capability together, the second can learn from a
partner that already has it. Each territory is analysed among the regions of its own NUTS level.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd
from django.utils.translation import gettext_lazy as _

from clusterdialogue.analytics.region.selectors import region_opportunities, region_summary
from clusterdialogue.analytics.selectors import (
    AnalyticsRegion,
    analytics_overview,
    analytics_regions,
    analytics_result,
)
from clusterdialogue.regions.models import Territory

KINDS = {
    "joint": _("joint opportunity"),
    "partner": _("opportunity with a specialised partner"),
    "shared": _("shared specialisation"),
}


@dataclass
class TerritoryAnalytics:
    """One territory in the chosen year: its opportunities and specialisations."""

    territory: Territory
    place: AnalyticsRegion
    has_figures: bool
    eci: float | None = None
    eci_rank: int | None = None
    ranked: int = 0
    diversity: int = 0
    opportunities: pd.DataFrame = field(default_factory=pd.DataFrame)
    specialisations: dict[str, float] = field(default_factory=dict)

    @property
    def opportunity_codes(self) -> list[str]:
        """The codes of the opportunities, best first."""
        return self.opportunities["category"].tolist() if len(self.opportunities) else []


@dataclass
class OverlapRow:
    """A category that two or more territories have as an opportunity or a specialisation."""

    category: str
    name: str
    kind: str
    opportunities: list[dict]  # territory, code, rank, score, quadrant, density
    specialisations: list[dict]  # territory, code, rca

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def territory_count(self) -> int:
        return len(self.opportunities) + len(self.specialisations)

    @property
    def mean_score(self) -> float | None:
        scores = [o["score"] for o in self.opportunities]
        return sum(scores) / len(scores) if scores else None


def network_default_year(*, territories: list[Territory], scheme: str) -> int | None:
    """The latest year in which the most territories have figures."""
    counts: Counter[int] = Counter()
    for place in analytics_regions(regions=[t.region for t in territories], scheme=scheme):
        counts.update(place.years)
    if not counts:
        overview = analytics_overview(scheme=scheme)
        return overview.default_year
    return max(counts, key=lambda year: (counts[year], year))


def network_years(*, territories: list[Territory], scheme: str) -> list[int]:
    """Years in which at least one territory has figures, newest first."""
    years: set[int] = set()
    for place in analytics_regions(regions=[t.region for t in territories], scheme=scheme):
        years.update(place.years)
    return sorted(years, reverse=True)


def network_territory_analytics(
    *,
    territories: list[Territory],
    year: int,
    scheme: str,
    names: dict[str, str],
    weight: float,
    top: int,
) -> list[TerritoryAnalytics]:
    """Each territory's ``top`` opportunities and its specialisations in ``year``."""
    found = []
    places = analytics_regions(regions=[t.region for t in territories], scheme=scheme)
    for territory, place in zip(territories, places, strict=True):
        if place.data_code is None or year not in place.years:
            found.append(TerritoryAnalytics(territory=territory, place=place, has_figures=False))
            continue
        result = analytics_result(year=year, scheme=scheme, level=place.level)
        summary = region_summary(result=result, code=place.data_code)
        rca = result.rca.loc[place.data_code]
        specialised = result.m.loc[place.data_code] == 1
        found.append(
            TerritoryAnalytics(
                territory=territory,
                place=place,
                has_figures=True,
                eci=summary.eci,
                eci_rank=summary.eci_rank,
                ranked=summary.ranked,
                diversity=summary.diversity,
                opportunities=region_opportunities(
                    result=result, code=place.data_code, names=names, weight=weight, top=top
                ),
                specialisations={str(c): float(rca[c]) for c in rca.index[specialised]},
            )
        )
    return found


def network_overlap(
    *, analytics: list[TerritoryAnalytics], names: dict[str, str]
) -> list[OverlapRow]:
    """Categories that two or more territories have as opportunities or specialisations.

    At least one territory must have the category as an opportunity, or two as a
    specialisation. Joint opportunities come first, then opportunities a specialised partner
    could help with, then shared specialisations; within each, the most territories and the
    highest mean score first.
    """
    opportunities: dict[str, list[dict]] = {}
    specialisations: dict[str, list[dict]] = {}
    for item in analytics:
        if not item.has_figures:
            continue
        label = {"territory": item.territory.name, "code": item.territory.region.code}
        for row in item.opportunities.itertuples(index=False):
            opportunities.setdefault(row.category, []).append(
                {
                    **label,
                    "rank": int(row.rank),
                    "score": float(row.score),
                    "quadrant": row.quadrant,
                    "density": float(row.density),
                }
            )
        for category, rca in item.specialisations.items():
            specialisations.setdefault(category, []).append({**label, "rca": rca})
    rows = []
    for category in sorted(set(opportunities) | set(specialisations)):
        opp, spec = opportunities.get(category, []), specialisations.get(category, [])
        if len(opp) >= 2:
            kind = "joint"
        elif len(opp) == 1 and spec:
            kind = "partner"
        elif not opp and len(spec) >= 2:
            kind = "shared"
        else:
            continue
        rows.append(
            OverlapRow(
                category=category,
                name=names.get(category, category),
                kind=kind,
                opportunities=opp,
                specialisations=spec,
            )
        )
    order = list(KINDS)
    rows.sort(
        key=lambda r: (
            order.index(r.kind),
            -r.territory_count,
            -(r.mean_score or 0),
            r.category,
        )
    )
    return rows
