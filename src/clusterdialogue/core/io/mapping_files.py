"""Read and check the CSV files of a cluster mapping run.

Three files, comma- (or semicolon-) separated, UTF-8, with a header line:

* employment: ``region,industry,employment`` and optionally ``establishments,wages,year``.
  A blank number is missing (not zero).
* categories: ``industry,category`` and optionally ``category_name,type``, where ``type`` is
  ``traded`` or ``local`` (blank means traded).
* benchmark: ``category,employment`` and optionally ``year``.

Every problem raises :class:`~clusterdialogue.core.io.errors.DataFileError` naming the file,
the line (the header is line 1) and the field, so the person who made the file can fix it.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from clusterdialogue.core.io._common import NUMBER_PATTERN, decode_text, read_bytes, source_name
from clusterdialogue.core.io.errors import DataFileError

__all__ = [
    "check_benchmark_coverage",
    "read_benchmark_csv",
    "read_categories_csv",
    "read_employment_csv",
]

Source = str | Path | BinaryIO
EMPLOYMENT_COLUMNS = (("region", "industry", "employment"), ("establishments", "wages", "year"))
CATEGORY_COLUMNS = (("industry", "category"), ("category_name", "type"))
BENCHMARK_COLUMNS = (("category", "employment"), ("year",))


def read_employment_csv(source: Source, *, name: str | None = None) -> pd.DataFrame:
    """Read employment per region and industry.

    Examples
    --------
    >>> text = b"region,industry,employment,year\\nDE11,C29,160445,2015\\nDE11,C28,,2015\\n"
    >>> read_employment_csv(io.BytesIO(text), name="E.csv")
      region industry  employment  year
    0   DE11      C29    160445.0  2015
    1   DE11      C28         NaN  2015
    """
    name = source_name(source, name)
    frame, lines = _read_table(source, name, *EMPLOYMENT_COLUMNS)
    _require_text(frame, lines, name, ["region", "industry"])
    for column in ("employment", "establishments", "wages"):
        if column in frame.columns:
            frame[column] = _numbers(frame[column], lines, name, column)
    if "year" in frame.columns:
        frame["year"] = _years(frame["year"], lines, name)
    keys = [column for column in ("year", "region", "industry") if column in frame.columns]
    _reject_duplicates(frame, lines, name, keys)
    return frame


def read_categories_csv(source: Source, *, name: str | None = None) -> pd.DataFrame:
    """Read the mapping of industries to categories, filling ``category_name`` and ``type``.

    Examples
    --------
    >>> text = b"industry,category,type\\nC29,automotive,traded\\nG47,retail,Local\\n"
    >>> read_categories_csv(io.BytesIO(text), name="C.csv")
      industry    category category_name    type
    0      C29  automotive    automotive  traded
    1      G47      retail        retail   local
    """
    name = source_name(source, name)
    frame, lines = _read_table(source, name, *CATEGORY_COLUMNS)
    _require_text(frame, lines, name, ["industry", "category"])
    _reject_duplicates(frame, lines, name, ["industry"])
    if "type" not in frame.columns:
        frame["type"] = ""
    frame["type"] = frame["type"].str.lower().replace("", "traded")
    unknown = ~frame["type"].isin(["traded", "local"])
    if unknown.any():
        row = unknown.idxmax()
        raise DataFileError(
            name,
            f"unknown type {frame.at[row, 'type']!r}; use 'traded' or 'local' (blank means traded)",
            line=int(lines[row]),
            field="type",
        )
    if "category_name" not in frame.columns:
        frame["category_name"] = ""
    named = frame["category_name"].where(frame["category_name"] != "")
    first_name = named.groupby(frame["category"]).transform("first")
    frame["category_name"] = named.fillna(first_name).fillna(frame["category"])
    for column in ("type", "category_name"):
        first = frame.groupby("category")[column].transform("first")
        differs = frame[column] != first
        if differs.any():
            row = differs.idxmax()
            category = frame.at[row, "category"]
            earlier = int(lines[(frame["category"] == category).idxmax()])
            raise DataFileError(
                name,
                f"category {category!r} has {column} {frame.at[row, column]!r} here but "
                f"{first[row]!r} on line {earlier}; give each category one {column}",
                line=int(lines[row]),
                field=column,
            )
    return frame[["industry", "category", "category_name", "type"]]


def read_benchmark_csv(source: Source, *, name: str | None = None) -> pd.DataFrame:
    """Read the benchmark area's employment per category (for example EU-28).

    Examples
    --------
    >>> read_benchmark_csv(io.BytesIO(b"category,employment\\nC29,2400000\\n"), name="B.csv")
      category  employment
    0      C29   2400000.0
    """
    name = source_name(source, name)
    frame, lines = _read_table(source, name, *BENCHMARK_COLUMNS)
    _require_text(frame, lines, name, ["category"])
    frame["employment"] = _numbers(frame["employment"], lines, name, "employment", blank=False)
    if "year" in frame.columns:
        frame["year"] = _years(frame["year"], lines, name)
    _reject_duplicates(frame, lines, name, [c for c in ("year", "category") if c in frame])
    return frame


def check_benchmark_coverage(
    benchmark: pd.DataFrame,
    employment: pd.DataFrame,
    categories: pd.DataFrame | None = None,
    *,
    name: str,
) -> None:
    """Check that the benchmark has employment for every category found in the data.

    Examples
    --------
    >>> employment = pd.DataFrame(
    ...     {"region": ["A"], "industry": ["C29"], "employment": [5.0]})
    >>> check_benchmark_coverage(
    ...     pd.DataFrame({"category": ["C28"], "employment": [1.0]}), employment, name="B.csv")
    Traceback (most recent call last):
    ...
    clusterdialogue.core.io.errors.DataFileError: B.csv, field 'category': no benchmark \
