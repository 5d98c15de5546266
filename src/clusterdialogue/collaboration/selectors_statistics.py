"""Statistics of the pipeline per territory and for the whole network, year by year.

Definitions (also shown on the statistics page):

* a **relation** is established when a collaboration whose partners lie in at least two
  different territories first moves beyond *identified* to a stage other than *closed* (contact
  made, a meeting, an application, ...); it counts in the year of that move. Partners outside
  the network count as one territory per country;
* an **application** counts in the year it reached *joint application submitted*, with the
  funding requested;
* a **decision** (funded or rejected) counts in the year of the decision; the **success rate**
  is funded / (funded + rejected), and the **funding won** is that of funded applications;
* a collaboration counts in full for every territory among its partners, and once for the
  network, so the territories' rows may add up to more than the network's.

Example data (``is_example``) is left out unless asked for. Only counts and sums leave this
module: no title or text of a collaboration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.models import Collaboration, StageChange
from clusterdialogue.collaboration.selectors_pipeline import (
    OUTSIDE,
    organisation_territory_key,
    territory_resolver,
)
from clusterdialogue.regions.models import Network

Stage = Collaboration.Stage
NETWORK = "network"


@dataclass(frozen=True)
class CollaborationFacts:
    """What the statistics need of one collaboration: territories, milestones, amounts."""

    pk: int
    territories: frozenset[str]
    established_on: dt.date | None = None
    submitted_on: dt.date | None = None
    decision: str | None = None
    decided_on: dt.date | None = None
    funding_requested: Decimal | None = None
    funding_won: Decimal | None = None

    @property
    def cross_territory(self) -> bool:
        return len(self.territories) >= 2


def collaboration_milestones(
    changes: Iterable[tuple[str, dt.date]],
) -> tuple[dt.date | None, dt.date | None, str | None, dt.date | None]:
    """``(established_on, submitted_on, decision, decided_on)`` from a stage log.

    >>> d = dt.date
    >>> collaboration_milestones([("identified", d(2023, 5, 1)), ("contact", d(2024, 1, 2)),
    ...                           ("submitted", d(2024, 3, 1)), ("rejected", d(2025, 1, 9))])
    (datetime.date(2024, 1, 2), datetime.date(2024, 3, 1), 'rejected', datetime.date(2025, 1, 9))
    >>> collaboration_milestones([("identified", d(2023, 5, 1)), ("closed", d(2023, 6, 1))])
    (None, None, None, None)
    """
    established = submitted = decided = None
    decision = None
    for stage, date in sorted(changes, key=lambda change: change[1]):
        if established is None and stage not in (Stage.IDENTIFIED, Stage.CLOSED):
            established = date
        if stage == Stage.SUBMITTED and submitted is None:
            submitted = date
        if stage in (Stage.FUNDED, Stage.REJECTED) and decided is None:
            decision, decided = str(stage), date
    return established, submitted, decision, decided


def collaborations_counted(
    *, include_examples: bool = False, kind: str | None = None
) -> QuerySet[Collaboration]:
    """The collaborations the statistics and the graph count, with partners and stage log."""
    queryset = Collaboration.objects.prefetch_related(
        Prefetch("partners", queryset=ClusterOrganisation.objects.select_related("region")),
        Prefetch("stage_changes", queryset=StageChange.objects.only("stage", "date")),
    )
    if not include_examples:
        queryset = queryset.filter(is_example=False)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def collaboration_logged_milestones(
    collaboration: Collaboration,
) -> tuple[dt.date | None, dt.date | None, str | None, dt.date | None]:
    """:func:`collaboration_milestones` of a collaboration with its stage log prefetched."""
    return collaboration_milestones((c.stage, c.date) for c in collaboration.stage_changes.all())


def pipeline_facts(
    *, network: Network | None, include_examples: bool = False, kind: str | None = None
) -> list[CollaborationFacts]:
    """Every collaboration reduced to its facts (territory keys as ``organisation_territory_key``)."""
    resolve = territory_resolver(network=network)
    facts = []
    for collaboration in collaborations_counted(include_examples=include_examples, kind=kind):
        established, submitted, decision, decided = collaboration_logged_milestones(collaboration)
        facts.append(
            CollaborationFacts(
                pk=collaboration.pk,
                territories=frozenset(
                    organisation_territory_key(p, resolve) for p in collaboration.partners.all()
                ),
                established_on=established,
                submitted_on=submitted,
                decision=decision,
                decided_on=decided,
                funding_requested=collaboration.funding_requested,
                funding_won=collaboration.funding_won,
            )
        )
    return facts


@dataclass
class StatisticsRow:
    """Counts for one territory (or the network) in one year (``None``: all years)."""

    key: str
    name: str
    year: int | None
    collaborations: int = 0
    relations: int = 0
    applications: int = 0
    funded: int = 0
    rejected: int = 0
    funding_requested: Decimal = Decimal(0)
    funding_won: Decimal = Decimal(0)

    @property
    def success_rate(self) -> float | None:
        decided = self.funded + self.rejected
        return self.funded / decided if decided else None


@dataclass
class PipelineStatistics:
    """The totals per territory and the year-by-year rows, network rows included."""

    totals: list[StatisticsRow] = field(default_factory=list)
    by_year: list[StatisticsRow] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    @property
    def network_total(self) -> StatisticsRow | None:
        return next((row for row in self.totals if row.key == NETWORK), None)

    def series(self, key: str, attribute: str) -> list:
        """One territory's values of ``attribute`` for every year of :attr:`years`."""
        rows = {row.year: row for row in self.by_year if row.key == key}
        return [getattr(rows[year], attribute) for year in self.years]


