"""Helpers shared by the readers in :mod:`clusterdialogue.core.io` (not public)."""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from pathlib import Path
from typing import BinaryIO

from clusterdialogue.core.io.errors import DataFileError

GZIP_MAGIC = b"\x1f\x8b"

#: A plain decimal number as written in statistics files: optional sign, digits with an
#: optional decimal point, optional exponent. Rejects ``1,5``, ``12a3``, ``nan``, ``inf``.
NUMBER_PATTERN = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
NUMBER_RE = re.compile(rf"^{NUMBER_PATTERN}$")


def source_name(source: str | Path | BinaryIO, name: str | None = None) -> str:
    """Return the name to show in error messages for ``source``."""
    if name is not None:
        return name
    if isinstance(source, str | Path):
        return str(source)
    stream_name = getattr(source, "name", None)
    if isinstance(stream_name, str | Path):
        return str(stream_name)
    return "<stream>"


def read_bytes(source: str | Path | BinaryIO, name: str) -> bytes:
    """Read all bytes of ``source``, unpacking gzip when the content starts with its magic bytes.

    Raises :class:`DataFileError` when the file does not exist or the gzip stream is damaged.
    """
    if isinstance(source, str | Path):
        path = Path(source)
        if not path.exists():
            raise DataFileError(name, "file not found; check the path (and the data directory)")
        if path.is_dir():
            raise DataFileError(name, "this is a directory, not a file; give the path of the file")
        data = path.read_bytes()
    else:
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (EOFError, OSError, zlib.error) as exc:
            raise DataFileError(
                name,
                f"the gzip file is truncated or corrupt; download it again ({exc})",
            ) from exc
    return data


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (an optional byte-order mark is dropped) and normalise line ends to ``\\n``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataFileError(
            name,
            f"the file is not UTF-8 text (byte {data[exc.start : exc.start + 1]!r} cannot be "
            "decoded); save it as UTF-8",
            line=line,
        ) from exc
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_csv_records(text: str, name: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Split CSV text into its header, its records and the line on which each record starts.

    Blank lines are skipped; quoted cells may span lines. Raises :class:`DataFileError` for
    an empty file, a repeated column name or a record with the wrong number of fields.
    """
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        header = next(reader, None)
        while header is not None and not any(h.strip() for h in header):
            header = next(reader, None)
        if header is None:
            raise DataFileError(name, "the file is empty; it needs a header row and data rows")
        header_line = reader.line_num
        header = [h.strip() for h in header]
        for i, column in enumerate(header):
            if column in header[:i]:
                raise DataFileError(
                    name,
                    f"column {column!r} appears twice in the header; remove one",
                    line=header_line,
                    field=column,
                )
        records: list[list[str]] = []
        starts: list[int] = []
        previous = reader.line_num
        for row in reader:
            start = previous + 1
            previous = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != len(header):
                raise DataFileError(
                    name,
                    f"this row has {len(row)} fields but the header has {len(header)} "
                    f"({', '.join(header)}); quote cells that contain a comma",
                    line=start,
                )
            records.append(row)
            starts.append(start)
    except csv.Error as exc:
        raise DataFileError(
            name, f"the CSV cannot be parsed ({exc}); check the quotes", line=reader.line_num
        ) from exc
    return header, records, starts
