"""Suite-wide fixtures: factories, the real-data folder, PostgreSQL availability, Playwright
(``testing/browser.py``)."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The shared harness asserts too (testing/api.py, testing/permissions.py): rewrite its asserts
# so a failure shows the values, as in a test module.
pytest.register_assert_rewrite("clusterdialogue.testing")

REPO_ROOT = Path(__file__).resolve().parent


def real_data_dir() -> Path | None:
    """The local mirror of the real data (``CLUSTERDIALOGUE_DATA_DIR`` or ``../shared/data``)."""
    configured = os.environ.get("CLUSTERDIALOGUE_DATA_DIR")
    candidate = Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def data_dir() -> Path:
    directory = real_data_dir()
    if directory is None:
        pytest.skip("real data not found: set CLUSTERDIALOGUE_DATA_DIR to the data mirror")
    return directory


def _postgres_unreachable() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 5432), 2):
            return None
    except OSError as error:
        return f"PostgreSQL at {parsed.hostname}:{parsed.port or 5432} did not answer ({error})"


def pytest_collection_modifyitems(config, items):
    reason = _postgres_unreachable()
    if reason:
        skip = pytest.mark.skip(reason=reason)
        for item in items:
            if "django_db" in item.keywords or {"db", "client", "live_server"} & set(
                getattr(item, "fixturenames", ())
            ):
                item.add_marker(skip)


pytest_plugins = [
    "clusterdialogue.testing.fixtures",
    "clusterdialogue.testing.fixtures.clusters",
    "clusterdialogue.testing.fixtures.accounts",
    "clusterdialogue.testing.fixtures.directory",
    "clusterdialogue.testing.fixtures.calls",
    "clusterdialogue.testing.fixtures.board",
    "clusterdialogue.testing.fixtures.pipeline",
    "clusterdialogue.testing.browser",
]
