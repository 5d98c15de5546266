"""``clusterdialogue dialogue library-import FILE.csv``: the secretariat's import of instruments.

The lead wires :func:`register_library_import` into the ``dialogue`` command group. A bad row
is reported with its line and field and changes nothing (exit code 2).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from clusterdialogue.cli._django import setup_django


def register_library_import(subparsers: argparse._SubParsersAction) -> None:
    """Add ``library-import`` to the ``dialogue`` group."""
    command = subparsers.add_parser(
        "library-import",
        help="policy instruments of the library from a CSV file",
        description=(
            "Import policy instruments (columns: territory, name, type, managing_body, "
            "description, budget_amount, budget_currency, start_year, end_year, target_groups, "
            "results, links, language, tags, source, is_example; see the README). An "
            "instrument with the same territory and name is updated. A bad file changes nothing."
        ),
    )
    command.add_argument("file", type=Path, help="the .csv file (UTF-8)")
    command.set_defaults(handler=library_import)


def library_import(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.dialogue.library.services import policy_instruments_import

    print(policy_instruments_import(source=args.file).summary)
    return 0
