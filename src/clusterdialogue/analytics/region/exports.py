"""The region page's tables as CSV files."""

from __future__ import annotations

import pandas as pd
from django.http import HttpResponse

from clusterdialogue.analytics.region.selectors import RegionDynamics, records
from clusterdialogue.analytics.selectors import AnalyticsRegion
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
