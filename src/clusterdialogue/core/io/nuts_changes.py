"""Read Eurostat's NUTS correspondence tables: how the codes changed from one version to the next.

Eurostat publishes, on its NUTS history page, one Excel workbook per amendment. The detailed
sheet lists every region of both versions, one row each, with its code in the old and in the
new version and a comment on what changed:

* ``NUTS2021.xlsx``, sheet ``Changes detailed NUTS 2016-2021``: header row ``Code 2016``,
  ``Code 2021``, ``Country``, ``NUTS level 1``, ``NUTS level 2``, ``NUTS level 3`` (the name,
  in the column of its level), the change comment, then the level and sort orders;
* ``NUTS2021-NUTS2024.xlsx``, sheet ``NUTS2021- NUTS2024``: a few title rows, then a header
  row with two leading columns, ``Code 2021``, ``Code 2024``, the names and the change comment.

Columns are found by their headers (``Code <old>``, ``Code <new>``, the first header starting
with "Change", ``NUTS level``), not by position. The comments say ``recoded``, ``recoded and
relabelled``, ``code change``, ``boundary shift``, ``split``, ``merged``, ``relabelled``,
``new region``, ``discontinued``; a region unchanged has no comment.

Only a recoding keeps the territory: its figures may be shown under the other code. A code
that goes to several codes (or several to one) is a split (a merger) whatever the comment says.

Source: Eurostat, NUTS history (https://ec.europa.eu/eurostat/web/nuts/history). Free re-use
with acknowledgement.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from clusterdialogue.core.io._common import read_bytes, source_name
from clusterdialogue.core.io.errors import DataFileError

__all__ = ["NutsCodeChange", "classify_change", "read_nuts_changes"]

_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")


@dataclass(frozen=True)
class NutsCodeChange:
    """One code of the old version and one of the new, and how they relate.

    Attributes
    ----------
    old_code, new_code : str
        The codes in ``old_version`` and ``new_version``.
    old_version, new_version : str
        The versions as years, e.g. ``"2016"`` and ``"2021"``.
    relation : str
        ``"recoded"`` (same territory, new code), ``"split"``, ``"merged"`` or ``"boundary"``.
    change : str
        The table's own comment.
    name : str
        The region's name as the table gives it (may be empty).
    line : int
        The row in the sheet (1-based), for messages.
    """

    old_code: str
    new_code: str
    old_version: str
    new_version: str
    relation: str
    change: str
    name: str
    line: int


def classify_change(old_code: str, new_code: str, change: str) -> str | None:
    """What a row of a correspondence table says: a relation, or None for no code change.

    Examples
    --------
    >>> classify_change("FR7", "FRK", "recoded")
    'recoded'
    >>> classify_change("NL33", "NL36", "recoded; boundary shift")
    'boundary'
    >>> classify_change("HR04", "HR05", "split")
    'split'
    >>> classify_change("ES51", "ES51", "") is None, classify_change("ES51", "ES51", "relabelled")
    (True, None)
    >>> classify_change("PT17", "PT1A", "")  # new code, no word on the territory: not recoded
    'boundary'
    """
    words = change.strip().lower()
    if "boundary" in words or "border" in words:
        return "boundary"
    if "split" in words:
        return "split"
    if "merge" in words:
        return "merged"
    if old_code == new_code:
        return None  # unchanged, relabelled or a name change: the same code
    if "recoded" in words or "code change" in words:
        return "recoded"
    return "boundary"  # a new code the table does not call a recoding: not the same territory


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _pick_sheet(workbook, fname: str, old: str, new: str, sheet: str | None):
    names = workbook.sheetnames
    if sheet is not None:
        if sheet not in names:
            raise DataFileError(
                fname, f"no sheet {sheet!r}; the workbook has {', '.join(map(repr, names))}"
            )
        return workbook[sheet]
    wanted = {f"changesdetailednuts{old}-{new}", f"nuts{old}-nuts{new}"}
    for name in names:
        if name.replace(" ", "").lower() in wanted:
            return workbook[name]
    raise DataFileError(
        fname,
        f"no sheet of the NUTS {old}-{new} changes (expected 'Changes detailed NUTS {old}-{new}' "
        f"or 'NUTS{old}- NUTS{new}'); the workbook has {', '.join(map(repr, names))}. Use "
        "Eurostat's correspondence table from https://ec.europa.eu/eurostat/web/nuts/history",
    )


def read_nuts_changes(
    source: str | Path | BinaryIO,
    *,
    old_version: str,
    new_version: str,
    sheet: str | None = None,
    name: str | None = None,
) -> list[NutsCodeChange]:
    """Read the code changes between two NUTS versions from Eurostat's correspondence table.

    Parameters
    ----------
    source : str, Path or binary file object
        The ``.xlsx`` workbook.
    old_version, new_version : str
        The versions it links, e.g. ``"2016"`` and ``"2021"``.
    sheet : str, optional
        The sheet to read; by default the detailed sheet of these versions.
    name : str, optional
        The name used in error messages.

    Returns
    -------
    list of NutsCodeChange
        The rows that change a code or a territory, in sheet order; unchanged and relabelled
        regions and rows of one version only (new or discontinued) are left out.

    Raises
    ------
    DataFileError
        When the file is no workbook, lacks the sheet or the header (``Code <old>``,
        ``Code <new>``, a "Change" column), or a row has a code that is not a NUTS code.

    Examples
    --------
    >>> import openpyxl
    >>> book = openpyxl.Workbook()
    >>> ws = book.active
    >>> ws.title = "Changes detailed NUTS 2016-2021"
    >>> ws.append(["Code 2016", "Code 2021", "Country", "NUTS level 1", "NUTS level 2",
    ...            "NUTS level 3", "Change", "NUTS level"])
    >>> ws.append(["HR03", "HR03", None, None, "Jadranska Hrvatska", None, None, 2])
    >>> ws.append(["HR04", "HR05", None, None, "Grad Zagreb", None, "split", 2])
    >>> data = io.BytesIO(); book.save(data); _ = data.seek(0)
    >>> [(c.old_code, c.new_code, c.relation, c.name)
    ...  for c in read_nuts_changes(data, old_version="2016", new_version="2021")]
    [('HR04', 'HR05', 'split', 'Grad Zagreb')]
    """
    import openpyxl  # an engine dependency, imported when a table is read

    fname = source_name(source, name)
    raw = read_bytes(source, fname)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a file that is no workbook
        raise DataFileError(
            fname, f"this is not an Excel .xlsx workbook ({exc}); download the table again"
        ) from exc
    try:
        worksheet = _pick_sheet(workbook, fname, old_version, new_version, sheet)
        rows = [tuple(_cell(v) for v in row) for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    old_header, new_header = f"Code {old_version}", f"Code {new_version}"
    header_at = next(
        (i for i, row in enumerate(rows) if old_header in row and new_header in row), None
    )
    if header_at is None:
        raise DataFileError(
            fname,
            f"no header row with {old_header!r} and {new_header!r} in sheet {worksheet.title!r}",
        )
    header = [h.lower() for h in rows[header_at]]
    old_col, new_col = header.index(old_header.lower()), header.index(new_header.lower())
    change_col = next((i for i, h in enumerate(header) if h.startswith("change")), None)
    if change_col is None:
        raise DataFileError(
            fname, "no column of the changes (a header starting with 'Change')", line=header_at + 1
        )
    name_cols = [
        i for i, h in enumerate(header) if h == "country" or re.fullmatch(r"nuts level \d", h)
    ]

    changes: list[NutsCodeChange] = []
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        cells = list(row) + [""] * (len(header) - len(row))
        old_code, new_code = cells[old_col], cells[new_col]
        if not (old_code and new_code):
            continue  # a region of one version only (new, discontinued), or a note
        for column, code in ((old_header, old_code), (new_header, new_code)):
            if not _CODE.match(code):
                if " " in code:  # "created in 2021", "discontinued": no code
                    break
                raise DataFileError(
                    fname, f"{code!r} is not a NUTS code", line=number, field=column
                )
        else:
            relation = classify_change(old_code, new_code, cells[change_col])
            if relation is None:
                continue
            region_name = next((cells[i] for i in name_cols if cells[i]), "")
            changes.append(
                NutsCodeChange(
                    old_code,
                    new_code,
                    old_version,
                    new_version,
                    relation,
                    cells[change_col],
                    region_name,
                    number,
                )
            )
    return _one_to_one(changes)


def _one_to_one(changes: list[NutsCodeChange]) -> list[NutsCodeChange]:
    """A recoding links one code to one: otherwise it is a split or a merger."""
    targets = Counter(c.old_code for c in changes)
    origins = Counter(c.new_code for c in changes)
    fixed = []
    for change in changes:
        relation = change.relation
        if relation == "recoded" and targets[change.old_code] > 1:
            relation = "split"
        elif relation == "recoded" and origins[change.new_code] > 1:
            relation = "merged"
        fixed.append(replace(change, relation=relation))
    return fixed
