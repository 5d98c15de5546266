r"""Read Eurostat bulk TSV files into a tidy table.

Eurostat publishes every dataset as a tab-separated file, usually gzip-compressed::

    nace_r2,indic_sb,geo\time	2015 	2014 	2013
    C29,V16110,DE11	160445 	158012 	153115
    C29,V16110,FR71	: c	25694 	: c

The first column joins the codes of every dimension with commas; its header names the
dimensions and ends with ``\time`` (older bulk files) or ``\TIME_PERIOD`` (files from the
dissemination API, which also start with a ``freq`` dimension). Each further column is one
year. A cell holds a value and optional flags separated by a space: ``160445``, ``129101 d``,
``14.3 u``, ``4.0 bu``; a colon stands for a missing value (``:``, ``: c``).

Flags: b = break in time series, c = confidential, d = definition differs, e = estimated,
i = see metadata, n = not significant, p = provisional, r = revised, s = Eurostat estimate,
u = low reliability, z = not applicable.

Source: Eurostat (re-use allowed with acknowledgement, Commission Decision 2011/833/EU).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from clusterdialogue.core.io._common import (
    NUMBER_PATTERN,
    decode_text,
    read_bytes,
    source_name,
)
from clusterdialogue.core.io.errors import DataFileError

__all__ = [
    "EUROSTAT_DATASETS",
    "EUROSTAT_FLAGS",
    "EurostatDataset",
    "eurostat_dataset_code",
    "read_eurostat_tsv",
]


@dataclass(frozen=True)
class EurostatDataset:
    """What a known Eurostat dataset holds.

    Attributes
    ----------
    code : str
        The dataset code, e.g. ``"sbs_r_nuts06_r2"``.
    title : str
        Eurostat's title.
    indicator_dimension : str
        The dimension whose codes say what is measured (``indic_sb`` for SBS, ``unit`` for
        the LFS table, which has a single indicator).
    indicators : dict of str to str
        Meaning (with unit) of each code of ``indicator_dimension``.
    nace_dimension : str
        The dimension holding the NACE Rev. 2 activity.
    nace_grouping : str
        Which NACE codes appear there.
    nuts_version : str
        The NUTS version of the ``geo`` codes.
    note : str
        Anything a user should know before using the numbers.
    platform_indicators : dict of str to str
        The platform's indicator code for each of this dataset's codes that means the same
        (``EMP_LOC_NR`` persons employed is the platform's ``V16110``); codes not listed keep
        their own.
    continues : str
        The dataset whose series this one continues, with a break in the series before
        ``first_year`` (another regulation, another NUTS version).
    first_year : int or None
        The first reference year of the dataset, where it continues another.
    dimensions : tuple of str
        The dimensions in the order of the dissemination API's key and TSV header, for the
        download in parts (empty when the dataset is downloaded whole).
    """

    code: str
    title: str
    indicator_dimension: str
    indicators: dict[str, str] = field(default_factory=dict)
    nace_dimension: str = "nace_r2"
    nace_grouping: str = ""
    nuts_version: str = ""
    note: str = ""
    platform_indicators: dict[str, str] = field(default_factory=dict)
    continues: str = ""
    first_year: int | None = None
    dimensions: tuple[str, ...] = ()


#: The Eurostat datasets the platform knows, by dataset code.
EUROSTAT_DATASETS: dict[str, EurostatDataset] = {
    "sbs_r_nuts06_r2": EurostatDataset(
        code="sbs_r_nuts06_r2",
        title="SBS data by NUTS 2 regions and NACE Rev. 2 (from 2008 onwards)",
        indicator_dimension="indic_sb",
        indicators={
            "V11210": "Local units - number",
            "V13320": "Wages and salaries - million EUR",
            "V16110": "Persons employed - number",
            "V91290": "Growth rate of employment - % (change on the previous year)",
            "V94310": "Share of employment in the NACE section - % (division / its section)",
        },
        nace_grouping=(
            "NACE Rev. 2 sections B-N (no K), their divisions, S95, and the groups of G45-G47 "
            "written without a dot (G451 = 45.1); no total of the business economy"
        ),
        nuts_version="NUTS 2013 (levels 0-2)",
        note=(
            "Confidential cells (': c') make sums over regions or activities incomplete; "
            "missing is never zero."
        ),
    ),
    "sbs_r_nuts2021": EurostatDataset(
        code="sbs_r_nuts2021",
        title="SBS by NUTS regions and NACE Rev. 2 (from 2021 onwards)",
        indicator_dimension="indic_sbs",
        indicators={
            "EMP_LOC_NR": "Persons employed in local units - number",
            "LOC_NR": "Local units - number",
        },
        nace_grouping="NACE Rev. 2 sections and divisions of the business economy",
        nuts_version="NUTS 2021",
        note=(
            "Continues sbs_r_nuts06_r2 from reference year 2021 under the European Business "
            "Statistics regulation and NUTS 2021 codes: a break in the series between 2020 "
            "and 2021. Confidential cells (': c') are kept as flags; missing is never zero."
        ),
        platform_indicators={"EMP_LOC_NR": "V16110", "LOC_NR": "V11210"},
        continues="sbs_r_nuts06_r2",
        first_year=2021,
        dimensions=("freq", "indic_sbs", "nace_r2", "geo"),
    ),
    "lfst_r_lfe2en2": EurostatDataset(
        code="lfst_r_lfe2en2",
        title="Employment by age, economic activity and NUTS 2 regions (NACE Rev. 2)",
        indicator_dimension="unit",
        indicators={"THS": "Employment (LFS), thousand persons"},
        nace_grouping=(
            "the A*10 grouping: A, B-E, F, G-I, J, K, L, M_N, O-Q, R-U, plus NRP (no response) "
            "and TOTAL"
        ),
        nuts_version="NUTS 2013 (levels 0-2) and EU aggregates",
        note="Labour force survey: covers all sectors, public ones included; flag u = low "
        "reliability (small sample).",
    ),
}

#: Meaning of Eurostat's one-letter flags.
EUROSTAT_FLAGS: dict[str, str] = {
    "b": "break in time series",
    "c": "confidential",
    "d": "definition differs",
    "e": "estimated",
    "f": "forecast",
    "i": "see metadata",
    "n": "not significant",
    "p": "provisional",
    "r": "revised",
    "s": "Eurostat estimate",
    "u": "low reliability",
    "z": "not applicable",
}

_TIME_SUFFIXES = ("\\time", "\\TIME_PERIOD")
_DIMENSION_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_YEAR_RE = re.compile(r"^\d{4}$")
# A value or ':' then optional flag letters, separated by white space (none needed after ':').
_CELL_RE = re.compile(rf"^\s*(:|{NUMBER_PATTERN})(?:(?:\s+|(?<=:))([A-Za-z]+))?\s*$")
_EXPECTED_HEADER = (
    "the dimension names joined by commas and ending in '\\time' or '\\TIME_PERIOD' "
    "(e.g. 'nace_r2,indic_sb,geo\\time'), then one tab-separated column per year "
    "(e.g. '2015')"
)
_SUFFIXES = (".tsv.gz", ".tsv", ".gz", ".csv.gz", ".csv", ".txt")


def eurostat_dataset_code(path: str | Path) -> str:
    """Guess the Eurostat dataset code from a file name.

    Extensions (``.tsv.gz``, ``.tsv``, ...) and the ``estat_`` prefix used by the
    dissemination API are removed. If the rest starts with the code of a known dataset
    followed by ``_`` (as in derived extracts), that code is returned.

    Parameters
    ----------
    path : str or Path
        The file path or name.

    Returns
    -------
    str
        The dataset code, in lower case.

    Raises
    ------
    DataFileError
        When the name cannot be a dataset code.

    Examples
    --------
    >>> eurostat_dataset_code("data/eurostat/sbs_r_nuts06_r2.tsv.gz")
    'sbs_r_nuts06_r2'
    >>> eurostat_dataset_code("estat_lfst_r_lfe2en2.tsv")
    'lfst_r_lfe2en2'
    >>> eurostat_dataset_code("sbs_r_nuts06_r2_four_motors_long.csv")
    'sbs_r_nuts06_r2'
    """
    name = Path(path).name
    stem = name
    lowered = stem.lower()
    for suffix in _SUFFIXES:
        if lowered.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    stem = stem.lower()
    if stem.startswith("estat_"):
        stem = stem[len("estat_") :]
    if stem in EUROSTAT_DATASETS:
        return stem
    for code in sorted(EUROSTAT_DATASETS, key=len, reverse=True):
        if stem.startswith(code + "_"):
            return code
    if not re.fullmatch(r"[a-z][a-z0-9_]*", stem):
        raise DataFileError(
            str(path),
            f"cannot guess a Eurostat dataset code from the file name {name!r}; name the file "
            "after the dataset, e.g. 'sbs_r_nuts06_r2.tsv.gz'",
        )
    return stem


def read_eurostat_tsv(source: str | Path | BinaryIO, *, name: str | None = None) -> pd.DataFrame:
    r"""Read a Eurostat bulk TSV file (gzip-compressed or not) into a tidy table.

    Compression is detected from the content (gzip magic bytes), not from the file name.

    Parameters
    ----------
    source : str, Path or binary file object
        The file to read.
    name : str, optional
        The name used in error messages; defaults to the path or the stream's ``name``.

    Returns
    -------
    pandas.DataFrame
        One row per cell, with one string column per dimension named as in the header
        (a ``freq`` dimension with a single value is dropped), then ``year`` (int64),
        ``value`` (float64, NaN when missing) and ``flag`` (str, ``''`` when none). Rows are
        in file order, years ascending within a row. Missing cells are kept only when
        flagged (``': c'`` gives NaN with flag ``'c'``, confidentiality matters); plain
        ``':'`` cells are dropped. Missing is never zero.

    Raises
    ------
    DataFileError
        When the file is missing, empty, not gzip/UTF-8 text, has a wrong header, a row with
        the wrong number of fields or dimension codes, a repeated row, or a malformed cell.
        The message names the line (header = line 1) and the year column.

    Examples
    --------
    >>> import io
    >>> tsv = (
    ...     "nace_r2,indic_sb,geo\\time\t2015 \t2014 \n"
    ...     "C29,V16110,DE11\t160445 \t158012 \n"
    ...     "C29,V16110,FR71\t: c\t: \n"
    ... )
    >>> df = read_eurostat_tsv(io.BytesIO(tsv.encode()), name="sbs.tsv")
    >>> list(df.columns)
    ['nace_r2', 'indic_sb', 'geo', 'year', 'value', 'flag']
    >>> df.values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['C29', 'V16110', 'DE11', 2014, 158012.0, ''],
     ['C29', 'V16110', 'DE11', 2015, 160445.0, ''],
     ['C29', 'V16110', 'FR71', 2015, nan, 'c']]
    """
    fname = source_name(source, name)
    text = decode_text(read_bytes(source, fname), fname)
    if not text.strip():
        raise DataFileError(
            fname, "the file is empty; download it again or check that the right file was given"
        )
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    dims, years, year_labels = _parse_header(lines[0], fname)
    ncols = 1 + len(years)

    body = lines[1:]
    line_numbers = np.arange(2, len(body) + 2)
    blank = np.fromiter((not line.strip() for line in body), dtype=bool, count=len(body))
    if blank.any():
        body = [line for line, is_blank in zip(body, blank, strict=True) if not is_blank]
        line_numbers = line_numbers[~blank]
    nrows = len(body)
    if nrows == 0:
        return _empty_frame(dims)

    tabs = np.fromiter((line.count("\t") for line in body), dtype=np.int64, count=nrows)
    bad = np.flatnonzero(tabs != ncols - 1)
    if bad.size:
        i = int(bad[0])
        raise DataFileError(
            fname,
            f"this row has {tabs[i] + 1} tab-separated fields but the header has {ncols} "
            f"(the dimension codes, then {len(years)} years); every row needs one field per "
            "header column (write ':' for a missing value)",
            line=int(line_numbers[i]),
        )
    fields = np.array("\t".join(body).split("\t"), dtype=object).reshape(nrows, ncols)

    keys = fields[:, 0]
    key_series = pd.Series(keys)
    commas = np.fromiter((key.count(",") for key in keys), dtype=np.int64, count=nrows)
    bad = np.flatnonzero(commas != len(dims) - 1)
    if bad.size:
        i = int(bad[0])
        raise DataFileError(
            fname,
            f"the first column {keys[i]!r} has {commas[i] + 1} comma-separated codes but the "
            f"header names {len(dims)} dimensions ({','.join(dims)}); give one code per "
            "dimension",
            line=int(line_numbers[i]),
            field=lines[0].split("\t", 1)[0],
        )
    dup = key_series.duplicated(keep=False).to_numpy()
    if dup.any():
        first, second = _first_duplicate_pair(keys, dup)
        raise DataFileError(
            fname,
            f"the codes {keys[second]!r} appear on line {line_numbers[first]} and again on "
            f"line {line_numbers[second]}; each combination of dimension codes may appear "
            "only once, remove one of the rows",
            line=int(line_numbers[second]),
        )
    dim_values = np.array(",".join(keys).split(","), dtype=object).reshape(nrows, len(dims))
    empty = np.flatnonzero((dim_values == "").any(axis=1))
    if empty.size:
        i = int(empty[0])
        raise DataFileError(
            fname,
            f"the first column {keys[i]!r} has an empty code; give one code per dimension "
            f"({','.join(dims)})",
            line=int(line_numbers[i]),
            field=lines[0].split("\t", 1)[0],
        )

    # Years ascending within each row.
    order = np.argsort(years, kind="stable")
    sorted_years = np.asarray(years, dtype=np.int64)[order]
    cells = fields[:, 1:][:, order].ravel()
    values, flags = _parse_cells(cells, fname, line_numbers, [year_labels[j] for j in order])

    keep = ~(np.isnan(values) & (flags == ""))
    row_index = np.repeat(np.arange(nrows), len(years))[keep]
    data: dict[str, object] = {}
    for j, dim in enumerate(dims):
        column = dim_values[:, j]
        if dim.lower() == "freq" and len(set(column)) == 1:
            continue
        data[dim] = pd.Series(column[row_index], dtype="str")
    data["year"] = np.tile(sorted_years, nrows)[keep]
    data["value"] = values[keep]
    data["flag"] = pd.Series(flags[keep], dtype="str")
    frame = pd.DataFrame(data)
    return frame


def _parse_header(header: str, fname: str) -> tuple[list[str], list[int], list[str]]:
    fields = header.split("\t")
    first = fields[0].strip()
    suffix = next((s for s in _TIME_SUFFIXES if first.lower().endswith(s.lower())), None)
    if suffix is None or len(fields) < 2:
        shown = header if len(header) <= 80 else header[:77] + "..."
        raise DataFileError(
            fname,
            f"this is not a Eurostat TSV header: {shown!r}; expected {_EXPECTED_HEADER}",
            line=1,
        )
    dims = [d.strip() for d in first[: -len(suffix)].split(",")]
    bad_dims = [d for d in dims if not _DIMENSION_RE.match(d)]
    if bad_dims:
        raise DataFileError(
            fname,
            f"dimension name {bad_dims[0]!r} is not valid; expected {_EXPECTED_HEADER}",
            line=1,
            field=first,
        )
    if len(set(dims)) != len(dims):
        raise DataFileError(fname, f"a dimension is named twice in {first!r}", line=1, field=first)
    labels = [f.strip() for f in fields[1:]]
    years: list[int] = []
    for label in labels:
        if not _YEAR_RE.match(label):
            raise DataFileError(
                fname,
                f"column {label!r} is not a year; only annual data is supported, so every "
                f"column after the first must be a year such as '2015' (expected "
                f"{_EXPECTED_HEADER})",
                line=1,
                field=label,
            )
        if int(label) in years:
            raise DataFileError(
                fname, f"year {label} appears twice in the header", line=1, field=label
            )
        years.append(int(label))
    return dims, years, labels


def _parse_cells(
    cells: np.ndarray, fname: str, line_numbers: np.ndarray, year_labels: list[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Split each cell into a float value and a flag string, parsing each distinct cell once."""
    codes, uniques = pd.factorize(cells)
    n = len(uniques)
    value_text = np.empty(n, dtype=object)
    flag_text = np.empty(n, dtype=object)
    ok = np.ones(n, dtype=bool)
    match = _CELL_RE.match
    for k, cell in enumerate(uniques):
        m = match(cell)
        if m is None:
            ok[k] = False
            value_text[k] = "nan"
            flag_text[k] = ""
        else:
            v, f = m.groups()
            value_text[k] = "nan" if v == ":" else v
            flag_text[k] = (f or "").lower()
    if not ok.all():
        position = int(np.flatnonzero(~ok[codes])[0])
        row, col = divmod(position, len(year_labels))
        cell = cells[position]
        hint = " (use a decimal point, not a comma)" if "," in cell else ""
        raise DataFileError(
            fname,
            f"malformed cell {cell!r}{hint}; a cell is a number or ':' (missing), optionally "
            "followed by a space and flag letters, e.g. '160445', '129101 d', ': c'",
            line=int(line_numbers[row]),
            field=year_labels[col],
        )
    unique_values = value_text.astype(np.float64)
    return unique_values[codes], flag_text.astype(str)[codes]


def _first_duplicate_pair(keys: np.ndarray, dup: np.ndarray) -> tuple[int, int]:
    seen: dict[str, int] = {}
    for i in np.flatnonzero(dup):
        key = keys[i]
        if key in seen:
            return seen[key], int(i)
        seen[key] = int(i)
    raise AssertionError("no duplicate found")  # pragma: no cover


def _empty_frame(dims: list[str]) -> pd.DataFrame:
    data: dict[str, object] = {d: pd.Series([], dtype="str") for d in dims if d.lower() != "freq"}
    data["year"] = pd.Series([], dtype=np.int64)
    data["value"] = pd.Series([], dtype=np.float64)
    data["flag"] = pd.Series([], dtype="str")
    return pd.DataFrame(data)
