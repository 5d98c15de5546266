"""Fixtures for the reader tests: one real data file at a time (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data_file(data_dir):
    """Return a function giving the path of a real data file, skipping the test if absent."""

    def locate(relative: str) -> Path:
        path = data_dir / relative
        if not path.is_file():
            pytest.skip(
                f"real data file {relative} not found in {data_dir} "
                "(set CLUSTERDIALOGUE_DATA_DIR to the data mirror to run this test)"
            )
        return path

    return locate
