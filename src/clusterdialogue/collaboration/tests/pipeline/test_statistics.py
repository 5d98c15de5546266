"""The statistics per territory and year, counted on the hand-built ``pipeline_world``.

The expected numbers are worked out by hand from the table in the fixture's docstring.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clusterdialogue.collaboration.pipeline.selectors import (
    NETWORK,
    OUTSIDE,
    CollaborationFacts,
    pipeline_facts,
    pipeline_statistics,
)

pytestmark = pytest.mark.django_db
FIELDS = ("collaborations", "relations", "applications", "funded", "rejected")


def statistics(world, **options):
    territories = [(f"t{t.pk}", name) for name, t in world.territories.items()]
    facts = pipeline_facts(network=world.network, **options)
    return pipeline_statistics(facts, territories, network_name="Example network")


def counts(row) -> tuple:
    return tuple(getattr(row, name) for name in FIELDS)


def by_name(rows) -> dict:
    return {row.name: row for row in rows}


def test_totals_per_territory_and_network(pipeline_world):
    stats = statistics(pipeline_world)
    totals = by_name(stats.totals)
    assert list(totals) == ["North", "South", "East", "Outside the network", "Example network"]
    # collaborations, relations, applications, funded, rejected
    assert counts(totals["North"]) == (5, 2, 2, 1, 1)
    assert counts(totals["South"]) == (4, 3, 2, 1, 1)
    assert counts(totals["East"]) == (2, 1, 1, 1, 0)
    assert counts(totals["Outside the network"]) == (1, 1, 1, 0, 1)
    assert counts(totals["Example network"]) == (6, 3, 3, 1, 2)
    assert totals["Example network"].success_rate == pytest.approx(1 / 3)
    assert totals["North"].success_rate == 0.5
    assert totals["Example network"].funding_won == Decimal(400000)
    assert totals["Example network"].funding_requested == Decimal(800000)
    assert totals["South"].funding_requested == Decimal(700000)
    assert stats.network_total.key == NETWORK


def test_year_by_year(pipeline_world):
    stats = statistics(pipeline_world)
    assert stats.years == [2022, 2023, 2024]
    assert stats.series(NETWORK, "relations") == [2, 0, 1]
    assert stats.series(NETWORK, "applications") == [0, 2, 1]
    assert stats.series(NETWORK, "funded") == [0, 1, 0]
    assert stats.series(NETWORK, "rejected") == [0, 1, 1]
    assert stats.series(NETWORK, "success_rate") == [None, 0.5, 0.0]
    assert stats.series(NETWORK, "funding_won") == [0, 400000, 0]
    south = f"t{pipeline_world.territories['South'].pk}"
    assert stats.series(south, "relations") == [2, 0, 1]
    assert stats.series(OUTSIDE, "rejected") == [0, 0, 1]
    # Every territory has a row for every year, zeros included.
    assert len(stats.by_year) == 5 * 3


def test_examples_and_kinds(pipeline_world):
    with_examples = by_name(statistics(pipeline_world, include_examples=True).totals)
    # The example collaboration (a1 + c1, contact in 2023) adds a relation to North and East.
    assert counts(with_examples["Example network"]) == (7, 4, 3, 1, 2)
    assert counts(with_examples["East"]) == (3, 2, 1, 1, 0)
    bilateral = by_name(statistics(pipeline_world, kind="bilateral").totals)
    assert counts(bilateral["Example network"]) == (3, 1, 0, 0, 0)


def test_no_collaboration_no_year(db):
    stats = pipeline_statistics([], [("t1", "Alpha")])
    assert stats.years == [] and stats.by_year == []
    assert [counts(row) for row in stats.totals] == [(0,) * 5, (0,) * 5]
    assert stats.network_total.success_rate is None


def test_partners_outside_the_network_in_two_countries_make_a_relation():
    fact = CollaborationFacts(
        pk=1,
        territories=frozenset({f"{OUTSIDE}:QD", f"{OUTSIDE}:QE"}),
        established_on=dt.date(2024, 5, 1),
    )
    stats = pipeline_statistics([fact], [])
    assert by_name(stats.totals)["Outside the network"].relations == 1
    same_country = CollaborationFacts(
        pk=2, territories=frozenset({f"{OUTSIDE}:QD"}), established_on=dt.date(2024, 5, 1)
    )
    assert pipeline_statistics([same_country], []).network_total.relations == 0
