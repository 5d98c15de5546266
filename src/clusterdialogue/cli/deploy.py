"""``clusterdialogue check-deploy``: Django's deployment checks and the platform's own."""

from __future__ import annotations

import argparse


def register(groups: argparse._SubParsersAction) -> None:
    check = groups.add_parser(
        "check-deploy",
        help="check the production set-up: secret key, debug, hosts, HTTPS, database, migrations",
    )
    check.set_defaults(handler=check_deploy)


def check_deploy(args: argparse.Namespace) -> int:
    """Print every problem with its fix; exit 1 when any error or warning is found."""
    from clusterdialogue.cli._django import setup_django

    setup_django()
    from django.core import checks

    messages = checks.run_checks(include_deployment_checks=True)
    shown = [m for m in messages if m.level >= checks.WARNING and not m.is_silenced()]
    for message in shown:
        level = "error" if message.level >= checks.ERROR else "warning"
        print(f"{level} {message.id}: {message.msg}")
        if message.hint:
            print(f"    fix: {message.hint}")
    if shown:
        print(f"deployment checks: {len(shown)} problem(s)")
        return 1
    print("deployment checks passed")
    return 0
