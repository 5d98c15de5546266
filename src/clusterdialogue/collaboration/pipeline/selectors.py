"""Reads for the collaboration pipeline: the board, a collaboration's page, territories.

Collaborations are read by signed-in users only (see :mod:`.permissions`); the
functions here do not check that, the views and the API do.

**Statistics** per territory and for the whole network, year by year. Definitions (also shown
on the statistics page):

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

Example data (``is_example``) is left out unless asked for. Only counts and sums leave the
statistics: no title or text of a collaboration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import territory_region_codes
from clusterdialogue.collaboration.models import Collaboration, StageChange
from clusterdialogue.collaboration.pipeline.forms import StatisticsFilterForm
from clusterdialogue.collaboration.pipeline.permissions import user_acting_scope
from clusterdialogue.collaboration.pipeline.services import STAGE_ORDER, stage_next
from clusterdialogue.regions.models import Network, Territory
from clusterdialogue.regions.selectors import network_default

OUTSIDE = "outside"


def territory_resolver(
    *, network: Network | None
) -> Callable[[ClusterOrganisation], Territory | None]:
    """A function giving an organisation's territory in ``network`` (None when outside it).

    The territories' region codes are read once, so resolving many organisations costs no
    further query (the same longest-prefix rule as ``organisation_territory``).
    """
    prefixes: list[tuple[str, Territory]] = []
    if network is not None:
        for territory in network.territories.select_related("region"):
            prefixes += [(code, territory) for code in territory_region_codes(territory=territory)]
    prefixes.sort(key=lambda item: -len(item[0]))

    def resolve(organisation: ClusterOrganisation) -> Territory | None:
        code = organisation.region.code
        return next((t for prefix, t in prefixes if code.startswith(prefix)), None)

    return resolve


def organisation_territory_key(
    organisation: ClusterOrganisation, resolve: Callable[[ClusterOrganisation], Territory | None]
) -> str:
    """The key partners are compared by: the network territory, or the country outside it.

    Two partners outside the network count as different territories when their countries differ.
    """
    territory = resolve(organisation)
    if territory is not None:
        return f"t{territory.pk}"
    return f"{OUTSIDE}:{organisation.region.country_code or organisation.region.code[:2]}"


def collaboration_queryset() -> QuerySet[Collaboration]:
    """Collaborations with what their cards and pages show, in as few queries as possible."""
    return Collaboration.objects.select_related("lead", "call", "post").prefetch_related(
        Prefetch("partners", queryset=ClusterOrganisation.objects.select_related("region")),
        Prefetch("stage_changes", queryset=StageChange.objects.select_related("changed_by")),
    )


def collaboration_filter(
    queryset: QuerySet[Collaboration],
    *,
    territory: Territory | None = None,
    kind: str | None = None,
    year: int | None = None,
    include_examples: bool = True,
) -> QuerySet[Collaboration]:
    """Collaborations with a partner in ``territory``, of ``kind``, with a stage reached in
    ``year``; example data left out unless ``include_examples``."""
    if territory is not None:
        condition = Q(pk__in=[])
        for code in territory_region_codes(territory=territory):
            condition |= Q(partners__region__code__startswith=code)
        queryset = queryset.filter(pk__in=Collaboration.objects.filter(condition).values("pk"))
    if kind:
        queryset = queryset.filter(kind=kind)
    if year:
        queryset = queryset.filter(
            pk__in=StageChange.objects.filter(date__year=year).values("collaboration_id")
        )
    if not include_examples:
        queryset = queryset.filter(is_example=False)
    return queryset


def collaboration_years() -> list[int]:
    """Years in which some collaboration reached a stage, latest first."""
    return sorted({d.year for d in StageChange.objects.dates("date", "year")}, reverse=True)


@dataclass
class BoardCard:
    """One collaboration on the board, with what the user may do with it."""

    collaboration: Collaboration
    since: Any
    next_stages: list[tuple[str, str]]
    can_move: bool
    form: Any = None  # the move form the view attaches when the user may move the card


@dataclass
class BoardColumn:
    stage: str
    label: str
    cards: list[BoardCard] = field(default_factory=list)


def collaboration_board(*, user: Any, queryset: QuerySet[Collaboration]) -> list[BoardColumn]:
    """The board: one column per stage, in pipeline order, each card dated by its last move."""
    columns = {
        stage: BoardColumn(stage, str(Collaboration.Stage(stage).label)) for stage in STAGE_ORDER
    }
    scope = user_acting_scope(user)
    for collaboration in queryset:
        changes = list(collaboration.stage_changes.all())
        since = changes[-1].date if changes else collaboration.started_on
        columns[collaboration.stage].cards.append(
            BoardCard(
                collaboration=collaboration,
                since=since,
                next_stages=[
                    (s, str(Collaboration.Stage(s).label))
                    for s in stage_next(stage=collaboration.stage)
                ],
                can_move=scope.acts_for_any(collaboration.partners.all()),
            )
        )
    for column in columns.values():
        column.cards.sort(key=lambda card: (card.since, card.collaboration.pk), reverse=True)
    return list(columns.values())


def network_for(*, slug: str | None) -> Network | None:
    """The network named by ``slug``, else the default one."""
    if slug:
        found = Network.objects.filter(slug=slug).first()
        if found is not None:
            return found
    return network_default()


def collaboration_partner_rows(
    *, collaboration: Collaboration, network: Network | None
) -> list[tuple[ClusterOrganisation, Territory | None]]:
    """The partners with their territory, the lead first."""
    resolve = territory_resolver(network=network)
    partners = sorted(
        collaboration.partners.all(),
        key=lambda p: (p.pk != collaboration.lead_id, p.name.lower()),
    )
    return [(p, resolve(p)) for p in partners]


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


@dataclass(frozen=True)
class PipelineOptions:
    """What the statistics and the graph are computed for (from the pages' and API's query)."""

    network: Network | None
    kind: str | None = None
    include_examples: bool = False
    until: int | None = None

    @classmethod
    def from_form(cls, form: StatisticsFilterForm) -> PipelineOptions:
        data = form.cleaned_data if form.is_valid() else {}
        return cls(
            network=network_for(slug=data["network"].slug if data.get("network") else None),
            kind=data.get("kind") or None,
            include_examples=bool(data.get("examples")),
            until=data.get("until"),
        )

    @property
    def slug(self) -> str:
        return self.network.slug if self.network else "all"


def statistics_for(*, options: PipelineOptions) -> tuple[list, PipelineStatistics]:
    """The facts counted and the statistics per territory of the options' network."""
    network = options.network
    territories = (
        [(f"t{t.pk}", t.name) for t in network.territories.order_by("name")] if network else []
    )
    facts = pipeline_facts(
        network=network, include_examples=options.include_examples, kind=options.kind
    )
    stats = pipeline_statistics(facts, territories, network_name=network.name if network else "")
    return facts, stats
