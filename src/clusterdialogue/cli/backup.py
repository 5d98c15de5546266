"""``clusterdialogue backup OUT`` and ``clusterdialogue restore IN``."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(groups: argparse._SubParsersAction) -> None:
    backup = groups.add_parser(
        "backup", help="write the database content and uploaded files to one archive (.zip)"
    )
    backup.add_argument("out", type=Path, help="the archive to write, e.g. backup.zip")
    backup.set_defaults(handler=backup_command)
    restore = groups.add_parser(
        "restore", help="replace the database content and uploaded files with an archive's"
    )
    restore.add_argument("archive", type=Path, help="an archive written by `backup`")
    restore.set_defaults(handler=restore_command)


def _progress(label: str) -> None:
    print(f"  {label}", flush=True)


def backup_command(args: argparse.Namespace) -> int:
    from clusterdialogue.cli._django import setup_django

    setup_django()
    from clusterdialogue.common.backup import backup_write

    report = backup_write(path=args.out, progress=_progress)
    print(f"backup written to {report.path}: {report.rows} rows in {len(report.counts)} tables, "
          f"{report.media_files} files")  # fmt: skip
    return 0


def restore_command(args: argparse.Namespace) -> int:
    from clusterdialogue.cli._django import setup_django

    setup_django()
    from django.core.management import call_command

    from clusterdialogue.common.backup import backup_restore

    call_command("migrate", interactive=False, verbosity=0)
    report = backup_restore(path=args.archive, progress=_progress)
    print(f"restored {report.rows} rows in {len(report.counts)} tables and "
          f"{report.media_files} files from {report.path}")  # fmt: skip
    return 0
