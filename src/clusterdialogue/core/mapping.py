"""Regional cluster mapping: location quotients, ECO stars and US Cluster Mapping strength flags.

The entry point is :func:`map_clusters`. It takes employment per region and industry, groups
industries into categories (industries or cluster categories), and returns one row per
(year,) region and category. Pure pandas: the web app and the command line both call it.

The star and strength criteria live in :mod:`clusterdialogue.core.mapping_criteria`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from clusterdialogue.core.mapping_criteria import (
    CMP_FLAGS,
    ECO_STARS,
    NO_ESTABLISHMENTS,
    GroupLayout,
    criteria_columns,
)

__all__ = ["CATEGORY_TYPES", "MappingResult", "location_quotient", "map_clusters"]

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
    rows = _prepare_employment(employment, warnings)
    _apply_categories(rows, categories, warnings)
    cells = _Cells(rows)
    table: dict[str, object] = {}
    if rows.years is not None:
        table["year"] = cells.take(rows.years, cells.year)
    table["region"] = cells.take(rows.regions, cells.region)
    table["category"] = cells.take(rows.categories, cells.category)
    table["category_name"] = cells.take(rows.category_names, cells.category)
    type_codes = rows.category_types[cells.category]
    table["type"] = cells.take(_TYPE_NAMES, type_codes)
    measures = {name: cells.sum(values) for name, values in rows.measures.items()}
    table.update(measures)
    employment_sum = measures["employment"]
    # E_r over the categories of the same type, in table order as pandas summed it.
    region_type = (cells.year * cells.nregions + cells.region) * len(CATEGORY_TYPES) + type_codes
    region_total = _exact_sum(employment_sum, region_type, None)[region_type]
    table["region_total"] = region_total
    with np.errstate(invalid="ignore", divide="ignore"):
        table["share"] = employment_sum / region_total
    group = cells.year * cells.ncategories + cells.category
    bench, bench_total = _benchmark(rows, cells, group, employment_sum, benchmark, warnings)
    lq = location_quotient(employment_sum, region_total, bench[group], bench_total[group])
    table["lq"] = lq
    with np.errstate(invalid="ignore"):
        orphan = (employment_sum > 0) & np.isnan(lq) & (region_total > 0)
    if orphan.any():
        warnings.append(
            f"{_count(int(orphan.sum()), 'region-category cell')} with employment where the "
            "benchmark has none; their location quotient is left empty"
        )
    if not len(group):
        warnings.append("no employment left to map")
    with np.errstate(invalid="ignore"):
        present = employment_sum > 0
    dense_size = cells.nyears * cells.ncategories * cells.nregions
    if dense_size <= 4 * len(group) + (1 << 20):
        # (year, category) x region: the region code is the slot, no grouping needed.
        layout = GroupLayout(
            np.where(present, group, -1),
            cells.nyears * cells.ncategories,
            slot=cells.region,
            width=cells.nregions,
        )
    else:  # sparse data: a full grid would be mostly empty
        layout = GroupLayout(np.where(present, group, -1), cells.nyears * cells.ncategories)
    has_establishments = "establishments" in measures
    if not has_establishments:
        warnings.append(NO_ESTABLISHMENTS)
    table.update(
        criteria_columns(
            employment=employment_sum,
            share=table["share"],
            lq=lq,
            establishments=measures["establishments"] if has_establishments else None,
            local=type_codes == _LOCAL,
            layout=layout,
        )
    )
    order = [*_KEYS, *measures, *_DERIVED]
    frame = pd.DataFrame({name: table[name] for name in order if name in table}, copy=False)
    return MappingResult(table=frame, warnings=warnings, unmapped_industries=rows.unmapped)


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _require(frame: pd.DataFrame, required: tuple[str, ...], what: str) -> None:
    missing = [name for name in required if name not in frame.columns]
    if missing:
        raise ValueError(
            f"{what} lacks the column(s) {', '.join(missing)}; required: {', '.join(required)}; "
            f"found: {', '.join(map(str, frame.columns))}"
        )


@dataclass
class _Rows:
    """The employment rows as integer codes and float64 measures (rows of missing employment out).

    Every code list is sorted the way pandas sorts group keys, so the order of the codes is the
    order of the table.
    """

    regions: pd.api.extensions.ExtensionArray
    region: np.ndarray
    industries: np.ndarray
    industry: np.ndarray
    years: pd.Index | None
    year: np.ndarray
    measures: dict[str, np.ndarray]
    categories: pd.api.extensions.ExtensionArray | None = None
    category_names: pd.api.extensions.ExtensionArray | None = None
    category_types: np.ndarray | None = None
    category: np.ndarray | None = None
    unmapped: list[str] = field(default_factory=list)

    def keep(self, rows: np.ndarray) -> None:
        self.region, self.industry, self.year = (
            self.region[rows],
            self.industry[rows],
            self.year[rows],
        )
        self.measures = {name: values[rows] for name, values in self.measures.items()}
        if self.category is not None:
            self.category = self.category[rows]


def _codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes in sorted order of the values (-1 for missing) and the sorted values."""
    if values.dtype == "str":
        # An object array factorizes about three times faster than the string column.
        values = values.to_numpy(dtype=object)
    codes, uniques = pd.factorize(values, sort=True)
    return codes.astype(np.int64, copy=False), uniques