def _row_keys(fact: CollaborationFacts) -> set[str]:
    # Partners outside the network are gathered in one "outside" row, whatever their country.
    return {OUTSIDE if key.startswith(OUTSIDE) else key for key in fact.territories} | {NETWORK}


def pipeline_statistics(
    facts: Iterable[CollaborationFacts],
    territories: list[tuple[str, str]],
    *,
    network_name: str = "",
) -> PipelineStatistics:
    """Count relations, applications, decisions and funding per territory and year.

    ``territories`` lists ``(key, name)`` of the rows wanted, in order; the network's row and an
    "outside the network" row (``OUTSIDE``, when some partner lies outside) are added.
    """
    facts = list(facts)
    names = dict(territories)
    names[NETWORK] = network_name or _("Network")
    wanted = [key for key, _name in territories]
    if any(key.startswith(OUTSIDE) for fact in facts for key in fact.territories):
        names[OUTSIDE] = _("Outside the network")
        wanted.append(OUTSIDE)
    wanted.append(NETWORK)
    cells: dict[tuple[str, int | None], StatisticsRow] = {}

    def cell(key: str, year: int | None) -> StatisticsRow:
        if (key, year) not in cells:
            cells[(key, year)] = StatisticsRow(key, names.get(key, key), year)
        return cells[(key, year)]

    years: set[int] = set()
    for fact in facts:
        for key in _row_keys(fact) & set(wanted):
            cell(key, None).collaborations += 1
            if fact.established_on and fact.cross_territory:
                for year in (None, fact.established_on.year):
                    cell(key, year).relations += 1
            if fact.submitted_on:
                for year in (None, fact.submitted_on.year):
                    row = cell(key, year)
                    row.applications += 1
                    row.funding_requested += fact.funding_requested or 0
            if fact.decided_on:
                for year in (None, fact.decided_on.year):
                    row = cell(key, year)
                    if fact.decision == Stage.FUNDED:
                        row.funded += 1
                        row.funding_won += fact.funding_won or 0
                    else:
                        row.rejected += 1
        dates = (fact.established_on if fact.cross_territory else None, fact.submitted_on)
        years |= {d.year for d in (*dates, fact.decided_on) if d}
    if years:
        years = set(range(min(years), max(years) + 1))
    ordered = sorted(years)
    return PipelineStatistics(
        totals=[cell(key, None) for key in wanted],
        by_year=[cell(key, year) for key in wanted for year in ordered],
        years=ordered,
    )
