"""``clusterdialogue check-deploy``: Django's deployment checks and the platform's own, each
problem with its fix, exit 1 on any; a production-like set-up passes."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

CLI = [str(Path(sys.executable).with_name("clusterdialogue"))]


def _run(tmp_path, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    base.update(
        DJANGO_SETTINGS_MODULE="clusterdialogue.config.settings",
        CLUSTERDIALOGUE_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    base.update(env)
    return subprocess.run([*CLI, "check-deploy"], env=base, capture_output=True, text=True)


PRODUCTION = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "clusters.example.org",
    "DJANGO_HTTPS": "true",
}


def test_the_laptop_default_is_not_a_deployment(tmp_path):
    result = _run(tmp_path)
    assert result.returncode == 1
    out = result.stdout
    assert "error clusterdialogue.E001: DJANGO_SECRET_KEY is not set" in out
    assert "fix: Set DJANGO_SECRET_KEY" in out
    assert "clusterdialogue.W001" in out  # only loopback host names
    assert "clusterdialogue.E004" in out and "not applied" in out  # an empty database
    assert "security.W004" in out  # no HSTS without DJANGO_HTTPS
    assert out.strip().splitlines()[-1].startswith("deployment checks: ")


def test_a_production_set_up_passes_once_migrated(tmp_path):
    env = {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "clusterdialogue.config.settings"}
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    base.update(
        env,
        CLUSTERDIALOGUE_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--no-input", "-v", "0"], env=base, check=True
    )
    result = _run(tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "deployment checks passed"


def test_an_unreachable_database_is_named_with_its_fix(tmp_path):
    result = _run(tmp_path, **PRODUCTION, DATABASE_URL="postgres://postgres@127.0.0.1:1/none")
    assert result.returncode == 1
    assert "clusterdialogue.E003: The database does not answer" in result.stdout
    assert "fix: Check DATABASE_URL" in result.stdout