def _strings(values: np.ndarray | pd.Index) -> pd.api.extensions.ExtensionArray:
    return pd.array(np.asarray(values, dtype=object), dtype="str")


def _prepare_employment(employment: pd.DataFrame, warnings: list[str]) -> _Rows:
    _require(employment, ("region", "industry", "employment"), "employment")
    # Codes such as NACE "05" must stay text so that they match the category mapping.
    region, regions = _codes(employment["region"].astype("str"))
    industry, industries = _codes(employment["industry"].astype("str"))
    measures: dict[str, np.ndarray] = {}
    for name in MEASURES:
        if name in employment.columns:
            values = pd.to_numeric(employment[name]).astype("float64").to_numpy()
            if name != "employment" and np.isnan(values).all():
                # A column with no values says nothing: treat it as absent rather than
                # turning every strength flag into "unknown".
                warnings.append(f"the {name} column has no values and was left out")
                continue
            measures[name] = values
    keys = ["region", "industry"]
    if "year" in employment.columns:
        year, years = _codes(employment["year"])
        keys.insert(0, "year")
    else:
        year, years = np.zeros(len(region), dtype=np.int64), None
    if (region < 0).any() or (industry < 0).any() or (year < 0).any():
        # Grouping would drop such rows without a word.
        raise ValueError(f"employment has rows without a {' or '.join(keys)}")
    key = (year * len(regions) + region) * len(industries) + industry
    if _has_repeats(
        key, max(len(years) if years is not None else 1, 1) * len(regions) * len(industries)
    ):
        raise ValueError(f"employment has duplicate rows for the same {', '.join(keys)}")
    values = measures["employment"]
    if (values < 0).any():
        raise ValueError("employment has negative values")
    rows = _Rows(_strings(regions), region, industries, industry, years, year, measures)
    missing = np.isnan(values)
    if missing.any():
        warnings.append(
            f"{_count(int(missing.sum()), 'row')} with missing employment left out "
            "(missing is not counted as zero)"
        )
        rows.keep(~missing)
    return rows


def _has_repeats(key: np.ndarray, size: int) -> bool:
    if size <= 4 * len(key) + (1 << 20):
        return bool(np.bincount(key, minlength=size).max(initial=0) > 1)
    return len(np.unique(key)) < len(key)


def _category_mapping(categories: pd.DataFrame) -> pd.DataFrame:
    """The checked ``industry,category,category_name,type`` table (names and types filled in)."""
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
    return mapping[["industry", "category", "category_name", "type"]]


