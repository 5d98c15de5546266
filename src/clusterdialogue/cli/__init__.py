"""The ``clusterdialogue`` command-line tool.

Each sub-module registers one group of sub-commands. Commands stay thin: they parse arguments,
call a service (or a pure ``core`` function) and report.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from clusterdialogue.cli import (
    backup,
    clusters,
    data,
    deploy,
    dialogue,
    directory,
    events,
    imports,
    mapping,
    match,
    web,
)
from clusterdialogue.common.errors import ServiceError
from clusterdialogue.core.io.errors import DataFileError


class CommandError(Exception):
    """An error a command reports to the user as one clear line, without a traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clusterdialogue",
        description="Cluster Dialogue: regional cluster mapping and collaboration for networks of regions.",
    )
    groups = parser.add_subparsers(dest="group", metavar="COMMAND", required=True)
    for module in (
        imports,
        mapping,
        match,
        data,
        clusters,
        directory,
        dialogue,
        events,
        web,
        deploy,
        backup,
    ):
        module.register(groups)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except (DataFileError, CommandError, ServiceError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
