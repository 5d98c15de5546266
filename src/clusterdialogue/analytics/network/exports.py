"""The network page's tables as CSV files."""

from __future__ import annotations

from django.http import HttpResponse

from clusterdialogue.analytics.network.selectors import OverlapRow, TerritoryAnalytics
from clusterdialogue.portal.exports import csv_response


def network_csv(
    *,
    table: str,
    year: int | None,
    rows: list[OverlapRow],
    analytics: list[TerritoryAnalytics],
    directory: str,
) -> HttpResponse:
    """The overlap table, or the territories' summary."""
    if table == "territories":
        return csv_response(
            f"network_territories_{year}.csv",
            ["territory", "region", "data_code", "level", "year", "eci", "eci_rank", "ranked",
             "diversity", "opportunities"],
            (
                [a.territory.name, a.territory.region.code, a.place.data_code, a.place.level,
                 year if a.has_figures else None, a.eci, a.eci_rank, a.ranked or None,
                 a.diversity if a.has_figures else None,
                 " ".join(a.opportunity_codes) if a.has_figures else None]
                for a in analytics
            ),
        )  # fmt: skip
    return csv_response(
        f"network_opportunities_{year}.csv",
        ["year", "category", "name", "kind", "territories", "opportunity_of", "specialisation_of",
         "mean_score", "clusters"],
        (
            [year, row.category, row.name, row.kind, row.territory_count,
             "; ".join(f"{o['territory']} (#{o['rank']}, score {o['score']:.2f})"
                       for o in row.opportunities),
             "; ".join(f"{s['territory']} (RCA {s['rca']:.2f})" for s in row.specialisations),
             None if row.mean_score is None else round(row.mean_score, 4),
             f"{directory}?nace={row.category}"]
            for row in rows
        ),
    )  # fmt: skip
