"""``clusterdialogue import calls FILE [--example]``: funding calls from CSV or JSON.

Registered under the ``import`` group (from :mod:`clusterdialogue.cli.imports` through
:func:`register_import_kinds`). A bad file is reported with its line and field and changes
nothing (exit code 2).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from clusterdialogue.cli._django import setup_django


def register_import_kinds(kinds: argparse._SubParsersAction) -> None:
    """Add ``import calls`` to the ``import`` group."""
    calls = kinds.add_parser(
        "calls",
        help="funding calls (Horizon Europe, Interreg Europe, Euroclusters …) from CSV or JSON",
        description=(
            "Import funding calls. The layout is documented in clusterdialogue/core/io/calls.py "
            "(fields id, programme, title, topic, opening, deadline, min_partners, "
            "min_countries, eligible_countries, max_partners, url). A call with an id updates "
            "the stored call with the same reference, one without updates the call with the "
            "same programme and title. A bad file changes nothing."
        ),
    )
    calls.add_argument("file", type=Path, help="the .csv or .json file (gzip allowed)")
    calls.add_argument(
        "--example",
        action="store_true",
        help="flag the calls as examples for demonstration (not real calls)",
    )
    calls.set_defaults(handler=import_calls)


def import_calls(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.collaboration.calls.services import funding_calls_import

    report = funding_calls_import(source=args.file, is_example=args.example)
    print(report.summary)
    for row in report.rows:
        print(f"  line {row.line}: {row.action} {row.reference or '-'} {row.title}")
    return 0
