"""Read the NACE Rev. 2 classification and convert between NACE and Eurostat SBS codes.

NACE Rev. 2 has four levels: 21 sections (``C``), 88 divisions (``29``), 272 groups
(``29.1``) and 615 classes (``29.10``). Codes are strings: ``01`` is not ``1``, and
``29.10`` is not ``29.1`` (opening the file in a spreadsheet breaks both).

Eurostat's structural business statistics (SBS) prefix the section letter and drop the dot:
division ``29`` is ``C29``, group ``45.1`` is ``G451``.

Source: Eurostat RAMON (NACE Rev. 2 structure, titles and explanatory notes).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from clusterdialogue.core.io._common import (
    decode_text,
    read_bytes,
    read_csv_records,
    source_name,
)
from clusterdialogue.core.io.errors import DataFileError

__all__ = [
    "DIVISION_SECTIONS",
    "NACE_NOTES_COLUMNS",
    "NACE_TITLES_REQUIRED",
    "from_sbs_code",
    "nace_level",
    "read_nace_notes",
    "read_nace_titles",
    "to_sbs_code",
]

_SECTION_DIVISIONS: dict[str, tuple[int, int]] = {
    "A": (1, 3),
    "B": (5, 9),
    "C": (10, 33),
    "D": (35, 35),
    "E": (36, 39),
    "F": (41, 43),
    "G": (45, 47),
    "H": (49, 53),
    "I": (55, 56),
    "J": (58, 63),
    "K": (64, 66),
    "L": (68, 68),
    "M": (69, 75),
    "N": (77, 82),
    "O": (84, 84),
    "P": (85, 85),
    "Q": (86, 88),
    "R": (90, 93),
    "S": (94, 96),
    "T": (97, 98),
    "U": (99, 99),
}

#: Section letter of each of the 88 NACE Rev. 2 divisions, e.g. ``DIVISION_SECTIONS["29"] == "C"``.
DIVISION_SECTIONS: dict[str, str] = {
    f"{d:02d}": section
    for section, (first, last) in _SECTION_DIVISIONS.items()
    for d in range(first, last + 1)
}

#: Columns that must be present in the titles file (others, e.g. ``title_fr``, are kept).
NACE_TITLES_REQUIRED = ("code", "level", "parent_code", "section", "title_en")
#: Columns of the explanatory notes file.
NACE_NOTES_COLUMNS = (
    "level",
    "code",
    "title",
    "rulings",
    "isic_rev4_ref",
    "includes",
    "also_includes",
    "excludes",
)

_CODE_PATTERNS = {
    1: re.compile(r"^[A-U]$"),
    2: re.compile(r"^\d{2}$"),
    3: re.compile(r"^\d{2}\.\d$"),
    4: re.compile(r"^\d{2}\.\d{2}$"),
}
_CODE_EXAMPLES = {1: "'C'", 2: "'29' or '01'", 3: "'29.1'", 4: "'29.10'"}
_SBS_RE = re.compile(r"^([A-U])(\d{2}(?:\d{1,2})?)?$")


def nace_level(code: str) -> int:
    """Return the NACE level of a code: 1 section, 2 division, 3 group, 4 class.

    Raises
    ------
    ValueError
        When ``code`` is not written like a NACE Rev. 2 code.

    Examples
    --------
    >>> [nace_level(c) for c in ("C", "29", "29.1", "29.10")]
    [1, 2, 3, 4]
    """
    for level, pattern in _CODE_PATTERNS.items():
        if pattern.match(code):
            if level > 1 and code[:2] not in DIVISION_SECTIONS:
                break
            return level
    raise ValueError(f"{code!r} is not a NACE Rev. 2 code; {_code_help(code)}")


def _code_help(code: str) -> str:
    hint = ""
    if re.fullmatch(r"\d(\.\d+)?", code):
        hint = " It has lost its leading zero (was the file opened in a spreadsheet?)."
    return (
        "codes look like 'C' (section), '29' (division), '29.1' (group) or '29.10' (class), "
        f"with leading zeros kept ('01').{hint}"
    )


def to_sbs_code(code: str, section: str | None = None) -> str:
    """Write a NACE Rev. 2 code the way Eurostat SBS tables do.

    Parameters
    ----------
    code : str
        A NACE code: section ``'C'``, division ``'29'``, group ``'45.1'`` or class ``'29.10'``.
    section : str, optional
        The code's section letter. Derived from the division when omitted; when given it
        must agree.

    Returns
    -------
    str
        The section letter followed by the digits without the dot.

    Raises
    ------
    ValueError
        When the code or section is malformed or they disagree.

    Examples
    --------
    >>> to_sbs_code("29", "C")
    'C29'
    >>> to_sbs_code("45.1", "G")
    'G451'
    >>> to_sbs_code("C", "C")
    'C'
    >>> to_sbs_code("01.11")
    'A0111'
    """
    code = code.strip()
    level = nace_level(code)
    expected = code if level == 1 else DIVISION_SECTIONS[code[:2]]
    if section is not None:
        section = section.strip().upper()
        if section != expected:
            raise ValueError(f"NACE code {code!r} belongs to section {expected!r}, not {section!r}")
    if level == 1:
        return code
    return expected + code.replace(".", "")


def from_sbs_code(sbs_code: str) -> str:
    """Turn a Eurostat SBS activity code back into a NACE Rev. 2 code.

    Parameters
    ----------
    sbs_code : str
        E.g. ``'C29'``, ``'G451'`` or a section ``'C'``.

    Returns
    -------
    str
        The NACE code: ``'29'``, ``'45.1'``, ``'C'``.

    Raises
    ------
    ValueError
        For aggregates such as ``'B-E'``, ``'M_N'`` or ``'TOTAL'``, for unknown divisions
        and when the letter is not the division's section.

    Examples
    --------
    >>> [from_sbs_code(c) for c in ("C29", "G451", "C", "C2910")]
    ['29', '45.1', 'C', '29.10']
    """
    text = sbs_code.strip()
    match = _SBS_RE.match(text)
    if match is None:
        raise ValueError(
            f"{sbs_code!r} is not a single NACE Rev. 2 activity in SBS form (a section letter, "
            "optionally followed by 2 to 4 digits, e.g. 'C', 'C29', 'G451'); aggregates such "
            "as 'B-E', 'M_N' or 'TOTAL' have no NACE code"
        )
    letter, digits = match.groups()
    if digits is None:
        return letter
    division = digits[:2]
    section = DIVISION_SECTIONS.get(division)
    if section is None:
        raise ValueError(f"{sbs_code!r}: {division!r} is not a NACE Rev. 2 division")
    if section != letter:
        raise ValueError(
            f"{sbs_code!r}: division {division} belongs to section {section!r}, not {letter!r}"
        )
    return division if len(digits) == 2 else f"{division}.{digits[2:]}"


def read_nace_titles(source: str | Path | BinaryIO, *, name: str | None = None) -> pd.DataFrame:
    """Read the NACE Rev. 2 structure with its titles (one row per code).

    Parameters
    ----------
    source : str, Path or binary file object
        A UTF-8 CSV with at least the columns ``code, level, parent_code, section, title_en``
        (the shipped file also has ``isic_rev4_ref`` and ``title_fr, title_de, title_it,
        title_es, title_nl``; all columns are kept).
    name : str, optional
        The name used in error messages.

    Returns
    -------
    pandas.DataFrame
        Columns in file order; ``level`` is int64 (1 section ... 4 class), all other columns
        are strings with codes kept exactly ('01', '29.10'); ``parent_code`` is ``''`` for
        sections.

    Raises
    ------
    DataFileError
        For a missing column, a code not written like its level (e.g. '1' for '01'), a level
        outside 1-4, a wrong section or parent, or a repeated code; the message names the
        line and the column.

    Examples
    --------
    >>> import io
    >>> csv_text = (
    ...     "code,level,parent_code,section,title_en\\n"
    ...     "A,1,,A,AGRICULTURE\\n"
    ...     "01,2,A,A,Crop and animal production\\n"
    ... )
    >>> titles = read_nace_titles(io.BytesIO(csv_text.encode()), name="titles.csv")
    >>> titles.values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['A', 1, '', 'A', 'AGRICULTURE'],
     ['01', 2, 'A', 'A', 'Crop and animal production']]
    """
    fname = source_name(source, name)
    header, records, lines = read_csv_records(decode_text(read_bytes(source, fname), fname), fname)
    _require_columns(header, NACE_TITLES_REQUIRED, fname)
    col = {c: header.index(c) for c in header}
    seen: dict[str, int] = {}
    levels: list[int] = []
    for row, line in zip(records, lines, strict=True):
        for i, cell in enumerate(row):
            row[i] = cell.strip()
        code, level = _check_code(row, col, line, fname)
        section = row[col["section"]]
        expected_section = code if level == 1 else DIVISION_SECTIONS[code[:2]]
        if section != expected_section:
            raise DataFileError(
                fname,
                f"code {code!r} belongs to section {expected_section!r}, not {section!r}",
                line=line,
                field="section",
            )
        parent = row[col["parent_code"]]
        expected_parent = {1: "", 2: section, 3: code[:2], 4: code[:4]}[level]
        if parent != expected_parent:
            raise DataFileError(
                fname,
                f"the parent of {code!r} is {expected_parent or 'empty (sections have none)'!r}"
                f", not {parent!r}",
                line=line,
                field="parent_code",
            )
        if code in seen:
            raise DataFileError(
                fname,
                f"code {code!r} already appeared on line {seen[code]}; remove one of the rows",
                line=line,
                field="code",
            )
        seen[code] = line
        levels.append(level)
    return _frame(header, records, levels)


def read_nace_notes(source: str | Path | BinaryIO, *, name: str | None = None) -> pd.DataFrame:
    """Read the NACE Rev. 2 explanatory notes (what each code includes and excludes).

    Parameters
    ----------
    source : str, Path or binary file object
        A UTF-8 CSV with the columns ``level, code, title, rulings, isic_rev4_ref, includes,
        also_includes, excludes``. Cells may span several lines when quoted.
    name : str, optional
        The name used in error messages.

    Returns
    -------
    pandas.DataFrame
        The columns above in that order; ``level`` is int64, the others are strings (``''``
        when empty) with surrounding white space removed and inner line breaks kept as
        ``\\n``.

    Raises
    ------
    DataFileError
        For missing or unknown columns, a bad level or code, or a repeated code.

    Examples
    --------
    >>> import io
    >>> csv_text = (
    ...     "level,code,title,rulings,isic_rev4_ref,includes,also_includes,excludes\\n"
    ...     '2,29,Manufacture of motor vehicles,,29,"Cars.\\n\\nTrailers.",,\\n'
    ... )
    >>> notes = read_nace_notes(io.BytesIO(csv_text.encode()))
    >>> notes.loc[0, "includes"]
    'Cars.\\n\\nTrailers.'
    """
    fname = source_name(source, name)
    header, records, lines = read_csv_records(decode_text(read_bytes(source, fname), fname), fname)
    _require_columns(header, NACE_NOTES_COLUMNS, fname)
    unknown = [c for c in header if c not in NACE_NOTES_COLUMNS]
    if unknown:
        raise DataFileError(
            fname,
            f"unknown column {unknown[0]!r}; the columns are {', '.join(NACE_NOTES_COLUMNS)}",
            line=1,
            field=unknown[0],
        )
    col = {c: header.index(c) for c in header}
    seen: dict[str, int] = {}
    levels: list[int] = []
    for row, line in zip(records, lines, strict=True):
        for i, cell in enumerate(row):
            row[i] = cell.strip()
        code, level = _check_code(row, col, line, fname)
        if code in seen:
            raise DataFileError(
                fname,
                f"code {code!r} already appeared on line {seen[code]}; remove one of the rows",
                line=line,
                field="code",
            )
        seen[code] = line
        levels.append(level)
    frame = _frame(header, records, levels)
    return frame[list(NACE_NOTES_COLUMNS)]


def _require_columns(header: list[str], required: tuple[str, ...], fname: str) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise DataFileError(
            fname,
            f"missing column(s) {', '.join(missing)}; the header must contain "
            f"{', '.join(required)} (found {', '.join(header)})",
            line=1,
        )


def _check_code(row: list[str], col: dict[str, int], line: int, fname: str) -> tuple[str, int]:
    level_text = row[col["level"]]
    if level_text not in ("1", "2", "3", "4"):
        raise DataFileError(
            fname,
            f"level {level_text!r} is not 1 (section), 2 (division), 3 (group) or 4 (class)",
            line=line,
            field="level",
        )
    level = int(level_text)
    code = row[col["code"]]
    if not _CODE_PATTERNS[level].match(code) or (level > 1 and code[:2] not in DIVISION_SECTIONS):
        raise DataFileError(
            fname,
            f"code {code!r} is not a level-{level} NACE Rev. 2 code (expected e.g. "
            f"{_CODE_EXAMPLES[level]}); {_code_help(code)}",
            line=line,
            field="code",
        )
    return code, level


def _frame(header: list[str], records: list[list[str]], levels: list[int]) -> pd.DataFrame:
    columns = list(zip(*records, strict=True)) if records else [() for _ in header]
    data: dict[str, object] = {
        c: pd.Series(list(values), dtype="str") for c, values in zip(header, columns, strict=True)
    }
    data["level"] = pd.Series(levels, dtype="int64")
    return pd.DataFrame(data, columns=header)
