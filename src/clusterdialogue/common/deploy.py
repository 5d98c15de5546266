"""The platform's own deployment checks, beside Django's (``check --deploy``).

Registered as Django system checks with the ``deploy`` flag, so ``manage.py check --deploy`` and
``clusterdialogue check-deploy`` run them: the secret key is set and not the development one,
debug is off, the allowed hosts name the site, the database answers and every migration is
applied. Each message says how to fix it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

DEVELOPMENT_KEY_PREFIX = "insecure-development-key"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "testserver", "::1", "[::1]"}


@register(Tags.security, deploy=True)
def secret_key_check(app_configs: Any = None, **kwargs: Any) -> list:
    key = getattr(settings, "SECRET_KEY", "")
    if not key or key.startswith(DEVELOPMENT_KEY_PREFIX):
        return [
            Error(
                "DJANGO_SECRET_KEY is not set: the development key is in use.",
                hint="Set DJANGO_SECRET_KEY to a long random value (python -c "
                "'import secrets; print(secrets.token_urlsafe(50))') and keep it secret.",
                id="clusterdialogue.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def debug_check(app_configs: Any = None, **kwargs: Any) -> list:
    if settings.DEBUG:
        return [
            Error(
                "DJANGO_DEBUG is on: error pages would show code and settings to anyone.",
                hint="Unset DJANGO_DEBUG (or set it to false).",
                id="clusterdialogue.E002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def allowed_hosts_check(app_configs: Any = None, **kwargs: Any) -> list:
    hosts = set(settings.ALLOWED_HOSTS)
    if not hosts - LOOPBACK_HOSTS:
        return [
            Warning(
                "DJANGO_ALLOWED_HOSTS names only this machine "
                f"({', '.join(sorted(hosts)) or 'nothing'}): the site answers no public name.",
                hint="Set DJANGO_ALLOWED_HOSTS to the site's host name, e.g. "
                "clusters.example.org (comma-separated for several).",
                id="clusterdialogue.W001",
            )
        ]
    if "*" in hosts:
        return [
            Warning(
                "DJANGO_ALLOWED_HOSTS allows any host name ('*').",
                hint="Name the site's host names instead.",
                id="clusterdialogue.W002",
            )
        ]
    return []


@register(Tags.database, deploy=True)
def database_check(app_configs: Any = None, **kwargs: Any) -> list:
    """The database answers, and no migration waits to be applied."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as error:  # any driver error means the same thing here
        return [
            Error(
                f"The database does not answer: {error}".strip(),
                hint="Check DATABASE_URL and that the server runs and accepts this user.",
                id="clusterdialogue.E003",
            )
        ]
    if pending:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in pending[:5])
        more = f" and {len(pending) - 5} more" if len(pending) > 5 else ""
        return [
            Error(
                f"{len(pending)} migration(s) not applied: {names}{more}.",
                hint="Run: clusterdialogue setup (or manage.py migrate).",
                id="clusterdialogue.E004",
            )
        ]
    return []
