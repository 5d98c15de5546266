"""``clusterdialogue serve``: serve the web application."""

from __future__ import annotations

import argparse
import os
import sys


def register(groups: argparse._SubParsersAction) -> None:
    serve = groups.add_parser("serve", help="serve the web application (gunicorn)")
    serve.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on")
    serve.add_argument("--workers", type=int, default=2)
    serve.set_defaults(handler=serve_app)


def serve_app(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdialogue.config.settings")
    from clusterdialogue.cli._django import setup_django

    setup_django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"serving on http://{args.bind}")
    os.execv(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "clusterdialogue.config.wsgi:application",
            "--bind",
            args.bind,
            "--workers",
            str(args.workers),
            "--access-logfile",
            "-",
        ],
    )
    return 0  # pragma: no cover
