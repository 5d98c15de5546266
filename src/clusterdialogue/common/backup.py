"""Backup and restore: one versioned ZIP archive with the whole database content, the uploaded
files and a manifest of counts and checksums.

Archive layout (format 1)::

    manifest.json                 format, created, migrations, per model its row count and file
    data/<app_label>.<model>.jsonl  the rows (one JSON object a row in Django's serialised form, full-precision times, natural keys
                                  for content types and permissions, which migrate recreates)
    media/<path>                  every uploaded file under MEDIA_ROOT
    checksums: SHA-256 of every member, in the manifest

:func:`backup_write` reads in one transaction, so the archive is a consistent snapshot.
:func:`backup_restore` checks the archive first (format, checksums, migrations known to this
code), then in one transaction replaces the content of every archived table, resets the
primary-key sequences, checks the foreign keys and compares the counts with the manifest; any
failure leaves the database as it was. The search indexes (plain tables, not models) are rebuilt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from clusterdialogue.common.errors import ServiceError

FORMAT = 1
# Recreated by ``migrate`` (and referenced by natural keys), or transient.
SKIPPED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
CHUNK = 2000


class BackupError(ServiceError):
    """The archive cannot be written or restored; the message says why and what to do."""


@dataclass
class BackupReport:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    media_files: int = 0

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def _label(model: type) -> str:
    return model._meta.label_lower


def backup_models() -> list[type]:
    """Every model with a table of its own, in an order where dependencies come first."""
    models = [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and _label(m) not in SKIPPED_MODELS
    ]
    app_list = {}
    for model in models:
        app_list.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def _migrations(alias: str = DEFAULT_DB_ALIAS) -> list[list[str]]:
    recorder = MigrationRecorder(connections[alias])
    return sorted([app, name] for app, name in recorder.applied_migrations())


class _FullPrecisionEncoder(json.JSONEncoder):
    """Dates and times with their microseconds (Django's JSON serialiser keeps milliseconds
    only, which a restore would not give back identical), decimals as exact text."""

    def default(self, value: Any) -> Any:
        if isinstance(value, dt.datetime | dt.date | dt.time):
            return value.isoformat()
        if isinstance(value, Decimal | uuid.UUID):
            return str(value)
        return super().default(value)


def _rows_jsonl(rows: Any) -> str:
    """One JSON object a row (Django's "python" form: model, pk, fields), natural keys for
    content types and permissions."""
    stream = io.StringIO()
    chunk: list[Any] = []

    def flush() -> None:
        for item in serializers.serialize("python", chunk, use_natural_foreign_keys=True):
            stream.write(json.dumps(item, cls=_FullPrecisionEncoder, ensure_ascii=False))
            stream.write("\n")
        chunk.clear()

    for row in rows.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) >= CHUNK:
            flush()
    flush()
    return stream.getvalue()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def backup_write(
    *, path: Path | str, progress: Callable[[str], None] | None = None
) -> BackupReport:
    """Write the archive to ``path`` (a temporary file renamed when complete)."""
    path = Path(path)
    report = BackupReport(path=path)
    partial = path.with_name(path.name + ".partial")
    checksums: dict[str, str] = {}
    media_root = Path(settings.MEDIA_ROOT)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            with transaction.atomic():  # one consistent snapshot of every table
                for model in backup_models():
                    label = _label(model)
                    if progress:
                        progress(label)
                    name = f"data/{label}.jsonl"
                    rows = model._base_manager.order_by("pk")
                    data = _rows_jsonl(rows).encode("utf-8")
                    archive.writestr(name, data)
                    checksums[name] = _sha256(data)
                    report.counts[label] = rows.count()
                migrations = _migrations()
            if media_root.is_dir():
                for file in sorted(p for p in media_root.rglob("*") if p.is_file()):
                    name = f"media/{file.relative_to(media_root).as_posix()}"
                    data = file.read_bytes()
                    archive.writestr(name, data)
                    checksums[name] = _sha256(data)
                    report.media_files += 1
            manifest = {
                "format": FORMAT,
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "database": connections[DEFAULT_DB_ALIAS].vendor,
                "migrations": migrations,
                "counts": report.counts,
                "media_files": report.media_files,
                "checksums": checksums,
            }
            archive.writestr("manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return report


def _manifest(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError(f"{path}: no readable manifest.json; is it a backup archive?") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{path}: archive format {manifest.get('format')!r}; this version reads format "
            f"{FORMAT}. Restore it with the version of the platform that wrote it."
        )
    for name, digest in manifest["checksums"].items():
        try:
            data = archive.read(name)
        except KeyError as error:
            raise BackupError(f"{path}: {name} is missing from the archive") from error
        if _sha256(data) != digest:
            raise BackupError(f"{path}: {name} does not match its checksum; the file is damaged")
    return manifest


def _check_migrations(manifest: dict[str, Any], path: Path) -> None:
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest["migrations"] if (app, name) not in known]
    if unknown:
        raise BackupError(
            f"{path}: the archive was written by a newer version (migrations unknown here: "
            f"{', '.join(unknown[:5])}); update the platform first"
        )


def _reset_sequences(models: list[type]) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _audit_paused() -> Any:
    from clusterdialogue.accounts.audit.services import audit_paused

    return audit_paused()


def _search_indexes_rebuild() -> None:
    from clusterdialogue.clusters.search.index import search_index_update
    from clusterdialogue.dialogue.library.services import policy_instrument_index_update

    search_index_update()
    policy_instrument_index_update()


def _has_timestamps(model: type) -> bool:
    return any(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
               for f in model._meta.concrete_fields)  # fmt: skip


def _rows_load(model: type, text: str) -> None:
    """Insert the rows: in bulk where nothing needs ``save`` (many-to-many, timestamps that
    ``bulk_create`` would overwrite, forward references), else one by one as ``loaddata`` does."""
    bulk = not _has_timestamps(model)
    buffer: list[Any] = []
    deferred = []
    objects = (json.loads(line) for line in text.splitlines() if line.strip())
    for item in serializers.deserialize("python", objects, handle_forward_references=True):
        if item.deferred_fields:
            deferred.append(item)
        if bulk and not item.m2m_data and not item.deferred_fields:
            buffer.append(item.object)
            if len(buffer) >= CHUNK:
                model._base_manager.bulk_create(buffer)
                buffer = []
        else:
            item.save()
    if buffer:
        model._base_manager.bulk_create(buffer)
    for item in deferred:
        item.save_deferred_fields()


def _media_names(manifest: dict[str, Any], path: Path) -> list[tuple[str, Path]]:
    names = []
    for name in manifest["checksums"]:
        if not name.startswith("media/"):
            continue
        relative = Path(name.removeprefix("media/"))
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise BackupError(f"{path}: {name} points outside the media folder")
        names.append((name, relative))
    return names


def backup_restore(
    *, path: Path | str, progress: Callable[[str], None] | None = None
) -> BackupReport:
    """Replace the database content and the uploaded files with the archive's.

    The database must be migrated (``clusterdialogue setup`` or ``migrate``) to this version.
    Raises :class:`BackupError` naming the problem; the database and the files are then as
    they were.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    report = BackupReport(path=path)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise BackupError(f"{path}: not a ZIP archive ({error})") from error
    media_root = Path(settings.MEDIA_ROOT)
    staging = media_root.with_name(media_root.name + ".restoring")
    with archive:
        manifest = _manifest(archive, path)
        _check_migrations(manifest, path)
        models = backup_models()
        by_label = {_label(m): m for m in models}
        missing = sorted(set(manifest["counts"]) - set(by_label))
        if missing:
            raise BackupError(f"{path}: tables unknown to this version: {', '.join(missing)}")
        # The files go to a staging folder first; they replace the media folder only once the
        # database content is committed.
        shutil.rmtree(staging, ignore_errors=True)
        for name, relative in _media_names(manifest, path):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))
            report.media_files += 1
        connection = connections[DEFAULT_DB_ALIAS]
        try:
            with transaction.atomic(), _audit_paused():
                with connection.constraint_checks_disabled():
                    for model in reversed(models):
                        model._base_manager.all()._raw_delete(model._base_manager.db)
                    for model in models:
                        label = _label(model)
                        if label not in manifest["counts"]:
                            continue
                        if progress:
                            progress(label)
                        _rows_load(model, archive.read(f"data/{label}.jsonl").decode("utf-8"))
                connection.check_constraints(table_names=[m._meta.db_table for m in models])
                _reset_sequences(models)
                for label, expected in manifest["counts"].items():
                    found = by_label[label]._base_manager.count()
                    if found != expected:
                        raise BackupError(
                            f"{path}: {label} has {found} rows after restore, not {expected}"
                        )
                    report.counts[label] = found
                _search_indexes_rebuild()
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    if report.media_files:
        shutil.rmtree(media_root, ignore_errors=True)
        staging.replace(media_root)
    return report
