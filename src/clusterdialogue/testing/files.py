"""Files the tests hand to readers, imports and commands: written once, the same way."""

from __future__ import annotations

import gzip
from pathlib import Path


def write_file(path: Path, data: str | bytes, *, gz: bool = False) -> Path:
    """Write ``data`` (text as UTF-8) to ``path``, gzip-compressed when ``gz``; return ``path``.

    Bytes are written as they are, for the tests of other encodings and of damaged files.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.write_bytes(gzip.compress(raw) if gz else raw)
    return path
