"""Reads of the growth page and its API: which two years to compare, and the shift-share."""

from __future__ import annotations

from dataclasses import dataclass

from clusterdialogue.statistics.models import Industry
from clusterdialogue.statistics.selectors import (
    SHIFT_SHARE_COLUMNS,
    Series,
    mapping_region_years,
    mapping_series,
    mapping_shift_share,
)


@dataclass(frozen=True)
class GrowthYears:
    """The years a region's growth is shown for, with the region's years and series."""

    years: list[int]
    series: Series
    start: int | None
    end: int | None


def growth_years(
    *, code: str, scheme: str, start: int | None = None, end: int | None = None
) -> GrowthYears:
    """The two years to compare for the region with data code ``code``.

    Years not asked for never span a series break: with neither year, the latest period of two
    years or more (else the latest period); with one, the ends of the period holding it (else
    the region's first or last year). Years asked for are kept as asked (the caller checks them
    against the breaks and refuses, never computing across one).
    """
    years = mapping_region_years(code=code, scheme=scheme)
    series = mapping_series(code=code, scheme=scheme)
    if years and start is None and end is None:
        usable = series.growth_periods or list(series.periods)
        start, end = (usable[-1].start, usable[-1].end) if usable else (years[0], years[-1])
    elif years and end is None:
        end = getattr(series.period_of(start), "end", years[-1])
    elif years and start is None:
        start = getattr(series.period_of(end), "start", years[0])
    return GrowthYears(years=years, series=series, start=start, end=end)


def growth_rows(
    *, code: str, scheme: str, level: int, start: int, end: int, language: str
) -> list[dict]:
    """The shift-share of each category, smallest change first, with its name in ``language``.

    Raises :class:`~clusterdialogue.statistics.selectors.SeriesBreakError` when the two years
    lie on either side of a series break.
    """
    table = mapping_shift_share(
        code=code, scheme=scheme, level=level, start_year=start, end_year=end
    )
    names = {i.code: i.name_in(language) for i in Industry.objects.filter(scheme=scheme)}
    rows = table.sort_values("change").to_dict("records")
    for row in rows:
        row["name"] = names.get(row["category"], row["category"])
    return rows


def growth_totals(rows: list[dict]) -> dict[str, float]:
    """The sum of each shift-share column over ``rows``."""
    return {column: sum(row[column] for row in rows) for column in SHIFT_SHARE_COLUMNS}
