"""Checks for uploaded documents: type, size, name and content, before anything is stored.

A document must be one of :data:`DOCUMENT_TYPES` by its extension **and** look like it inside
(a PDF starts with ``%PDF-``, an Office or OpenDocument file is a ZIP archive, an image has its
signature, text decodes as UTF-8); ZIP-based files are refused when they would unpack to more
than :data:`MAX_UNPACKED_BYTES` or at a ratio above :data:`MAX_RATIO` (a "zip bomb"). Web
pages and SVG images are refused: served back, they could run scripts in the site's name.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
ZIP_BASED = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "xls": (b"\xd0\xcf\x11\xe0",),
    "ppt": (b"\xd0\xcf\x11\xe0",),
    **{kind: (b"PK\x03\x04",) for kind in ZIP_BASED},
}
TEXT = {"txt", "csv", "md"}
DOCUMENT_TYPES = tuple(sorted({*SIGNATURES, *TEXT}))


def max_upload_bytes() -> int:
    return int(getattr(settings, "CLUSTERDIALOGUE_MAX_UPLOAD_MB", 25)) * 1024 * 1024


def zip_bomb_check(stream: IO[bytes], *, size: int, name: str) -> None:
    """Refuse a ZIP archive that unpacks to too much, or far more than its own size."""
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ValidationError(
            _("%(name)s is not a valid %(kind)s file; save it again and upload it.")
            % {"name": name, "kind": PurePosixPath(name).suffix.lstrip(".").upper()}
        ) from error
    finally:
        stream.seek(0)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(size, 1):
        raise ValidationError(
            _("%(name)s would unpack to %(mb)s MB; such a file is refused.")
            % {"name": name, "mb": unpacked // (1024 * 1024)}
        )


def _kind(name: str) -> str:
    return PurePosixPath(name).suffix.lower().lstrip(".")


def uploaded_document_check(file: Any, *, types: Iterable[str] = DOCUMENT_TYPES) -> None:
    """Raise :class:`ValidationError` (translated, naming the file) unless ``file`` is a safe
    document; usable as a form field validator."""
    name = str(getattr(file, "name", "") or "")
    if not name or "/" in name or "\\" in name or "\x00" in name or name.startswith("."):
        raise ValidationError(_("Give the file a plain name (no folders, not hidden)."))
    kind = _kind(name)
    allowed = tuple(types)
    if kind not in allowed:
        raise ValidationError(
            _("%(name)s: files of this type are not accepted; upload one of %(types)s.")
            % {"name": name, "types": ", ".join(allowed)}
        )
    size = getattr(file, "size", None) or 0
    if size > max_upload_bytes():
        raise ValidationError(
            _("%(name)s is larger than %(mb)s MB; make it smaller or share a link instead.")
            % {"name": name, "mb": max_upload_bytes() // (1024 * 1024)}
        )
    if size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name})
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    if kind in TEXT:
        if b"\x00" in head or _not_utf8(head):
            raise ValidationError(
                _("%(name)s is not plain text (UTF-8); save it as text and upload it again.")
                % {"name": name}
            )
        return
    if not head.startswith(SIGNATURES[kind]):
        raise ValidationError(
            _("%(name)s does not contain a %(kind)s file; its content does not match its name.")
            % {"name": name, "kind": kind.upper()}
        )
    if kind in ZIP_BASED:
        zip_bomb_check(file, size=size, name=name)


def _not_utf8(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The first 2 KB may end inside a character; only an error before the end counts.
        return error.start < len(head) - 3
    return False
