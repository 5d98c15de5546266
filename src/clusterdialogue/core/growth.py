"""Employment growth per region and category: compound annual growth and shift-share.

Both functions take a long frame with the columns ``year, region, category, employment``, for
example the ``table`` of :func:`clusterdialogue.core.mapping.map_clusters` (for raw industry
data, rename ``industry`` to ``category``). Missing employment is missing, not zero: a region
and category without a value in one of the two years gets empty results.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["employment_cagr", "shift_share"]

KEYS = ["region", "category"]
COLUMNS = ("year", "region", "category", "employment")


def _check(
    frame: pd.DataFrame, required: tuple[str, ...], what: str, start_year: int, end_year: int
) -> None:
    missing = [name for name in required if name not in frame.columns]
    if missing:
        raise ValueError(
            f"{what} lacks the column(s) {', '.join(missing)}; required: {', '.join(required)}; "
            f"found: {', '.join(map(str, frame.columns))}"
        )
    if end_year <= start_year:
        raise ValueError(f"end_year ({end_year}) must come after start_year ({start_year})")


def _start_end(
    frame: pd.DataFrame, keys: list[str], start_year: int, end_year: int
) -> pd.DataFrame:
    """Employment in the two years side by side, one row per key (outer join, NaN if absent)."""
    years = frame.loc[frame["year"].isin([start_year, end_year]), ["year", *keys, "employment"]]
    if years.duplicated(["year", *keys]).any():
        raise ValueError(f"more than one row for the same year, {', '.join(keys)}")
    wide = years.pivot(index=keys, columns="year", values="employment")
    wide = wide.reindex(columns=[start_year, end_year]).astype("float64")
    wide.columns = ["employment_start", "employment_end"]
    return wide


def employment_cagr(frame: pd.DataFrame, *, start_year: int, end_year: int) -> pd.DataFrame:
    """Compound annual growth rate of employment per region and category.

    ``cagr = (E_end / E_start) ** (1 / (end_year - start_year)) - 1``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``year, region, category, employment``.
    start_year, end_year : int
        The two years compared; ``end_year`` must be later.

    Returns
    -------
    pandas.DataFrame
        Columns ``region, category, employment_start, employment_end, cagr``; ``cagr`` is NaN
        when a year is missing or the start is zero.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "year": [2010, 2012], "region": ["A", "A"], "category": ["cars", "cars"],
    ...     "employment": [100.0, 121.0]})
    >>> employment_cagr(frame, start_year=2010, end_year=2012)
      region category  employment_start  employment_end  cagr
    0      A     cars             100.0           121.0   0.1
    """
    _check(frame, COLUMNS, "frame", start_year, end_year)
    wide = _start_end(frame, KEYS, start_year, end_year)
    start = wide["employment_start"].where(wide["employment_start"] > 0)
    wide["cagr"] = (wide["employment_end"] / start) ** (1 / (end_year - start_year)) - 1
    return wide.reset_index()


def shift_share(
    frame: pd.DataFrame,
    *,
    start_year: int,
    end_year: int,
    benchmark: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Shift-share decomposition of each region's employment change per category.

    With ``g`` the benchmark's total growth rate, ``g_c`` its growth in the category and
    ``g_rc`` the region's growth in the category, and ``E0`` the region's start employment:

    * ``national_share = E0 * g`` (growth had the region followed the benchmark),
    * ``industry_mix = E0 * (g_c - g)`` (the category growing faster or slower),
    * ``regional_shift = E0 * (g_rc - g_c)`` (the region doing better or worse),

    and the three sum to ``change = E_end - E0``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``year, region, category, employment``.
    start_year, end_year : int
        The two years compared; ``end_year`` must be later.
    benchmark : pandas.DataFrame, optional
        Columns ``year, category, employment`` for both years. By default the sum over the
        regions of ``frame`` that have a value in both years.

    Returns
    -------
    pandas.DataFrame
        Columns ``region, category, employment_start, employment_end, change, national_share,
        industry_mix, regional_shift``.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "year": [2010, 2010, 2015, 2015], "region": ["A", "B", "A", "B"],
    ...     "category": ["cars"] * 4, "employment": [100.0, 100.0, 150.0, 110.0]})
    >>> result = shift_share(frame, start_year=2010, end_year=2015)
    >>> result[["region", "change", "national_share", "industry_mix", "regional_shift"]]
      region  change  national_share  industry_mix  regional_shift
    0      A    50.0            30.0           0.0            20.0
    1      B    10.0            30.0           0.0           -20.0
    """
    _check(frame, COLUMNS, "frame", start_year, end_year)
    wide = _start_end(frame, KEYS, start_year, end_year)
    wide["change"] = wide["employment_end"] - wide["employment_start"]
    if benchmark is None:
        # Only pairs known in both years, so that the benchmark compares like with like.
        bench = wide.dropna().groupby("category")[["employment_start", "employment_end"]].sum()
    else:
        _check(benchmark, ("year", "category", "employment"), "benchmark", start_year, end_year)
        bench = _start_end(benchmark, ["category"], start_year, end_year)
        lacking = sorted(set(wide.index.get_level_values("category")) - set(bench.dropna().index))
        if lacking:
            raise ValueError(
                f"benchmark lacks employment in {start_year} or {end_year} for: "
                + ", ".join(map(str, lacking[:10]))
            )
    with np.errstate(divide="ignore", invalid="ignore"):
        total = bench.sum()
        growth = total["employment_end"] / total["employment_start"] - 1
        category_growth = bench["employment_end"] / bench["employment_start"] - 1
    category_growth = category_growth.where(np.isfinite(category_growth))
    wide = wide.reset_index()
    start = wide["employment_start"]
    # A region starting from zero has no share to shift, whatever the benchmark did (its
    # growth rates may be undefined if it started from zero too).
    wide["national_share"] = (start * growth).mask(start == 0, 0.0)
    mix = start * (wide["category"].map(category_growth) - growth)
    wide["industry_mix"] = mix.mask(start == 0, 0.0)
    # The rest of the change: equal to E0 * (g_rc - g_c), but defined when E0 is 0 (g_rc is
    # not), and it makes the three parts add up to the change.
    wide["regional_shift"] = wide["change"] - wide["national_share"] - wide["industry_mix"]
    return wide
