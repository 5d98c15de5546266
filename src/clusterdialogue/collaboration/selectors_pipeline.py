"""Reads for the collaboration pipeline: the board, a collaboration's page, territories.

Collaborations are read by signed-in users only (see :mod:`.permissions_pipeline`); the
functions here do not check that, the views and the API do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import territory_region_codes
from clusterdialogue.collaboration.models import Collaboration, StageChange
from clusterdialogue.collaboration.permissions_pipeline import user_acting_scope
from clusterdialogue.collaboration.services.pipeline import STAGE_ORDER, stage_next
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


def network_for(slug: str | None) -> Network | None:
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