employment for 1 category found in the data: C29; add a row for each
    """
    data = employment.loc[employment["employment"].notna()]
    if categories is not None:
        data = data.merge(categories[["industry", "category"]], on="industry")
    else:
        data = data.assign(category=data["industry"])
    keys = ["category"]
    if "year" in benchmark.columns:
        if "year" not in data.columns:
            raise DataFileError(
                name, "has a year column but the employment file has none", field="year"
            )
        keys = ["year", "category"]
    needed = data[keys].drop_duplicates()
    found = needed.merge(benchmark[keys], how="left", indicator=True)
    lacking = found.loc[found["_merge"] == "left_only"]
    if len(lacking):
        shown = lacking["category"]
        if "year" in keys:
            shown = shown + " (" + lacking["year"].astype(str) + ")"
        shown = shown.tolist()
        raise DataFileError(
            name,
            f"no benchmark employment for {_count(len(shown), 'category', 'categories')} found "
            f"in the data: {_sample(shown)}; add a row for each",
            field="category",
        )


def _read_table(
    source: Source, name: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> tuple[pd.DataFrame, pd.Series]:
    """Read a CSV as stripped text; return the frame and each row's line number in the file."""
    text = decode_text(read_bytes(source, name), name)
    if not text.strip():
        raise DataFileError(
            name, f"the file is empty; it needs a header line with {', '.join(required)}"
        )
    header = text.split("\n", 1)[0]
    separator = ";" if header.count(";") > header.count(",") else ","
    try:
        # Blank lines are kept so that the row index maps to line numbers; dropped below.
        frame = pd.read_csv(
            io.StringIO(text),
            sep=separator,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
        )
    except pd.errors.ParserError as exc:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if not found:
            raise DataFileError(name, f"cannot read the file as CSV: {exc}".strip()) from exc
        expected, line, seen = map(int, found.groups())
        raise DataFileError(
            name,
            f"this line has {seen} fields but the header has {expected}; check the separators "
            "and quotes",
            line=line,
        ) from exc
    frame.columns = [str(column).strip().lower() for column in frame.columns]
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise DataFileError(
            name,
            f"missing required column(s) {', '.join(missing)}; required: {', '.join(required)} "
            f"(optional: {', '.join(optional)}); found: {', '.join(frame.columns)}",
            line=1,
        )
    frame = frame[[column for column in (*required, *optional) if column in frame.columns]]
    frame = frame.fillna("").apply(lambda column: column.str.strip())
    frame = frame.loc[(frame != "").any(axis=1)]
    if frame.empty:
        raise DataFileError(name, "the file has a header but no data rows")
    lines = pd.Series(frame.index + 2, index=frame.index)
    return frame, lines


def _require_text(frame: pd.DataFrame, lines: pd.Series, name: str, columns: list[str]) -> None:
    for column in columns:
        blank = frame[column] == ""
        if blank.any():
            raise DataFileError(
                name, f"{column} is empty", line=int(lines[blank.idxmax()]), field=column
            )


def _numbers(
    values: pd.Series, lines: pd.Series, name: str, column: str, *, blank: bool = True
) -> pd.Series:
    """Parse non-negative numbers; a blank is missing (NaN) when ``blank`` allows it."""
    empty = values == ""
    bad = ~values.str.fullmatch(NUMBER_PATTERN)
    if blank:
        bad &= ~empty
    if bad.any():
        row = bad.idxmax()
        what = "is empty" if values[row] == "" else f"is not a number: {values[row]!r}"
        raise DataFileError(
            name,
            f"{column} {what}{_more(bad)}; write a plain number such as 1234 or 12.5"
            + (", or leave the cell blank if the value is missing" if blank else ""),
            line=int(lines[row]),
            field=column,
        )
    numbers = pd.to_numeric(values.where(~empty)).astype("float64")
    negative = numbers < 0
    if negative.any():
        row = negative.idxmax()
        raise DataFileError(
            name,
            f"{column} is negative: {values[row]!r}{_more(negative)}; counts cannot be below 0",
            line=int(lines[row]),
            field=column,
        )
    return numbers


def _years(values: pd.Series, lines: pd.Series, name: str) -> pd.Series:
    bad = ~values.str.fullmatch(r"\d{4}")
    if bad.any():
        row = bad.idxmax()
        raise DataFileError(
            name,
            f"year is not a four-digit year: {values[row]!r}{_more(bad)}",
            line=int(lines[row]),
            field="year",
        )
    return values.astype("int64")


def _reject_duplicates(frame: pd.DataFrame, lines: pd.Series, name: str, keys: list[str]) -> None:
    repeated = frame.duplicated(keys)
    if repeated.any():
        row = repeated.idxmax()
        same = (frame[keys] == frame.loc[row, keys]).all(axis=1)
        first = int(lines[same.idxmax()])
        what = ", ".join(f"{key} {frame.at[row, key]!r}" for key in keys)
        raise DataFileError(
            name,
            f"duplicate row for {what} (also on line {first}){_more(repeated)}; "
            f"each combination of {_and(keys)} may appear only once"
            if len(keys) > 1
            else f"each {keys[0]} may appear only once",
            line=int(lines[row]),
            field=keys[-1],
        )


def _and(words: list[str]) -> str:
    return ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else words[0]


def _more(mask: pd.Series) -> str:
    others = int(mask.sum()) - 1
    return f" (and {_count(others, 'more line', 'more lines')})" if others else ""


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _sample(items: list[str], limit: int = 10) -> str:
    return ", ".join(items[:limit]) + (f", ... ({len(items)} in all)" if len(items) > limit else "")
