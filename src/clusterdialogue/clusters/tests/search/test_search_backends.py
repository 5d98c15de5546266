"""What only one of the two search backends does: SQLite FTS5 or PostgreSQL full-text search."""

from __future__ import annotations

import pytest
from django.db import connection

from clusterdialogue.clusters.search import cluster_search
from clusterdialogue.clusters.search.backends import search_backend
from clusterdialogue.clusters.search.postgres import PostgresBackend
from clusterdialogue.clusters.search.sqlite_fts5 import Fts5Backend
from clusterdialogue.testing.factories.clusters import ClusterOrganisationFactory


@pytest.fixture
def sqlite_only(db):
    if connection.vendor != "sqlite":
        pytest.skip(f"SQLite FTS5 test: the suite runs on {connection.vendor} (DATABASE_URL)")


@pytest.fixture
def postgres_only(db):
    if connection.vendor != "postgresql":
        pytest.skip(
            f"PostgreSQL test: the suite runs on {connection.vendor}; set DATABASE_URL to a "
            "postgres:// address to run it"
        )


def test_sqlite_uses_an_fts5_trigram_table(sqlite_only, directory_world):
    assert isinstance(search_backend(), Fts5Backend)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'clusters_search_fts'")
        (sql,) = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM clusters_search_fts")
        (rows,) = cursor.fetchone()
    assert "fts5" in sql and "trigram" in sql
    assert rows == 5


def test_sqlite_ranks_by_bm25_within_a_tier(sqlite_only, directory_world):
    # Both are description-level hits; the shorter text with the word twice ranks first.
    region = directory_world["regions"]["QA11"]
    dense = ClusterOrganisationFactory(name="Example A", region=region,
                                       description="Photonik. Photonik.")  # fmt: skip
    sparse = ClusterOrganisationFactory(
        name="Example B", region=region,
        description="Photonik " + " ".join(f"filler{i}" for i in range(200)),
    )  # fmt: skip
    from clusterdialogue.clusters.search import search_index_update

    search_index_update(organisation_ids=[dense.pk, sparse.pk])
    ranking = cluster_search(query="photonik")
    assert [pk for pk, _ in ranking] == [dense.pk, sparse.pk]
    assert 1 <= ranking[1][1] < ranking[0][1] < 2


def test_postgres_uses_tsvector_and_trigram_indexes(postgres_only, directory_world):
    assert isinstance(search_backend(), PostgresBackend)
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == ("pg_trgm",)
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = "
                       "'clusters_search_document' ORDER BY indexname")  # fmt: skip
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT document::text FROM clusters_search_document WHERE organisation_id = %s",
            [directory_world["emobility"].pk],
        )
        (document,) = cursor.fetchone()
    assert "clusters_search_document_document" in indexes
    assert "clusters_search_document_trigram" in indexes
    assert "'elektromobilitat':2A" in document  # the name, in weight A


def test_postgres_stemmers_match_other_forms_of_a_word(postgres_only, directory_world):
    # "connected" is not a substring of "connection"; the English stemmer makes both "connect".
    region = directory_world["regions"]["QA11"]
    organisation = ClusterOrganisationFactory(
        name="Example stems", region=region, description="Connection of machines."
    )
    from clusterdialogue.clusters.search import search_index_update

    search_index_update(organisation_ids=[organisation.pk])
    assert organisation.pk in [pk for pk, _ in cluster_search(query="connected")]
