"""Follow a collaboration through the pipeline: create, edit, move between stages, documents.

The stages and the moves allowed between them (:data:`ALLOWED_TRANSITIONS`)::

    identified          → contact made, meeting or mission, closed
    contact made        → meeting or mission, joint application submitted, closed
    meeting or mission  → joint application submitted, project running, closed
    submitted           → funded, rejected
    funded              → project running
    project running     → closed
    rejected, closed    → (final)

* a collaboration may skip ahead (a meeting without a separate first contact, an application
  straight after the first contact, a shared project that runs without an application);
* it may be closed before any application (the relation did not lead anywhere);
* a submitted application ends as **funded** or **rejected**; a funded one then **runs**, and a
  running project is **closed** at its end;
* **rejected** and **closed** are final; nothing moves backwards (a new attempt is a new
  collaboration, so the statistics stay true to what happened).

Every move is dated and logged (:class:`StageChange`); a date cannot be in the future nor before
the previous stage's. Writes check the user's rights (:mod:`.permissions`) and raise
``PermissionDenied`` or ``ValidationError`` (naming the field and what to do) before anything is
stored, so refused input leaves the data as it was.

**Documents** of a collaboration: an uploaded file (in MEDIA_ROOT) or a link. Files are
served only through the permission-checked download view, never from a public media URL; the
types accepted are office documents, PDFs, images and zip archives up to 20 MB.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.models import Collaboration, CollaborationDocument, StageChange
from clusterdialogue.common.permissions import can

Stage = Collaboration.Stage

# The board's columns, left to right.
STAGE_ORDER: tuple[str, ...] = (
    Stage.IDENTIFIED, Stage.CONTACT, Stage.MEETING, Stage.SUBMITTED,
    Stage.FUNDED, Stage.REJECTED, Stage.RUNNING, Stage.CLOSED,
)  # fmt: skip
ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    Stage.IDENTIFIED: (Stage.CONTACT, Stage.MEETING, Stage.CLOSED),
    Stage.CONTACT: (Stage.MEETING, Stage.SUBMITTED, Stage.CLOSED),
    Stage.MEETING: (Stage.SUBMITTED, Stage.RUNNING, Stage.CLOSED),
    Stage.SUBMITTED: (Stage.FUNDED, Stage.REJECTED),
    Stage.FUNDED: (Stage.RUNNING,),
    Stage.REJECTED: (),
    Stage.RUNNING: (Stage.CLOSED,),
    Stage.CLOSED: (),
}
FINAL_STAGES = frozenset(s for s, following in ALLOWED_TRANSITIONS.items() if not following)
# Which funding figure an amount given with a move records.
AMOUNT_FIELD = {Stage.SUBMITTED: "funding_requested", Stage.FUNDED: "funding_won"}


def stage_label(stage: str) -> str:
    return str(Stage(stage).label)


def stage_next(*, stage: str) -> tuple[str, ...]:
    """The stages a collaboration at ``stage`` may move to (empty when it is final)."""
    return ALLOWED_TRANSITIONS[stage]


def invalid_input(field: str, message: str, **values: Any) -> None:
    """Refuse the input: ``message`` (with ``values`` filled in) is shown at ``field``."""
    raise ValidationError({field: message % values if values else message})


def _check_date(value: dt.date, field: str) -> None:
    if value > timezone.localdate():
        invalid_input(
            field,
            _("%(date)s is in the future; record a stage once it is reached."),
            date=value.isoformat(),
        )


def _check_partners(
    *, user: Any, partners: list[ClusterOrganisation], lead: ClusterOrganisation | None
) -> None:
    if not partners:
        raise ValidationError({"partners": _("Choose at least one partner cluster.")})
    if not can(user, "pipeline.create", partners):
        raise PermissionDenied(
            _(
                "One of the partners must be a cluster you act for (as its cluster manager or "
                "its territory's representative); add your cluster to the partners."
            )
        )
    if lead is not None and lead not in partners:
        invalid_input(
            "lead",
            _("The lead (%(lead)s) must be one of the partners; add it to them."),
            lead=lead.name,
        )


def _check_amount(value: Decimal | None, field: str) -> None:
    if value is not None and value < 0:
        invalid_input(field, _("An amount cannot be negative (%(value)s)."), value=value)


@transaction.atomic
def collaboration_create(
    *,
    user: Any,
    title: str,
    kind: str,
    partners: Iterable[ClusterOrganisation],
    started_on: dt.date,
    lead: ClusterOrganisation | None = None,
    note: str = "",
    **fields: Any,
) -> Collaboration:
    """Start following a collaboration at the stage *identified*, dated ``started_on``.

    ``fields`` are other model fields (``call``, ``post``, ``description``, ``outcome``,
    ``funding_requested``, ``funding_won``, ``is_example``).
    """
    partners = list(partners)
    _check_partners(user=user, partners=partners, lead=lead)
    _check_date(started_on, "started_on")
    for name in ("funding_requested", "funding_won"):
        _check_amount(fields.get(name), name)
    collaboration = Collaboration(
        title=title.strip(),
        kind=kind,
        lead=lead,
        started_on=started_on,
        stage=Stage.IDENTIFIED,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        **fields,
    )
    collaboration.full_clean(exclude=["partners", "created_by"])
    collaboration.save()
    collaboration.partners.set(partners)
    StageChange.objects.create(
        collaboration=collaboration,
        stage=Stage.IDENTIFIED,
        date=started_on,
        note=note,
        changed_by=collaboration.created_by,
    )
    return collaboration


def _dates_after_identification(collaboration: Collaboration) -> list[dt.date]:
    return list(
        collaboration.stage_changes.exclude(stage=Stage.IDENTIFIED).values_list("date", flat=True)
    )


@transaction.atomic
def collaboration_update(
    *,
    collaboration: Collaboration,
    user: Any,
    partners: Iterable[ClusterOrganisation] | None = None,
    **fields: Any,
) -> Collaboration:
    """Change a collaboration's facts (not its stage: see :func:`collaboration_move`).

    The user must act for a partner before the change, and still after it (otherwise they
    would lock themselves out). Moving ``started_on`` moves the *identified* log entry with it.
    """
    if not can(user, "pipeline.edit", collaboration):
        raise PermissionDenied(_("Only the people who act for a partner edit a collaboration."))
    fields.pop("stage", None)  # stages change through moves only, with a dated log entry
    new_partners = list(partners) if partners is not None else list(collaboration.partners.all())
    lead = fields.get("lead", collaboration.lead)
    _check_partners(user=user, partners=new_partners, lead=lead)
    for name in ("funding_requested", "funding_won"):
        _check_amount(fields.get(name), name)
    started_on = fields.get("started_on", collaboration.started_on)
    _check_date(started_on, "started_on")
    later = _dates_after_identification(collaboration)
    if later and started_on > min(later):
        invalid_input(
            "started_on",
            _(
                "The collaboration moved on on %(date)s; it must have been identified on or "
                "before that date."
            ),
            date=min(later).isoformat(),
        )
    collaboration = Collaboration.objects.select_for_update().get(pk=collaboration.pk)
    for name, value in fields.items():
        setattr(collaboration, name, value)
    if "title" in fields:
        collaboration.title = collaboration.title.strip()
    collaboration.full_clean(exclude=["partners", "created_by"])
    collaboration.save()
    if partners is not None:
        collaboration.partners.set(new_partners)
    collaboration.stage_changes.filter(stage=Stage.IDENTIFIED).update(date=started_on)
    return collaboration


@transaction.atomic
def collaboration_move(
    *,
    collaboration: Collaboration,
    user: Any,
    stage: str,
    date: dt.date,
    note: str = "",
    amount: Decimal | None = None,
    expected_stage: str | None = None,
) -> StageChange:
    """Move a collaboration to ``stage`` on ``date``, logging the move.

    ``amount`` records the funding requested (with *submitted*) or won (with *funded*).
    ``expected_stage`` is the stage the user saw: if someone moved the collaboration meanwhile
    the move is refused rather than applied to a stage the user did not see.
    """
    if not can(user, "pipeline.edit", collaboration):
        raise PermissionDenied(_("Only the people who act for a partner move a collaboration."))
    current = Collaboration.objects.select_for_update().get(pk=collaboration.pk)
    if expected_stage is not None and current.stage != expected_stage:
        invalid_input(
            "stage",
            _("Someone moved this collaboration to '%(stage)s' meanwhile; reload the page."),
            stage=stage_label(current.stage),
        )
    following = stage_next(stage=current.stage)
    if not following:
        invalid_input(
            "stage",
            _("'%(from)s' is final: nothing follows it."),
            **{"from": stage_label(current.stage)},
        )
    if stage not in following:
        invalid_input(
            "stage",
            _("From '%(from)s' a collaboration moves to %(allowed)s, not to '%(to)s'."),
            **{
                "from": stage_label(current.stage),
                "allowed": ", ".join(f"'{stage_label(s)}'" for s in following),
                "to": stage_label(stage) if stage in Stage.values else stage,
            },
        )
    _check_date(date, "date")
    previous = current.stage_changes.order_by("-date", "-pk").first()
    earliest = previous.date if previous else current.started_on
    if date < earliest:
        invalid_input(
            "date",
            _(
                "The previous stage was reached on %(earliest)s; this one cannot be earlier. "
                "Correct the date."
            ),
            earliest=earliest.isoformat(),
        )
    if amount is not None:
        if stage not in AMOUNT_FIELD:
            invalid_input(
                "amount",
                _(
                    "An amount goes with 'submitted' (requested) or 'funded' (won); leave it "
                    "empty for this stage."
                ),
            )
        _check_amount(amount, "amount")
        setattr(current, AMOUNT_FIELD[stage], amount)
    current.stage = stage
    current.save()
    return StageChange.objects.create(
        collaboration=current,
        stage=stage,
        date=date,
        note=note,
        changed_by=user if getattr(user, "is_authenticated", False) else None,
    )


def collaboration_delete(*, collaboration: Collaboration, user: Any) -> None:
    """Delete a collaboration, its log and its documents (with their files)."""
    if not can(user, "pipeline.delete", collaboration):
        raise PermissionDenied(
            _(
                "Only the secretariat and the partners' territory representatives delete a "
                "collaboration; managers close it instead."
            )
        )
    files = [(d.file.storage, d.file.name) for d in collaboration.documents.all() if d.file]
    with transaction.atomic():
        collaboration.delete()
    for storage, name in files:
        storage.delete(name)


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
    if not can(user, "pipeline.edit", collaboration):
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
    if not can(user, "pipeline.edit", document.collaboration):
        raise PermissionDenied(_("Only the people who act for a partner remove documents."))
    stored = document.file.name if document.file else None
    storage = document.file.storage if document.file else None
    with transaction.atomic():
        document.delete()
    # The file goes once the row is gone: a failed delete never leaves a row without its file.
    if stored and storage is not None:
        storage.delete(stored)
