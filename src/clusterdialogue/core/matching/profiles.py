"""The profile contract of the matching engine, and the CSV reader for it.

A profile is one cluster organisation (or any actor looking for partners):

========  =========================================================================
id        unique identifier (text)
name      display name (may be empty)
region    its territory code (NUTS, e.g. ``FRK``, ``DE1``, ``ES51``), required
text      any description, in any language; may be short or empty
keywords  optional list of keywords (in a CSV: separated by ``;``)
offers    optional list: what it offers partners (technologies, facilities, skills)
needs     optional list: what it is looking for
nace      optional list of NACE divisions (``C29`` or ``29``)
========  =========================================================================
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from clusterdialogue.core.io._common import decode_text, read_bytes, read_csv_records, source_name
from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.core.io.nace import DIVISION_SECTIONS

__all__ = ["LIST_COLUMNS", "PROFILE_COLUMNS", "prepare_profiles", "read_profiles_csv", "split_list"]

PROFILE_COLUMNS = ("id", "name", "region", "text")
LIST_COLUMNS = ("keywords", "offers", "needs", "nace")
_DIVISION = re.compile(r"^([A-Z])?(\d{2})$")


def split_list(value: object) -> list[str]:
    """A ``;``-separated cell (or a list) as a list of stripped, non-empty items.

    >>> split_list("battery recycling; ; hydrogen")
    ['battery recycling', 'hydrogen']
    >>> split_list(None), split_list(["a", " b "])
    ([], ['a', 'b'])
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    items = value if isinstance(value, list | tuple) else str(value).split(";")
    return [str(item).strip() for item in items if str(item).strip()]


def nace_division(code: str) -> str | None:
    """A NACE division in SBS form (``C29``) from ``C29``, ``29`` or ``29.10``; None if not one.

    >>> nace_division("29"), nace_division("c29"), nace_division("29.10"), nace_division("D29")
    ('C29', 'C29', 'C29', None)
    """
    text = code.strip().upper().split(".")[0]
    match = _DIVISION.match(text)
    if not match:
        return None
    letter, digits = match.groups()
    section = DIVISION_SECTIONS.get(digits)
    if section is None or (letter is not None and letter != section):
        return None
    return section + digits


def prepare_profiles(profiles: pd.DataFrame, *, name: str = "profiles") -> pd.DataFrame:
    """Check a profile frame and return it with list columns as lists.

    Raises
    ------
    DataFileError
        For a missing column, an empty or repeated id, an empty region or an unknown NACE
        division (the line is the CSV line: the header is line 1, rows start at line 2).
    """
    missing = [c for c in ("id", "region") if c not in profiles.columns]
    if missing:
        raise DataFileError(
            name,
            f"missing column(s) {', '.join(missing)}; required: id, region (and name, text; "
            f"optional: {', '.join(LIST_COLUMNS)})",
            line=1,
        )
    frame = pd.DataFrame(index=range(len(profiles)))
    for column in ("id", "name", "region", "text"):
        values = profiles[column] if column in profiles.columns else pd.Series([""] * len(frame))
        frame[column] = [("" if _blank(v) else str(v).strip()) for v in values]
    for column in LIST_COLUMNS:
        values = profiles[column] if column in profiles.columns else [None] * len(frame)
        frame[column] = [split_list(v) for v in values]
    lines = (
        profiles["_line"].tolist() if "_line" in profiles.columns else [i + 2 for i in frame.index]
    )
    for column in ("id", "region"):
        blank = frame[column] == ""
        if blank.any():
            row = int(blank.idxmax())
            raise DataFileError(
                name, f"{column} is empty; every profile needs one", line=lines[row], field=column
            )
    repeated = frame["id"].duplicated()
    if repeated.any():
        row = int(repeated.idxmax())
        first = lines[int((frame["id"] == frame.at[row, "id"]).idxmax())]
        raise DataFileError(
            name,
            f"id {frame.at[row, 'id']!r} is used again (first on line "
            f"{first}); give each profile its own id",
            line=lines[row],
            field="id",
        )
    divisions = []
    for row, codes in enumerate(frame["nace"]):
        found = []
        for code in codes:
            division = nace_division(code)
            if division is None:
                raise DataFileError(
                    name,
                    f"{code!r} is not a NACE Rev. 2 division; write it like C29 or 29, several "
                    "separated by ';'",
                    line=lines[row],
                    field="nace",
                )
            found.append(division)
        divisions.append(list(dict.fromkeys(found)))
    frame["nace"] = divisions
    return frame


def read_profiles_csv(source: str | Path | BinaryIO, *, name: str | None = None) -> pd.DataFrame:
    """Read profiles from a UTF-8 CSV with the columns above and check them.

    Examples
    --------
    >>> import io
    >>> text = b"id,name,region,text,nace\\n1,Axelera,FRK,chimie,C20;22\\n"
    >>> read_profiles_csv(io.BytesIO(text), name="P.csv").loc[0, "nace"]
    ['C20', 'C22']
    """
    fname = source_name(source, name)
    header, records, lines = read_csv_records(decode_text(read_bytes(source, fname), fname), fname)
    header = [column.strip().lower() for column in header]
    if not records:
        raise DataFileError(fname, "the file has a header but no profiles")
    frame = pd.DataFrame(records, columns=header)
    frame["_line"] = lines
    return prepare_profiles(frame, name=fname)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or not str(value).strip()
