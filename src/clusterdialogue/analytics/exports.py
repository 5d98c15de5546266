"""CSV downloads of the analytics pages' tables (``?format=csv&table=...``)."""

from __future__ import annotations

import pandas as pd
from django.http import HttpResponse

from clusterdialogue.analytics.selectors import AnalyticsRegion
from clusterdialogue.analytics.selectors_network import OverlapRow, TerritoryAnalytics
from clusterdialogue.analytics.selectors_region import RegionDynamics, records
from clusterdialogue.core.diversification import OPPORTUNITY_COLUMNS
from clusterdialogue.portal.exports import csv_response


def _frame_rows(frame: pd.DataFrame, columns: list[str], prefix: list) -> list[list]:
    return [[*prefix, *(row[c] for c in columns)] for row in records(frame)]


def region_csv(
    *,
    table: str,
    place: AnalyticsRegion,
    year: int,
    profile: pd.DataFrame,
    opportunities: pd.DataFrame,
    lines: list[dict],
    dynamics: RegionDynamics | None,
    start: int | None,
    end: int | None,
) -> HttpResponse:
    """One of the region page's tables; every row names the region and its data code."""
    code, data_code = place.region.code, place.data_code
    if table == "opportunities":
        columns = [c for c in OPPORTUNITY_COLUMNS if c != "region"]
        columns.insert(columns.index("category") + 1, "name")
        return csv_response(
            f"{code}_opportunities_{year}.csv",
            ["region", "data_code", "year", *columns],
            _frame_rows(opportunities, columns, [code, data_code, year]),
        )
    if table == "eci":
        return csv_response(
            f"{code}_eci.csv",
            ["territory", "region", "data_code", "level", "year", "eci"],
            (
                [line["label"], line["code"], line["data_code"], line["level"], y, value]
                for line in lines
                for y, value in zip(line["years"], line["eci"], strict=True)
            ),
        )
    if table == "dynamics":
        columns = ["category", "name", "change", "rca_start", "rca_end", "density_start"]
        rows = (
            _frame_rows(dynamics.transitions, columns, [code, data_code, start, end])
            if (dynamics)
            else []
        )
        return csv_response(
            f"{code}_dynamics_{start}_{end}.csv",
            ["region", "data_code", "start_year", "end_year", *columns],
            rows,
        )
    if table == "deciles":
        columns = ["decile", "density_from", "density_to", "candidates", "entries", "entry_rate"]
        rows = (
            _frame_rows(dynamics.network.by_decile, columns, [place.level, start, end])
            if dynamics
            else []
        )
        return csv_response(
            f"level{place.level}_entry_by_density_{start}_{end}.csv",
            ["level", "start_year", "end_year", *columns],
            rows,
        )
    columns = ["category", "name", "employment", "rca", "specialised", "density", "pci", "cog"]
    return csv_response(
        f"{code}_relatedness_{year}.csv",
        ["region", "data_code", "year", *columns],
        _frame_rows(profile, columns, [code, data_code, year]),
    )


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
