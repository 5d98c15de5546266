"""Fixtures for the reader tests: the real data directory (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def _repo_root() -> Path:
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").is_file():
            return parent
    raise RuntimeError("pyproject.toml not found above the tests")  # pragma: no cover


def real_data_dir() -> Path:
    """``$CLUSTERDIALOGUE_DATA_DIR``, else ``shared/data`` beside the repository root."""
    configured = os.environ.get("CLUSTERDIALOGUE_DATA_DIR")
    return Path(configured) if configured else _repo_root().parent / "shared" / "data"


@pytest.fixture
def data_file():
    """Return a function giving the path of a real data file, skipping the test if absent."""

    def locate(relative: str) -> Path:
        path = real_data_dir() / relative
        if not path.is_file():
            pytest.skip(
                f"real data file {relative} not found in {real_data_dir()} "
                "(set CLUSTERDIALOGUE_DATA_DIR to the data mirror to run this test)"
            )
        return path

    return locate
