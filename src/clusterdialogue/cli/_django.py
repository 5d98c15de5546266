"""Start Django for the commands that use the database."""

from __future__ import annotations

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdialogue.config.settings")
    import django

    django.setup()
