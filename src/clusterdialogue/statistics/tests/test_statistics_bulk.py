"""Tests of the bulk writers (``executemany`` on SQLite, ``COPY`` on PostgreSQL) in transactions."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from clusterdialogue.common.bulk import bulk_insert, bulk_upsert
from clusterdialogue.statistics.models import Observation

pytestmark = pytest.mark.django_db

TABLE = Observation._meta.db_table
COLUMNS = ("dataset_id", "region_id", "industry_id", "indicator", "year", "value", "flag")
CONFLICT = ("dataset_id", "region_id", "industry_id", "indicator", "year")


@pytest.fixture
def keys(observation_factory):
    """Primary keys of a dataset, a region and an industry, plus one row already stored."""
    existing = observation_factory(indicator="V16110", year=2013, value=5.0)
    return existing.dataset_id, existing.region_id, existing.industry_id


def table_rows() -> list[tuple]:
    return list(Observation.objects.order_by("indicator", "year").values_list(*COLUMNS))


def test_bulk_upsert_inserts_then_updates_in_one_atomic_block(keys):
    d, r, i = keys
    odd = "a\tb\\c\nd"  # COPY needs tabs, backslashes and newlines escaped
    with transaction.atomic():
        bulk_upsert(
            table=TABLE,
            columns=COLUMNS,
            rows=[(d, r, i, "V16110", 2014, 1.5, ""), (d, r, i, odd, 2014, None, "c")],
            conflict=CONFLICT,
        )
        # A second call in the same transaction (on PostgreSQL: a second staging table).
        bulk_upsert(
            table=TABLE,
            columns=COLUMNS,
            rows=((d, r, i, indicator, year, 2.5, "p") for indicator, year in [("V16110", 2013)]),
            conflict=CONFLICT,
        )

    assert table_rows() == [
        (d, r, i, "V16110", 2013, 2.5, "p"),
        (d, r, i, "V16110", 2014, 1.5, ""),
        (d, r, i, odd, 2014, None, "c"),
    ]


def test_bulk_upsert_failure_rolls_back_and_leaves_the_connection_usable(keys):
    d, r, i = keys
    before = table_rows()

    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_upsert(
            table=TABLE,
            columns=COLUMNS,
            rows=[(d, r, i, "V16110", 2013, 99.0, ""), (d, r, i, None, 2014, 1.0, "")],
            conflict=CONFLICT,
        )

    assert table_rows() == before
    with transaction.atomic():
        bulk_upsert(
            table=TABLE,
            columns=COLUMNS,
            rows=[(d, r, i, "V16110", 2015, 3.0, "")],
            conflict=CONFLICT,
        )
    assert len(table_rows()) == 2


def test_bulk_upsert_without_rows(keys):
    before = table_rows()
    with transaction.atomic():
        bulk_upsert(table=TABLE, columns=COLUMNS, rows=[], conflict=CONFLICT)
    assert table_rows() == before


def test_bulk_insert_and_its_failure_inside_atomic(keys):
    d, r, i = keys
    with transaction.atomic():
        bulk_insert(
            table=TABLE,
            columns=COLUMNS,
            rows=[(d, r, i, "V11210", 2014, 7.0, ""), (d, r, i, "V11210", 2015, None, "c")],
        )
    before = table_rows()
    assert len(before) == 3

    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_insert(table=TABLE, columns=COLUMNS, rows=[(d, r, i, "V11210", 2014, 8.0, "")])

    assert table_rows() == before
    assert connection.vendor in {"sqlite", "postgresql"}
