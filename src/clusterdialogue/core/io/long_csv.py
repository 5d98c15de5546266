"""Read regional statistics from the platform's documented long CSV format.

Networks whose statistics do not come from Eurostat (for example regions outside Europe)
supply them as one CSV file in this "long" format: one row per number.

Format
------
* UTF-8 text (a byte-order mark is allowed), comma-separated, optionally gzip-compressed.
  Quote a cell with double quotes when it contains a comma. Cells cannot span lines.
* The first line is the header. Required columns, in any order: ``region``, ``industry``,
  ``year``, ``indicator``, ``value``. One optional column: ``flag``. No other column is
  allowed (a misspelt column would otherwise be silently ignored). Column names are
  case-insensitive.
* ``region``: the region's code, e.g. a NUTS code (``ES51``) or any code your network uses
  consistently. Not empty.
* ``industry``: the activity code, e.g. a NACE division in SBS form (``C29``) or a code of
  your national classification. Not empty.
* ``year``: the reference year, a whole number from 1900 to 2100.
* ``indicator``: what is counted, e.g. ``persons_employed``, ``local_units`` or a Eurostat
  code such as ``V16110``. Not empty. Keep units in the indicator name when they matter
  (``wages_meur``).
* ``value``: a number of 0 or more with a decimal point, not a comma (``1234``, ``12.5``,
  ``1.2e3``); no thousands separators. Leave it empty when the number is not available:
  missing is never zero.
* ``flag`` (optional): a short note on the value, e.g. Eurostat's letters ``c``
  (confidential), ``p`` (provisional), ``e`` (estimated), ``u`` (low reliability). A row with
  an empty value is kept only when it has a flag (so that "confidential" is not lost);
  otherwise it is skipped.
* Each (``region``, ``industry``, ``year``, ``indicator``) combination appears at most once.
* Blank lines are ignored. White space around cells is ignored.

Example::

    region,industry,year,indicator,value,flag
    ES51,C29,2014,persons_employed,37137,
    FR71,C29,2015,persons_employed,,c
    ITC4,C29,2014,persons_employed,19811,p

Errors name the file, the line (the header is line 1) and the column, and say how to fix
the problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from clusterdialogue.core.io._common import (
    NUMBER_PATTERN,
    decode_text,
    read_bytes,
    read_csv_records,
    source_name,
)
from clusterdialogue.core.io.errors import DataFileError

__all__ = [
    "LONG_CSV_COLUMNS",
    "LONG_CSV_KEY",
    "LONG_CSV_OPTIONAL",
    "LONG_CSV_REQUIRED",
    "MAX_YEAR",
    "MIN_YEAR",
    "read_long_csv",
]

#: Columns every long CSV file must have.
LONG_CSV_REQUIRED = ("region", "industry", "year", "indicator", "value")
#: Columns a long CSV file may have.
LONG_CSV_OPTIONAL = ("flag",)
#: Columns of the frame returned by :func:`read_long_csv` (``line`` is the row's line number).
LONG_CSV_COLUMNS = (*LONG_CSV_REQUIRED, "flag", "line")
#: The columns that identify a row; each combination may appear once.
LONG_CSV_KEY = ("region", "industry", "year", "indicator")
MIN_YEAR = 1900
MAX_YEAR = 2100


def read_long_csv(source: str | Path | BinaryIO, *, name: str | None = None) -> pd.DataFrame:
    """Read statistics in the platform's long CSV format (see the module documentation).

    Parameters
    ----------
    source : str, Path or binary file object
        The CSV file, plain or gzip-compressed (detected from the content).
    name : str, optional
        The name used in error messages; defaults to the path or the stream's ``name``.

    Returns
    -------
    pandas.DataFrame
        Columns ``region, industry, year, indicator, value, flag, line``, rows in file order:
        ``year`` int64, ``value`` float64 (NaN when missing), ``line`` int64 (the row's line
        in the file, for error messages of later checks), the others strings (``flag`` is
        ``''`` when none). Rows with an empty value and no flag are left out.

    Raises
    ------
    DataFileError
        For a missing, unknown or repeated column, a row with the wrong number of fields, an
        empty code, a year that is not a whole number from 1900 to 2100, a value that is not
        a number of 0 or more, or a repeated (region, industry, year, indicator) row. The
        message names the line (header = line 1) and the column.

    Examples
    --------
    >>> import io
    >>> text = (
    ...     "region,industry,year,indicator,value,flag\\n"
    ...     "ES51,C29,2014,persons_employed,37137,\\n"
    ...     "FR71,C29,2015,persons_employed,,c\\n"
    ...     "FR71,C30,2015,persons_employed,,\\n"
    ... )
    >>> df = read_long_csv(io.BytesIO(text.encode()), name="stats.csv")
    >>> df.values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['ES51', 'C29', 2014, 'persons_employed', 37137.0, '', 2],
     ['FR71', 'C29', 2015, 'persons_employed', nan, 'c', 3]]
    """
    fname = source_name(source, name)
    text = decode_text(read_bytes(source, fname), fname)
    if not text.strip():
        raise DataFileError(
            fname,
            "the file is empty; it needs the header "
            f"'{','.join(LONG_CSV_REQUIRED)},flag' and one row per value",
        )
    header, records, lines = read_csv_records(text, fname)
    header = [h.lower() for h in header]
    allowed = (*LONG_CSV_REQUIRED, *LONG_CSV_OPTIONAL)
    unknown = [h for h in header if h not in allowed]
    if unknown:
        hint = " (the separator must be a comma)" if any(";" in h for h in unknown) else ""
        raise DataFileError(
            fname,
            f"unknown column {unknown[0]!r}{hint}; the allowed columns are "
            f"{', '.join(LONG_CSV_REQUIRED)} (required) and {', '.join(LONG_CSV_OPTIONAL)} "
            "(optional)",
            line=1,
            field=unknown[0],
        )
    missing = [c for c in LONG_CSV_REQUIRED if c not in header]
    if missing:
        raise DataFileError(
            fname,
            f"missing required column(s) {', '.join(missing)}; the header must contain "
            f"{', '.join(LONG_CSV_REQUIRED)} and may contain {', '.join(LONG_CSV_OPTIONAL)}",
            line=1,
            field=missing[0],
        )
    line_numbers = np.asarray(lines, dtype=np.int64)
    n = len(records)
    columns = list(zip(*records, strict=True)) if records else [() for _ in header]
    raw = {
        c: pd.Series(list(values), dtype="str").str.strip()
        for c, values in zip(header, columns, strict=True)
    }
    if "flag" not in raw:
        raw["flag"] = pd.Series([""] * n, dtype="str")

    def fail(mask: np.ndarray | pd.Series, column: str, message: str) -> None:
        where = np.flatnonzero(np.asarray(mask, dtype=bool))
        if where.size:
            i = int(where[0])
            cell = raw[column].iloc[i]
            raise DataFileError(
                fname,
                message.format(cell=cell),
                line=int(line_numbers[i]),
                field=column,
            )

    for column in ("region", "industry", "indicator"):
        fail(raw[column] == "", column, f"{column} is empty; every row needs a {column} code")

    year_text = raw["year"]
    fail(
        ~year_text.str.fullmatch(r"[+-]?\d{1,9}"),
        "year",
        "year {cell!r} is not a whole number; write the year as e.g. 2015",
    )
    years = year_text.astype("int64").to_numpy() if n else np.empty(0, dtype=np.int64)
    fail(
        (years < MIN_YEAR) | (years > MAX_YEAR),
        "year",
        f"year {{cell}} is outside {MIN_YEAR}-{MAX_YEAR}; check the column order",
    )

    value_text = raw["value"]
    empty_value = (value_text == "").to_numpy()
    is_number = value_text.str.fullmatch(NUMBER_PATTERN).to_numpy(dtype=bool)
    bad = ~empty_value & ~is_number
    if bad.any():
        cell = value_text.iloc[int(np.flatnonzero(bad)[0])]
        if "," in cell:
            hint = "use a decimal point, not a comma, and no thousands separators"
        elif " " in cell:
            hint = "remove the spaces (no thousands separators)"
        else:
            hint = "write a plain number such as 1234 or 12.5, or leave the cell empty if missing"
        fail(bad, "value", "value {cell!r} is not a number; " + hint)
    values = np.full(n, np.nan)
    values[~empty_value] = value_text[~empty_value].astype("float64").to_numpy()
    fail(
        values < 0,
        "value",
        "value {cell} is negative; values must be 0 or more (leave the cell empty if missing)",
    )

    key = pd.DataFrame({c: raw[c] for c in LONG_CSV_KEY if c != "year"})
    key["year"] = years
    dup = key.duplicated(keep=False).to_numpy()
    if dup.any():
        first_seen: dict[tuple[object, ...], int] = {}
        for i in np.flatnonzero(dup):
            row_key = tuple(key.iloc[int(i)][list(LONG_CSV_KEY)])
            if row_key in first_seen:
                described = ", ".join(
                    f"{c}={v}" for c, v in zip(LONG_CSV_KEY, row_key, strict=True)
                )
                raise DataFileError(
                    fname,
                    f"the row for {described} appears on line {line_numbers[first_seen[row_key]]}"
                    f" and again on line {line_numbers[i]}; each region, industry, year and "
                    "indicator may appear only once, remove or merge one of the rows",
                    line=int(line_numbers[i]),
                )
            first_seen[row_key] = int(i)

    keep = ~(np.isnan(values) & (raw["flag"] == "").to_numpy())
    frame = pd.DataFrame(
        {
            "region": raw["region"],
            "industry": raw["industry"],
            "year": years,
            "indicator": raw["indicator"],
            "value": values,
            "flag": raw["flag"],
            "line": line_numbers,
        }
    )
    frame = frame[keep].reset_index(drop=True)
    return frame
