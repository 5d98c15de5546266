"""The analytics are computed once per import and recomputed after a re-import.

These tests commit their data (a transactional database), as a running site does: inside a
transaction, results are cached only for data that went through an import.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone

from clusterdialogue.analytics import selectors
from clusterdialogue.statistics.models import Dataset
from clusterdialogue.statistics.services.imports import dataset_import_long_csv


@pytest.fixture
def computations(monkeypatch) -> list[int]:
    """Count the runs of the engine (one per scheme and level computed)."""
    runs: list[int] = []
    engine = selectors.complexity_by_year

    def counted(*args, **kwargs):
        runs.append(1)
        return engine(*args, **kwargs)

    monkeypatch.setattr(selectors, "complexity_by_year", counted)
    cache.clear()
    return runs


def employment(client, code: str = "QA11", category: str = "C29") -> float:
    rows = client.get(f"/api/analytics/regions/{code}/density/?year=2014").json()["categories"]
    return next(row["employment"] for row in rows if row["category"] == category)


@pytest.mark.django_db(transaction=True)
def test_pages_are_served_from_the_cache_until_the_data_is_reimported(
    analytics_world, client, computations, tmp_path
):
    Dataset.objects.update(imported_at=timezone.now())
    assert client.get("/analytics/regions/QA11/").status_code == 200
    first = len(computations)
    assert first == 2  # NUTS 2 for the region, NUTS 1 for the territory Gamma
    client.get("/analytics/regions/QA11/")
    client.get("/analytics/regions/QB12/?year=2013")
    client.get("/analytics/network/")
    before = employment(client)
    assert len(computations) == first

    csv_file = tmp_path / "update.csv"
    csv_file.write_text(
        "region,industry,year,indicator,value\nQA11,C29,2014,V16110,123456\n", encoding="utf-8"
    )
    dataset_import_long_csv(path=csv_file, dataset_code="sbs_r_nuts06_r2")
    assert employment(client) == 123456 != before
    assert len(computations) == first + 1  # NUTS 2 again
    client.get("/analytics/regions/QA11/")
    assert len(computations) == first + 2  # and NUTS 1, once
    client.get("/analytics/regions/QA11/")
    assert len(computations) == first + 2


@pytest.mark.django_db(transaction=True)
def test_the_industry_space_is_laid_out_once(analytics_world, client, monkeypatch):
    cache.clear()
    Dataset.objects.update(imported_at=timezone.now())
    layouts: list[int] = []
    layout = selectors.industry_space_layout
    monkeypatch.setattr(
        selectors, "industry_space_layout", lambda phi: layouts.append(1) or layout(phi)
    )
    for code in ("QA11", "QA12", "QB13"):
        client.get(f"/analytics/regions/{code}/")
    assert len(layouts) == 1
    client.get("/analytics/regions/QA11/?year=2013")
    assert len(layouts) == 2


def test_nothing_is_cached_inside_a_transaction_without_an_import(
    analytics_world, client, computations
):
    # The figures of a rolled-back transaction could come back with the same ids.
    employment(client)
    once = len(computations)
    employment(client)
    assert once >= 1 and len(computations) == 2 * once