def frame_categories_apply(
    frame: pd.DataFrame, categories: pd.DataFrame | None, warnings: list[str]
) -> tuple[pd.DataFrame, list[str]]:
    """Add ``category,category_name,type`` to an employment frame, as the mapping engine maps.

    Rows of industries not in ``categories`` are left out, with a warning; returns the mapped
    frame and the unmapped industries. Used by the complexity engine, which works on frames.
    """
    if categories is None:
        return frame.assign(
            category=frame["industry"], category_name=frame["industry"], type="traded"
        ), []
    mapped = frame.merge(_category_mapping(categories), on="industry", how="left")
    unmapped_rows = mapped["category"].isna()
    unmapped = sorted(mapped.loc[unmapped_rows, "industry"].unique().tolist())
    if unmapped:
        shown = ", ".join(unmapped[:10]) + (", ..." if len(unmapped) > 10 else "")
        warnings.append(
            f"{_count(len(unmapped), 'industry', 'industries')} not in the category mapping "
            f"left out ({_count(int(unmapped_rows.sum()), 'row')}): {shown}"
        )
    return mapped.loc[~unmapped_rows], unmapped


def _apply_categories(rows: _Rows, categories: pd.DataFrame | None, warnings: list[str]) -> None:
    if categories is None:
        rows.categories = rows.category_names = _strings(rows.industries)
        rows.category_types = np.zeros(len(rows.industries), dtype=np.int64)
        rows.category = rows.industry
        return
    mapping = _category_mapping(categories)
    category, labels = _codes(mapping["category"])
    names = np.empty(len(labels), dtype=object)
    names[category] = mapping["category_name"].to_numpy(dtype=object)
    types = np.zeros(len(labels), dtype=np.int64)
    types[category] = (mapping["type"] == "local").to_numpy(dtype=np.int64)
    rows.categories, rows.category_names = _strings(labels), _strings(names)
    rows.category_types = types
    listed = pd.Index(mapping["industry"].to_numpy(dtype=object)).get_indexer(rows.industries)
    # -1 (not listed) picks the -1 put after the codes.
    of_industry = np.append(category, -1)[listed]
    rows.category = of_industry[rows.industry]
    unmapped_rows = rows.category < 0
    if unmapped_rows.any():
        unmapped = [str(name) for name in rows.industries[np.unique(rows.industry[unmapped_rows])]]
        shown = ", ".join(unmapped[:10]) + (", ..." if len(unmapped) > 10 else "")
        warnings.append(
            f"{_count(len(unmapped), 'industry', 'industries')} not in the category mapping "
            f"left out ({_count(int(unmapped_rows.sum()), 'row')}): {shown}"
        )
        rows.unmapped = unmapped
        rows.keep(~unmapped_rows)


class _Cells:
    """The (year, region, category) cells of the table, in table order, and their rows."""

    def __init__(self, rows: _Rows) -> None:
        self.nyears = len(rows.years) if rows.years is not None else 1
        self.nregions, self.ncategories = len(rows.regions), len(rows.categories)
        key = (rows.year * self.nregions + rows.region) * self.ncategories + rows.category
        size = self.nyears * self.nregions * self.ncategories
        if size <= 4 * len(key) + (1 << 20):
            counts = np.bincount(key, minlength=size)
            cells = np.flatnonzero(counts)
            self.single = bool(counts.max(initial=0) <= 1)
            self.row_cell = (np.cumsum(counts > 0) - 1)[key]
        else:
            cells, self.row_cell = np.unique(key, return_inverse=True)
            self.single = len(cells) == len(key)
        self.year = cells // (self.nregions * self.ncategories)
        self.region = cells // self.ncategories % self.nregions
        self.category = cells % self.ncategories

    def __len__(self) -> int:
        return len(self.category)

    @staticmethod
    def take(labels, codes: np.ndarray):
        values = labels.take(codes)
        return values.array if isinstance(values, pd.Index) else values

    def sum(self, values: np.ndarray) -> np.ndarray:
        """Per cell, the sum of its rows; one unknown value makes the sum unknown."""
        if self.single:
            out = np.empty(len(self))
            out[self.row_cell] = values + 0.0  # 0.0 + x, as a sum of one
            return out
        return _exact_sum(values, self.row_cell, len(self), skipna=False)


