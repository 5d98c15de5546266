"""The matching index is built once, kept, and rebuilt only when what it encodes changes.

``recommendation_world`` gives five example profiles; every test counts the builds through
``matching_index_build`` and checks that the index after a change encodes the change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache

from clusterdialogue.collaboration import matching
from clusterdialogue.collaboration.matching import (
    VERSION_KEY,
    MatchingIndexStore,
    matching_index_get,
    matching_index_invalidate,
    matching_index_version,
)
from clusterdialogue.statistics.services.imports import dataset_import_long_csv
from clusterdialogue.testing.factories import IndustryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """One entry per build of the index."""
    counted: list[int] = []
    build = matching.matching_index_build

    def counting_build():
        counted.append(1)
        return build()

    monkeypatch.setattr(matching, "matching_index_build", counting_build)
    return counted


def _profile(index, slug: str):
    return index.index.profiles.set_index("id").loc[slug]


def test_built_once_and_reused(recommendation_world, builds):
    first = matching_index_get()
    assert matching_index_get() is first
    assert matching_index_get() is first
    assert len(builds) == 1
    assert set(first.organisation_ids) >= {"query", "similar", "complementary"}


def test_rebuilt_after_a_profile_edit(recommendation_world, builds):
    before = matching_index_get()
    query = recommendation_world["query"]
    query.description = "Example offshore wind cluster."
    query.save()
    after = matching_index_get()
    assert after is not before and len(builds) == 2
    assert "offshore wind" in _profile(after, "query")["text"]
    assert "offshore wind" not in _profile(before, "query")["text"]


def test_rebuilt_after_a_sector_change(recommendation_world, builds):
    matching_index_get()
    recommendation_world["query"].sectors.add(IndustryFactory(code="C29", section="C"))
    after = matching_index_get()
    assert len(builds) == 2
    assert list(_profile(after, "query")["nace"]) == ["C29"]


def test_rebuilt_after_a_profile_is_deleted(recommendation_world, builds):
    matching_index_get()
    recommendation_world["same_territory"].delete()
    after = matching_index_get()
    assert len(builds) == 2
    assert "same-territory" not in after.organisation_ids


def test_rebuilt_after_a_statistics_import(recommendation_world, builds, tmp_path: Path):
    matching_index_get()
    region = recommendation_world["query"].region.code
    path = tmp_path / "employment.csv"
    path.write_text(f"region,industry,year,indicator,value\n{region},C29,2022,V16110,120\n")
    dataset_import_long_csv(path=path, dataset_code="example-employment")
    matching_index_get()
    assert len(builds) == 2


def test_rebuilt_after_invalidate(recommendation_world, builds):
    before = matching_index_get()
    matching_index_invalidate()
    assert matching_index_get() is not before
    assert len(builds) == 2


def test_a_newer_shared_version_forces_a_rebuild(recommendation_world, builds):
    before = matching_index_get()
    # Another process invalidated: only the version in the shared cache tells this one.
    cache.incr(VERSION_KEY)
    after = matching_index_get()
    assert after is not before and len(builds) == 2
    assert matching_index_get() is after and len(builds) == 2


def test_a_lost_shared_version_forces_a_rebuild(recommendation_world, builds):
    matching_index_invalidate()
    matching_index_get()
    cache.delete(VERSION_KEY)  # evicted, or the cache was cleared
    matching_index_get()
    assert len(builds) == 2


def test_an_invalidation_is_repeated_when_its_transaction_commits(
    recommendation_world, django_capture_on_commit_callbacks
):
    start = matching_index_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        recommendation_world["query"].save()
        assert matching_index_version() == start + 1
    assert callbacks
    assert matching_index_version() == start + 2


def test_the_store_answers_only_for_its_version(recommendation_world):
    store = MatchingIndexStore()
    index = matching_index_get()
    assert store.get(version=1) is None
    store.put(version=1, index=index)
    assert store.get(version=1) is index
    assert store.get(version=2) is None
    store.clear()
    assert store.get(version=1) is None
