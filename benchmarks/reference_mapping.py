"""The mapping engine as it was before the dense numpy rewrite: the reference for tests and benchmarks.

A verbatim copy of ``clusterdialogue.core.mapping`` and ``clusterdialogue.core.mapping_criteria``
at commit 3450e7f (pandas ``groupby().quantile()`` and ``groupby().rank()`` per criterion), in one
module and outside the runtime package. ``tests`` pin the new engine's output to this one
(``src/clusterdialogue/core/tests/test_mapping_reference.py``) and ``benchmarks/mapping_engine.py``
times both in the same run. Do not edit it to follow the new engine: it is the yardstick.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["MappingResult", "map_clusters"]

CMP_FLAGS = ("strong", "strong10", "significant", "qualifying")
NO_ESTABLISHMENTS = "no establishments column: the strength flags leave out the establishments test"


def _present(table: pd.DataFrame) -> pd.Series:
    return table["employment"] > 0


def _groups(table: pd.DataFrame, by: list[str]) -> pd.Series:
    """Integer group codes of the regions with employment in the category; -1 for the others.

    Grouping by these integers, rather than by the text keys for every percentile, is what
    keeps the criteria fast on a few million rows.
    """
    codes = table.groupby(by, sort=False).ngroup()
    return codes.where(_present(table), -1)


def _by_group(table: pd.DataFrame, column: str, groups: pd.Series):
    """``column`` of the regions with employment, grouped; positions to put results back."""
    present = (groups >= 0).to_numpy()
    values = table[column].to_numpy(dtype="float64", na_value=np.nan)[present]
    return pd.Series(values).groupby(groups.to_numpy()[present], sort=False), present


def _spread(values: pd.Series, present: np.ndarray, index: pd.Index, dtype: str) -> pd.Series:
    """Put per-row results of the present regions back in place (NA elsewhere)."""
    full = np.full(len(index), np.nan)
    full[present] = values.to_numpy()
    return pd.Series(full, index=index).astype(dtype)


def _quantile(table: pd.DataFrame, column: str, q: float, groups: pd.Series) -> pd.Series:
    """``q``-quantile of ``column`` within each group, among regions with employment in it."""
    grouped, present = _by_group(table, column, groups)
    return _spread(grouped.transform("quantile", q), present, table.index, "Float64")


def add_lq_rank(table: pd.DataFrame, *, by: list[str]) -> pd.DataFrame:
    """Add ``lq_rank``: 1 for the highest location quotient within each group.

    Ties share the best rank ("min"); regions without employment in the category get none.

    Examples
    --------
    >>> table = pd.DataFrame({
    ...     "category": ["c"] * 4, "employment": [5, 5, 5, 0], "lq": [2.0, 1.0, 2.0, 0.0]})
    >>> add_lq_rank(table, by=["category"])["lq_rank"].tolist()
    [1, 3, 1, <NA>]
    """
    grouped, present = _by_group(table, "lq", _groups(table, by))
    rank = _spread(grouped.rank(method="min", ascending=False), present, table.index, "Int64")
    return table.assign(lq_rank=rank)


def add_eco_stars(table: pd.DataFrame, *, by: list[str]) -> pd.DataFrame:
    """Add the European Cluster Observatory stars, one per criterion, and their sum.

    ``size_star``: employment at or above the 90th percentile; ``specialisation_star``:
    location quotient of 2 or more; ``focus_star``: the category's share of the region's
    employment at or above the 90th percentile; ``stars``: their sum, 0 to 3.

    Examples
    --------
    >>> table = pd.DataFrame({
    ...     "category": ["c"] * 3, "employment": [100, 10, 0],
    ...     "share": [0.5, 0.05, 0.0], "lq": [2.5, 0.5, 0.0]})
    >>> add_eco_stars(table, by=["category"])["stars"].tolist()
    [3, 0, 0]
    """
    present = _present(table)
    groups = _groups(table, by)
    employment = table["employment"].astype("Float64")
    share = table["share"].astype("Float64")
    lq = table["lq"].astype("Float64")
    # `present &` first: Kleene logic turns "absent and unknown" into a plain no.
    stars = pd.DataFrame(
        {
            "size_star": present & (employment >= _quantile(table, "employment", 0.9, groups)),
            "specialisation_star": present & (lq >= 2),
            "focus_star": present & (share >= _quantile(table, "share", 0.9, groups)),
        },
        index=table.index,
    ).astype("boolean")
    stars["stars"] = stars.astype("Int64").sum(axis=1, skipna=False).astype("Int64")
    return pd.concat([table, stars], axis=1)


def add_cmp_strength(
    table: pd.DataFrame, *, by: list[str], warnings: list[str] | None = None
) -> pd.DataFrame:
    """Add the US Cluster Mapping strength flags ``strong, strong10, significant, qualifying``.

    Within each group, with ``qN`` the N-th percentile among regions with employment:

    * size tests: employment > q25(employment) and establishments > q25(establishments);
    * ``strong``: LQ >= q75(LQ), LQ >= 1 and the size tests;
    * ``strong10``: LQ >= q90(LQ), LQ >= 1 and the size tests;
    * ``significant``: LQ > q50(LQ) and the size tests;
    * ``qualifying``: LQ > q25(LQ) and the size tests.

    The flags are NA for local categories, which the method does not assess. Without an
    ``establishments`` column the establishments test is left out and a warning is added.

    Examples
    --------
    >>> table = pd.DataFrame({
    ...     "category": ["c"] * 4, "type": ["traded"] * 4,
    ...     "employment": [400, 300, 200, 100], "lq": [2.0, 1.5, 1.0, 0.5]})
    >>> add_cmp_strength(table, by=["category"])[["strong", "qualifying"]]
       strong  qualifying
    0    True        True
    1   False        True
    2   False        True
    3   False       False
    """
    present = _present(table)
    groups = _groups(table, by)
    lq = table["lq"].astype("Float64")
    large = table["employment"].astype("Float64") > _quantile(table, "employment", 0.25, groups)
    if "establishments" in table.columns:
        establishments = table["establishments"].astype("Float64")
        large = large & (establishments > _quantile(table, "establishments", 0.25, groups))
    elif warnings is not None:
        warnings.append(NO_ESTABLISHMENTS)
    large = present & large
    flags = pd.DataFrame(
        {
            "strong": large & (lq >= _quantile(table, "lq", 0.75, groups)) & (lq >= 1),
            "strong10": large & (lq >= _quantile(table, "lq", 0.9, groups)) & (lq >= 1),
            "significant": large & (lq > _quantile(table, "lq", 0.5, groups)),
            "qualifying": large & (lq > _quantile(table, "lq", 0.25, groups)),
        },
        index=table.index,
    ).astype("boolean")
    flags = flags.mask(table["type"].eq("local"), pd.NA)
    return pd.concat([table, flags], axis=1)


CATEGORY_TYPES = ("traded", "local")
MEASURES = ("employment", "establishments", "wages")


@dataclass
class MappingResult:
    """What :func:`map_clusters` returns.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per (year,) region and category; see :func:`map_clusters` for the columns.
    warnings : list of str
        Things the user should know about the result, in plain words.
    unmapped_industries : list of str
        Industries of the input that the category mapping does not cover (left out).
    """

    table: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    unmapped_industries: list[str] = field(default_factory=list)


def location_quotient(
    region_employment: float | np.ndarray | pd.Series,
    region_total: float | np.ndarray | pd.Series,
    benchmark_employment: float | np.ndarray | pd.Series,
    benchmark_total: float | np.ndarray | pd.Series,
) -> float | np.ndarray | pd.Series:
    """Location quotient ``(E_rc / E_r) / (E_c / E)``, element-wise.

    Parameters
    ----------
    region_employment : float or array-like
        ``E_rc``, the region's employment in the category.
    region_total : float or array-like
        ``E_r``, the region's employment over all categories of the same type.
    benchmark_employment : float or array-like
        ``E_c``, the benchmark area's employment in the category.
    benchmark_total : float or array-like
        ``E``, the benchmark area's employment over all categories of the same type.

    Returns
    -------
    float or array-like
        The quotient; NaN where a share is undefined (a zero total or a zero benchmark share).

    Examples
    --------
    A region with 30 of its 100 jobs in a category that holds 10 % of the benchmark's jobs:

    >>> float(location_quotient(30, 100, 50, 500))
    3.0
    """
    # One division instead of three: integer counts then give exact quotients (30/100 over
    # 50/500 is 3.0, not 2.9999999999999996).
    denominator = np.multiply(region_total, benchmark_employment)
    # A zero benchmark share would give an infinite quotient that no threshold can rank.
    denominator = np.where(np.asarray(denominator) > 0, denominator, np.nan)
    quotient = np.multiply(region_employment, benchmark_total) / denominator
    if isinstance(region_employment, pd.Series):
        return pd.Series(quotient, index=region_employment.index, name="lq")
    return quotient[()] if np.ndim(quotient) == 0 else quotient


def map_clusters(
    employment: pd.DataFrame,
    *,
    categories: pd.DataFrame | None = None,
    benchmark: pd.DataFrame | None = None,
) -> MappingResult:
    """Map clusters: location quotients, ranks, ECO stars and strength flags per region.

    Parameters
    ----------
    employment : pandas.DataFrame
        Columns ``region, industry, employment`` and optionally ``establishments, wages, year``.
        Pass one regional level at a time (for example all NUTS-2 regions). Missing employment
        (NaN) is missing, not zero: those rows are left out.
    categories : pandas.DataFrame, optional
        Columns ``industry, category`` and optionally ``category_name, type`` (``traded`` or
        ``local``, default ``traded``). Industries of one category are summed; industries not
        listed are left out. Without it each industry is its own traded category.
    benchmark : pandas.DataFrame, optional
        Columns ``category, employment`` (optionally ``year``): the reference area, for example
        EU-28 or a nation. By default the sum over all regions of the input.

    Returns
    -------
    MappingResult
        ``table`` has the columns ``[year,] region, category, category_name, type, employment,
        [establishments, wages,] region_total, share, lq, lq_rank, size_star,
        specialisation_star, focus_star, stars, strong, strong10, significant, qualifying``.

    Raises
    ------
    ValueError
        On missing columns, duplicate rows, unknown types or benchmark gaps.

    Examples
    --------
    >>> employment = pd.DataFrame({
    ...     "region": ["A", "A", "B", "B"],
    ...     "industry": ["cars", "food", "cars", "food"],
    ...     "employment": [30, 70, 10, 90],
    ... })
    >>> table = map_clusters(employment).table
    >>> table[["region", "category", "lq", "lq_rank"]]
      region category     lq  lq_rank
    0      A     cars  1.500        1
    1      A     food  0.875        2
    2      B     cars  0.500        2
    3      B     food  1.125        1
    """
    warnings: list[str] = []
    frame = _prepare_employment(employment, warnings)
    frame, unmapped = _apply_categories(frame, categories, warnings)
    by_year = ["year"] if "year" in frame.columns else []
    measures = [name for name in MEASURES if name in frame.columns]
    cell_keys = [*by_year, "region", "category", "category_name", "type"]
    # A category is only as complete as its industries: one unknown establishment count makes
    # the category's count unknown, so sums must not skip NaN.
    table = frame.groupby(cell_keys, sort=True)[measures].sum(skipna=False).reset_index()
    table["region_total"] = table.groupby([*by_year, "region", "type"])["employment"].transform(
        "sum"
    )
    table["share"] = table["employment"] / table["region_total"]
    bench = _benchmark(table, benchmark, by_year, warnings)
    table = table.merge(bench, on=bench.columns.drop(["benchmark", "benchmark_total"]).tolist())
    table["lq"] = location_quotient(
        table["employment"], table["region_total"], table["benchmark"], table["benchmark_total"]
    )
    orphan = (table["employment"] > 0) & table["lq"].isna() & (table["region_total"] > 0)
    if orphan.any():
        warnings.append(
            f"{_count(int(orphan.sum()), 'region-category cell')} with employment where the "
            "benchmark has none; their location quotient is left empty"
        )
    table = table.drop(columns=["benchmark", "benchmark_total"])
    if table.empty:
        warnings.append("no employment left to map")
    by = [*by_year, "category"]
    table = add_lq_rank(table, by=by)
    table = add_eco_stars(table, by=by)
    table = add_cmp_strength(table, by=by, warnings=warnings)
    return MappingResult(table=table, warnings=warnings, unmapped_industries=unmapped)


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _require(frame: pd.DataFrame, required: tuple[str, ...], what: str) -> None:
    missing = [name for name in required if name not in frame.columns]
    if missing:
        raise ValueError(
            f"{what} lacks the column(s) {', '.join(missing)}; required: {', '.join(required)}; "
            f"found: {', '.join(map(str, frame.columns))}"
        )


def _prepare_employment(employment: pd.DataFrame, warnings: list[str]) -> pd.DataFrame:
    _require(employment, ("region", "industry", "employment"), "employment")
    optional = [name for name in ("year", "establishments", "wages") if name in employment.columns]
    frame = employment[["region", "industry", "employment", *optional]].copy()
    # Codes such as NACE "05" must stay text so that they match the category mapping.
    frame["region"] = frame["region"].astype("str")
    frame["industry"] = frame["industry"].astype("str")
    for name in MEASURES:
        if name in frame.columns:
            frame[name] = pd.to_numeric(frame[name]).astype("float64")
            if name != "employment" and frame[name].isna().all():
                # A column with no values says nothing: treat it as absent rather than
                # turning every strength flag into "unknown".
                frame = frame.drop(columns=name)
                warnings.append(f"the {name} column has no values and was left out")
    keys = [name for name in ("year", "region", "industry") if name in frame.columns]
    if frame[keys].isna().any(axis=None):
        # Grouping would drop such rows without a word.
        raise ValueError(f"employment has rows without a {' or '.join(keys)}")
    if frame.duplicated(keys).any():
        raise ValueError(f"employment has duplicate rows for the same {', '.join(keys)}")
    if (frame["employment"] < 0).any():
        raise ValueError("employment has negative values")
    missing = frame["employment"].isna()
    if missing.any():
        warnings.append(
            f"{_count(int(missing.sum()), 'row')} with missing employment left out "
            "(missing is not counted as zero)"
        )
        frame = frame.loc[~missing]
    return frame


def _apply_categories(
    frame: pd.DataFrame, categories: pd.DataFrame | None, warnings: list[str]
) -> tuple[pd.DataFrame, list[str]]:
    if categories is None:
        return frame.assign(
            category=frame["industry"], category_name=frame["industry"], type="traded"
        ), []
    _require(categories, ("industry", "category"), "categories")
    mapping = categories.copy()
    mapping["industry"] = mapping["industry"].astype("str")
    mapping["category"] = mapping["category"].astype("str")
    if "category_name" not in mapping.columns:
        mapping["category_name"] = mapping["category"]
    mapping["category_name"] = mapping["category_name"].fillna(mapping["category"]).astype("str")
    if "type" not in mapping.columns:
        mapping["type"] = "traded"
    mapping["type"] = mapping["type"].fillna("traded").astype("str").str.strip().str.lower()
    unknown = sorted(set(mapping["type"]) - set(CATEGORY_TYPES))
    if unknown:
        raise ValueError(
            f"categories has unknown type(s) {', '.join(unknown)}; use traded or local"
        )
    if mapping["industry"].duplicated().any():
        # One industry in two categories would count its jobs twice in the region's total.
        raise ValueError("categories lists an industry more than once")
    per_category = mapping.groupby("category")[["category_name", "type"]].nunique()
    if (per_category > 1).any(axis=None):
        raise ValueError("categories gives one category more than one name or type")
    mapping = mapping[["industry", "category", "category_name", "type"]]
    mapped = frame.merge(mapping, on="industry", how="left")
    unmapped_rows = mapped["category"].isna()
    unmapped = sorted(mapped.loc[unmapped_rows, "industry"].unique().tolist())
    if unmapped:
        shown = ", ".join(unmapped[:10]) + (", ..." if len(unmapped) > 10 else "")
        warnings.append(
            f"{_count(len(unmapped), 'industry', 'industries')} not in the category mapping "
            f"left out ({_count(int(unmapped_rows.sum()), 'row')}): {shown}"
        )
    return mapped.loc[~unmapped_rows], unmapped


def _benchmark(
    table: pd.DataFrame, benchmark: pd.DataFrame | None, by_year: list[str], warnings: list[str]
) -> pd.DataFrame:
    """Benchmark ``E_c`` and ``E`` per (year,) category, with E over the categories of one type."""
    types = table[["category", "type"]].drop_duplicates()
    if benchmark is None:
        bench = table.groupby([*by_year, "category", "type"], as_index=False)["employment"].sum()
    else:
        _require(benchmark, ("category", "employment"), "benchmark")
        bench_year = ["year"] if "year" in benchmark.columns else []
        if bench_year and not by_year:
            raise ValueError("benchmark has a year column but employment has none")
        bench = benchmark[[*bench_year, "category", "employment"]].copy()
        bench["category"] = bench["category"].astype("str")
        bench["employment"] = pd.to_numeric(bench["employment"]).astype("float64")
        if bench.duplicated([*bench_year, "category"]).any():
            raise ValueError("benchmark lists a category more than once")
        needed = table[[*bench_year, "category"]].drop_duplicates()
        found = needed.merge(bench.dropna(subset="employment"), how="left", indicator=True)
        lacking = sorted(found.loc[found["_merge"] == "left_only", "category"].unique())
        if lacking:
            raise ValueError(
                f"benchmark has no employment for {len(lacking)} categories of the data: "
                + ", ".join(lacking[:10])
                + (", ..." if len(lacking) > 10 else "")
            )
        extra = sorted(set(bench["category"]) - set(types["category"]))
        if extra:
            # Their type is unknown, and counting them would make E cover categories E_r does not.
            warnings.append(
                f"{_count(len(extra), 'benchmark category', 'benchmark categories')} not in the "
                "data left out: " + ", ".join(extra[:10]) + (", ..." if len(extra) > 10 else "")
            )
        bench = bench.merge(types, on="category", how="inner")
        by_year = bench_year
    bench["benchmark_total"] = bench.groupby([*by_year, "type"])["employment"].transform("sum")
    bench = bench.rename(columns={"employment": "benchmark"})
    return bench[[*by_year, "category", "benchmark", "benchmark_total"]]