def _exact_sum(
    values: np.ndarray, codes: np.ndarray, size: int | None, *, skipna: bool = True
) -> np.ndarray:
    """Sum per code, bit for bit as pandas ``groupby().sum()`` on the rows in this order.

    Whole numbers whose total stays below 2**53 (head counts) sum exactly in any order, so
    ``np.bincount`` does; other values go through pandas' compensated (Kahan) summation.
    """
    size = int(codes.max(initial=-1)) + 1 if size is None else size
    known = values[~np.isnan(values)]
    whole = not np.isinf(known).any() and (known == np.trunc(known)).all()
    if whole and np.abs(known).sum() < 2.0**53:
        return np.bincount(codes, weights=values, minlength=size).astype(np.float64, copy=False)
    sums = pd.Series(values).groupby(codes).sum(skipna=skipna)
    return sums.reindex(range(size), fill_value=0.0).to_numpy(dtype=np.float64)


_TYPE_NAMES = _strings(np.array(CATEGORY_TYPES, dtype=object))
_LOCAL = CATEGORY_TYPES.index("local")
_KEYS = ["year", "region", "category", "category_name", "type"]
_DERIVED = ["region_total", "share", "lq", "lq_rank", *ECO_STARS, "stars", *CMP_FLAGS]


def _benchmark(
    rows: _Rows,
    cells: _Cells,
    group: np.ndarray,
    employment: np.ndarray,
    benchmark: pd.DataFrame | None,
    warnings: list[str],
) -> tuple[np.ndarray, np.ndarray]:
    """Benchmark ``E_c`` and ``E`` per (year, category) group, E over the categories of a type."""
    ngroups = cells.nyears * cells.ncategories
    groups = np.flatnonzero(np.bincount(group, minlength=ngroups))
    types = rows.category_types[groups % cells.ncategories]
    if benchmark is None:
        bench = _exact_sum(employment, group, ngroups)
        year_type = groups // cells.ncategories * len(CATEGORY_TYPES) + types
        total = np.full(ngroups, np.nan)
        total[groups] = _exact_sum(bench[groups], year_type, None)[year_type]
        return bench, total
    by_year = ["year"] if rows.years is not None else []
    found = pd.DataFrame(
        {
            "category": cells.take(rows.categories, groups % cells.ncategories),
            "type": cells.take(_TYPE_NAMES, types),
        }
    )
    if by_year:
        found.insert(0, "year", cells.take(rows.years, groups // cells.ncategories))
    table = _benchmark_table(found, benchmark, by_year, warnings)
    keys = table.columns.drop(["benchmark", "benchmark_total"]).tolist()
    merged = found.merge(table, on=keys, how="left")
    bench, total = np.full(ngroups, np.nan), np.full(ngroups, np.nan)
    bench[groups] = merged["benchmark"].to_numpy(dtype=np.float64)
    total[groups] = merged["benchmark_total"].to_numpy(dtype=np.float64)
    return bench, total


def _benchmark_table(
    table: pd.DataFrame, benchmark: pd.DataFrame, by_year: list[str], warnings: list[str]
) -> pd.DataFrame:
    """The given benchmark, checked against the (year,) categories of ``table``."""
    types = table[["category", "type"]].drop_duplicates()
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
    bench["benchmark_total"] = bench.groupby([*bench_year, "type"])["employment"].transform("sum")
    bench = bench.rename(columns={"employment": "benchmark"})
    return bench[[*bench_year, "category", "benchmark", "benchmark_total"]]
