"""Documents of a collaboration: an uploaded file (in MEDIA_ROOT) or a link.

Files are served only through the permission-checked download view, never from a public media
URL; the types accepted are office documents, PDFs, images and zip archives up to 20 MB.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusterdialogue.collaboration.models import Collaboration, CollaborationDocument
from clusterdialogue.collaboration.permissions_pipeline import user_can_edit_collaboration
from clusterdialogue.collaboration.services.pipeline import invalid_input

DOCUMENT_EXTENSIONS = (
    ".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".md", ".xls", ".xlsx", ".ods", ".csv",
    ".ppt", ".pptx", ".odp", ".png", ".jpg", ".jpeg", ".zip",
)  # fmt: skip
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def _check_upload(upload: Any) -> None:
    name = getattr(upload, "name", "") or ""
    suffix = PurePath(name).suffix.lower()
    if suffix not in DOCUMENT_EXTENSIONS:
        invalid_input(
            "file",
            _("%(name)s: files of this type are not accepted; upload %(types)s, or give a link."),
            name=name or _("the file"),
            types=" ".join(DOCUMENT_EXTENSIONS),
        )
    if upload.size > DOCUMENT_MAX_BYTES:
        invalid_input(
            "file",
            _("%(name)s is %(size).1f MB; the limit is %(limit)d MB. Share a link instead."),
            name=name,
            size=upload.size / 2**20,
            limit=DOCUMENT_MAX_BYTES // 2**20,
        )


@transaction.atomic
def collaboration_document_add(
    *, collaboration: Collaboration, user: Any, title: str, file: Any = None, url: str = ""
) -> CollaborationDocument:
    """Attach a document: an uploaded file (kept in MEDIA_ROOT, served after a check) or a link."""
    if not user_can_edit_collaboration(user, collaboration):
        raise PermissionDenied(_("Only the people who act for a partner add documents."))
    if bool(file) == bool(url):
        raise ValidationError(
            {"file": _("Give either a file to upload or a link, not both and not neither.")}
        )
    if file:
        _check_upload(file)
    document = CollaborationDocument(
        collaboration=collaboration,
        title=title.strip() or (PurePath(file.name).name if file else url),
        url=url,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    document.full_clean(exclude=["file", "uploaded_by"])
    if file:
        document.file.save(PurePath(file.name).name, file, save=False)
    try:
        document.save()
    except Exception:
        # The row was not stored: its file must not stay behind in MEDIA_ROOT either.
        if document.file:
            document.file.storage.delete(document.file.name)
        raise
    return document


def collaboration_document_delete(*, document: CollaborationDocument, user: Any) -> None:
    """Remove a document and its stored file."""
    if not user_can_edit_collaboration(user, document.collaboration):
        raise PermissionDenied(_("Only the people who act for a partner remove documents."))
    stored = document.file.name if document.file else None
    storage = document.file.storage if document.file else None
    with transaction.atomic():
        document.delete()
    # The file goes once the row is gone: a failed delete never leaves a row without its file.
    if stored and storage is not None:
        storage.delete(stored)
