"""The matching engine's proposals for an event: which host-territory clusters the delegation
should meet, and which clusters to invite to the delegation, each with its reasons.

Both read the directory's matching index (``collaboration.suggestions``): a host cluster is
proposed for the delegation members it matches best (its score is its best pair's, and the
pairs are listed with the engine's reasons); a cluster to invite is one outside the host
territory, not registered yet, that matches the host clusters (the delegation's proposed
partners, or, before there is a delegation, the host territory's clusters).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import cluster_in_territory_q
from clusterdialogue.collaboration.suggestions.selectors import organisation_recommendations
from clusterdialogue.events.models import Event, Participant

PER_ORGANISATION = 50  # candidates read per organisation before keeping the relevant ones
HOST_SAMPLE = 25  # host clusters matched for invitations when there is no delegation yet


@dataclass
class Proposal:
    """A proposed organisation, its best score and the pairs behind it (best first)."""

    organisation: ClusterOrganisation
    score: float = 0.0
    pairs: list[tuple[ClusterOrganisation, float, str]] = field(default_factory=list)

    def add(self, partner: ClusterOrganisation, score: float, reasons: str) -> None:
        self.pairs.append((partner, score, reasons))
        self.pairs.sort(key=lambda pair: (-pair[1], pair[0].name))
        self.score = self.pairs[0][1]


def _registered(event: Event) -> dict[int, Participant]:
    rows = event.participants.exclude(
        status__in=(Participant.Status.DECLINED, Participant.Status.WITHDRAWN)
    ).select_related("organisation")
    return {p.organisation_id: p for p in rows}


def _host_ids(event: Event) -> set[int]:
    return set(
        ClusterOrganisation.objects.filter(
            cluster_in_territory_q(territory=event.host_territory)
        ).values_list("pk", flat=True)
    )


def _ranked(proposals: dict[int, Proposal], top: int) -> list[Proposal]:
    rows = sorted(proposals.values(), key=lambda p: (-p.score, -len(p.pairs), p.organisation.name))
    return rows[:top]


def _gather(
    sources: list[ClusterOrganisation], keep: Any, proposals: dict[int, Proposal]
) -> dict[int, Proposal]:
    for source in sources:
        for row in organisation_recommendations(organisation=source, top=PER_ORGANISATION):
            partner = row["organisation"]
            if keep(partner):
                proposal = proposals.setdefault(partner.pk, Proposal(partner))
                proposal.add(source, row["score"], row["reasons"])
    return proposals


def delegation_organisations(*, event: Event) -> list[ClusterOrganisation]:
    """The organisations of the delegation's approved participants."""
    rows = event.participants.filter(
        type=Participant.Type.DELEGATION, status=Participant.Status.APPROVED
    ).select_related("organisation")
    seen: dict[int, ClusterOrganisation] = {}
    for participant in rows:
        seen.setdefault(participant.organisation_id, participant.organisation)
    return sorted(seen.values(), key=lambda o: o.name)


def event_meeting_proposals(*, event: Event, top: int = 10) -> list[Proposal]:
    """Host-territory clusters the delegation should meet, best first."""
    delegation = delegation_organisations(event=event)
    host = _host_ids(event)
    delegation_ids = {o.pk for o in delegation}
    keep = lambda partner: partner.pk in host and partner.pk not in delegation_ids  # noqa: E731
    return _ranked(_gather(delegation, keep, {}), top)


def event_invitation_proposals(*, event: Event, top: int = 10) -> list[Proposal]:
    """Clusters outside the host territory, not registered, that match the host clusters."""
    host = _host_ids(event)
    registered = _registered(event)
    sources = [p.organisation for p in event_meeting_proposals(event=event, top=HOST_SAMPLE)]
    if not sources:
        sources = list(
            ClusterOrganisation.objects.filter(pk__in=host, is_public=True)
            .exclude(status=ClusterOrganisation.Status.ARCHIVED)
            .order_by("name")[:HOST_SAMPLE]
        )
    keep = lambda partner: partner.pk not in host and partner.pk not in registered  # noqa: E731
    return _ranked(_gather(sources, keep, {}), top)
