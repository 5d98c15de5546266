"""The ``clusterdialogue dialogue remind`` sub-command; the lead wires it into cli/dialogue.py."""

from __future__ import annotations

import argparse
from typing import Any


def _remind(args: argparse.Namespace) -> int:
    from clusterdialogue.cli._django import setup_django

    setup_django()
    from clusterdialogue.dialogue.meetings.services import meeting_reminders_send

    sent = meeting_reminders_send(days_before=args.days_before, site_url=args.site_url.rstrip("/"))
    print(f"sent {sent} reminders")
    return 0


def register_remind(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``remind --days-before N [--site-url URL]`` to a ``dialogue`` sub-parser set."""
    parser = subparsers.add_parser(
        "remind", help="e-mail reminders for the meetings starting in N days"
    )
    parser.add_argument("--days-before", type=int, default=7, metavar="N")
    parser.add_argument(
        "--site-url",
        default="http://localhost:8000",
        help="makes the links in the e-mails absolute",
    )
    parser.set_defaults(handler=_remind)
    return parser
