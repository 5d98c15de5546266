"""Errors raised while reading data files, phrased for the person who supplied the file."""

from __future__ import annotations

from pathlib import Path


class DataFileError(ValueError):
    """A data file cannot be used as it is.

    The message names the file, and where known the line (1-based, the header being line 1)
    and the field, then says what is wrong and how to fix it.

    Examples
    --------
    >>> str(DataFileError("E.csv", "employment is not a number: 'x'", line=3, field="employment"))
    "E.csv, line 3, field 'employment': employment is not a number: 'x'"
    """

    def __init__(
        self,
        file: str | Path,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file = str(file)
        self.line = line
        self.field = field
        self.message = message
        where = [self.file]
        if line is not None:
            where.append(f"line {line}")
        if field is not None:
            where.append(f"field '{field}'")
        super().__init__(f"{', '.join(where)}: {message}")
