"""Reads of the calls area: a call's status, the clusters matching it, consortium proposals.

**Matching a call.** A call is matched as if it were a new profile: its topic text against the
directory, by shared themes only (see :data:`CALL_MATCH_SETTINGS`).

**The consortium builder.** The search itself is the core's
(:func:`clusterdialogue.core.consortium.build_consortia`, exact with CP-SAT); this module turns
the directory into its candidates:

* **fit** of a candidate ``c`` for the lead ``L`` and the call ``C``::

      fit(c) = (match(C, c) + match(L, c)) / 2

  ``match(C, c)`` is the engine's score of ``c`` for the call's topic (the call as a new
  profile, see :func:`funding_call_scores`), ``match(L, c)`` the engine's score of the pair
  lead–candidate, both with partners from every territory (a consortium may have two members
  from one territory). Both are in [0, 1], so the fit is too: a partner must suit the call *and*
  work well with the lead.
* **country**: the Eurostat code of the candidate's region (``EL``, ``UK``);
* **territory**: the network territory the candidate lies in (none outside the network).

Only public, non-archived profiles are candidates. The rules come from the call
(:meth:`EligibilityRules.from_call`); starting a collaboration from a proposal is a write, in
:mod:`clusterdialogue.collaboration.calls.services`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from clusterdialogue.accounts.permissions import user_managed_organisation_ids
from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import cluster_list_public, territory_region_codes
from clusterdialogue.collaboration.matching import matching_index_get
from clusterdialogue.collaboration.models import FundingCall
from clusterdialogue.common.errors import ServiceError
from clusterdialogue.core.consortium import (
    DEFAULT_TERRITORY_WEIGHT,
    Candidate,
    ConsortiumInfeasible,
    ConsortiumProposal,
    ConsortiumTimeout,
    EligibilityRules,
    build_consortia,
)
from clusterdialogue.core.countries import normalise_country
from clusterdialogue.core.io.calls import Call, call_topic_text
from clusterdialogue.core.matching import MatchSettings
from clusterdialogue.regions.models import Network
from clusterdialogue.regions.selectors import network_default

#: A call has no offers or needs, so complementarity is always 0 for it: ranking by shared
#: themes only (w = 1) puts a call's scores on the same 0–1 scale as a pair of clusters.
#: Clusters of every territory are proposed (a call is nobody's territory).
CALL_MATCH_SETTINGS = MatchSettings(cross_territory=False, similarity_weight=1.0)


#: The territory code given to a call's profile: no cluster shares it.
CALL_REGION = "call"


class CallStatus:
    """Where a call stands on a given day, from its opening and deadline."""

    FORTHCOMING = "forthcoming"
    OPEN = "open"
    CLOSED = "closed"
    CHOICES = ((FORTHCOMING, "Forthcoming"), (OPEN, "Open"), (CLOSED, "Closed"))


def funding_call_status(*, call: FundingCall, today: dt.date | None = None) -> str:
    """``forthcoming`` before the opening, ``open`` until the deadline (included), ``closed``."""
    today = today or timezone.localdate()
    if today < call.opening:
        return CallStatus.FORTHCOMING
    return CallStatus.OPEN if today <= call.deadline else CallStatus.CLOSED


def funding_call_status_q(*, status: str, today: dt.date | None = None) -> Q:
    """A filter for the calls with ``status`` on ``today`` (same rule as ``funding_call_status``)."""
    today = today or timezone.localdate()
    if status == CallStatus.FORTHCOMING:
        return Q(opening__gt=today)
    if status == CallStatus.OPEN:
        return Q(opening__lte=today, deadline__gte=today)
    if status == CallStatus.CLOSED:
        return Q(deadline__lt=today)
    raise ValueError(f"unknown call status {status!r}; use forthcoming, open or closed")


def funding_call_list() -> QuerySet[FundingCall]:
    """All calls, the nearest deadline first (open and closed; filter with the status Q)."""
    return FundingCall.objects.order_by("deadline", "title")


def funding_call_programmes() -> list[str]:
    """The programmes of the stored calls, for the list's filter."""
    return sorted(set(FundingCall.objects.values_list("programme", flat=True)))


def funding_call_as_core(*, call: FundingCall) -> Call:
    """The stored call as the core's :class:`Call` (for the rules and the topic text)."""
    return Call(
        programme=call.programme,
        title=call.title,
        topic=call.topic,
        opening=call.opening,
        deadline=call.deadline,
        min_partners=call.min_partners,
        min_countries=call.min_countries,
        eligible_countries=tuple(call.eligible_countries or ()),
        max_partners=call.max_partners,
        id=call.reference or None,
        url=call.url or None,
    )


def funding_call_profile(*, call: FundingCall) -> dict[str, object]:
    """The call's topic as a new profile for the matching engine (not added to the index)."""
    return {
        "id": f"call-{call.pk}",
        "name": call.title,
        "region": CALL_REGION,
        "text": call_topic_text(funding_call_as_core(call=call)),
    }


def funding_call_scores(
    *, call: FundingCall, top: int | None = None, reasons: bool = False
) -> dict[str, tuple[float, str]]:
    """The indexed clusters' scores for the call's topic, best first: slug → (score, reasons).

    All clusters sharing something with the topic, or the ``top`` best; ``reasons`` (plain
    words) only when asked, as they cost more than the scores.
    """
    index = matching_index_get().index
    if index.profiles.empty:
        return {}
    table = index.recommend_for(
        funding_call_profile(call=call),
        settings=CALL_MATCH_SETTINGS,
        top=top or len(index.row),
        reasons=reasons,
    )
    return {
        row.partner_id: (float(row.score), row.reasons) for row in table.itertuples(index=False)
    }


def funding_call_matches(*, call: FundingCall, top: int = 10) -> list[dict]:
    """The public clusters that best match the call's topic, best first.

    Each item: ``{organisation, rank, score, reasons}``.
    """
    visible = cluster_list_public()
    # Enough rows that the best ``top`` public ones are among them after hiding the others.
    hidden = ClusterOrganisation.objects.count() - visible.count()
    scores = funding_call_scores(call=call, top=top + hidden, reasons=True)
    partners = visible.filter(slug__in=list(scores))
    ranked = sorted(partners, key=lambda o: (-scores[o.slug][0], o.name))[:top]
    return [
        {"organisation": o, "rank": rank, "score": scores[o.slug][0], "reasons": scores[o.slug][1]}
        for rank, o in enumerate(ranked, start=1)
    ]


#: Lead–candidate scores: every territory, the engine's default weights otherwise.
LEAD_MATCH_SETTINGS = MatchSettings(cross_territory=False)
#: Seconds the solver may spend on one request (a page or an API call waits for it).
TIME_LIMIT = 5.0


@dataclass(frozen=True)
class CandidateFit:
    """A candidate with the two scores its fit averages."""

    organisation: ClusterOrganisation
    candidate: Candidate
    call_match: float
    lead_match: float


@dataclass
class ConsortiumResult:
    """Proposals (best first), or the plain-words reasons why none can meet the rules."""

    lead: CandidateFit
    proposals: list[ConsortiumProposal] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fits: dict[str, CandidateFit] = field(default_factory=dict)

    @property
    def feasible(self) -> bool:
        return bool(self.proposals)

    def members(self, proposal: ConsortiumProposal) -> list[CandidateFit]:
        """The lead, then the partners of ``proposal``, with their organisations and scores."""
        return [self.lead, *(self.fits[p.id] for p in proposal.partners)]


def organisation_country(*, organisation: ClusterOrganisation) -> str | None:
    """The organisation's country in Eurostat form (from its region), None if unknown."""
    code = organisation.region.country_code or organisation.region.code[:2]
    try:
        return normalise_country(code)
    except ValueError:
        return None


def organisation_territory_names(
    *, organisations: Iterable[ClusterOrganisation], network: Network | None
) -> dict[int, str]:
    """Organisation pk → the name of its network territory (longest matching region code).

    The same rule as ``clusters.selectors.organisation_territory``, read once for many.
    """
    if network is None:
        return {}
    prefixes = [
        (prefix, territory.name)
        for territory in network.territories.select_related("region")
        for prefix in territory_region_codes(territory=territory)
    ]
    prefixes.sort(key=lambda item: -len(item[0]))
    names = {}
    for organisation in organisations:
        code = organisation.region.code
        found = next((name for prefix, name in prefixes if code.startswith(prefix)), None)
        if found is not None:
            names[organisation.pk] = found
    return names


def consortium_lead_choices(*, user: Any) -> QuerySet[ClusterOrganisation]:
    """Clusters that may lead: the public ones, and the (not archived) ones the user manages."""
    visible = Q(is_public=True) | Q(pk__in=user_managed_organisation_ids(user))
    return (
        ClusterOrganisation.objects.filter(visible)
        .exclude(status=ClusterOrganisation.Status.ARCHIVED)
        .select_related("region")
        .order_by("name")
    )


def consortium_default_lead(*, user: Any) -> ClusterOrganisation | None:
    """The cluster the user manages (the first by name), if any: the builder's default lead."""
    managed = user_managed_organisation_ids(user)
    return consortium_lead_choices(user=user).filter(pk__in=managed).first()


def _lead_scores(lead: ClusterOrganisation) -> dict[str, float]:
    index = matching_index_get().index
    if lead.slug not in index.row:
        return {}
    table = index.recommend_for(
        lead.slug, settings=LEAD_MATCH_SETTINGS, top=len(index.row), reasons=False
    )
    return dict(zip(table["partner_id"], table["score"].astype(float), strict=True))


def consortium_candidates(
    *, call: FundingCall, lead: ClusterOrganisation
) -> tuple[CandidateFit, list[CandidateFit], list[str], list[str]]:
    """The lead and the candidates with their fits, the network's territories, and notes.

    Raises ``ServiceError`` when the lead's country is unknown.
    """
    network = network_default()
    others = [o for o in cluster_list_public() if o.pk != lead.pk]
    territories = organisation_territory_names(organisations=[lead, *others], network=network)
    call_scores = {slug: score for slug, (score, _) in funding_call_scores(call=call).items()}
    lead_scores = _lead_scores(lead)
    lead_country = organisation_country(organisation=lead)
    if lead_country is None:
        raise ServiceError(
            f"The lead {lead.name} is in the region {lead.region.code}, whose country is not "
            "known; choose another lead, or ask the secretariat to set the region's country code."
        )
    lead_fit = CandidateFit(
        lead,
        Candidate(lead.slug, lead.name, lead_country, territories.get(lead.pk)),
        call_scores.get(lead.slug, 0.0),
        1.0,
    )
    fits, unknown = [], []
    for o in others:
        country = organisation_country(organisation=o)
        if country is None:
            unknown.append(o.name)
            continue
        call_match, lead_match = call_scores.get(o.slug, 0.0), lead_scores.get(o.slug, 0.0)
        fit = min(1.0, max(0.0, (call_match + lead_match) / 2))
        candidate = Candidate(o.slug, o.name, country, territories.get(o.pk), round(fit, 6))
        fits.append(CandidateFit(o, candidate, call_match, lead_match))
    notes = []
    if unknown:
        notes.append(
            f"Left out because their region has no known country: {', '.join(sorted(unknown))}."
        )
    network_territories = (
        sorted(network.territories.values_list("name", flat=True)) if network else []
    )
    return lead_fit, fits, network_territories, notes


def consortium_proposals(
    *,
    call: FundingCall,
    lead: ClusterOrganisation,
    size: int | None = None,
    territory_weight: float = DEFAULT_TERRITORY_WEIGHT,
    pinned: Collection[str] = (),
    excluded: Collection[str] = (),
    proposals: int = 3,
) -> ConsortiumResult:
    """The best consortia ``lead`` can form for ``call`` (pinned/excluded are slugs).

    When no consortium can meet the rules, the result has no proposals and ``reasons`` says
    why in plain words.
    """
    lead_fit, fits, network_territories, notes = consortium_candidates(call=call, lead=lead)
    by_slug = {f.candidate.id: f for f in fits}
    result = ConsortiumResult(lead=lead_fit, notes=notes, fits=by_slug)
    rules = EligibilityRules.from_call(funding_call_as_core(call=call))
    try:
        result.proposals = build_consortia(
            lead=lead_fit.candidate,
            candidates=[f.candidate for f in fits],
            rules=rules,
            size=size,
            territory_weight=territory_weight,
            pinned=[slug for slug in pinned if slug in by_slug],
            excluded=[slug for slug in excluded if slug in by_slug],
            proposals=proposals,
            time_limit=TIME_LIMIT,
            network_territories=network_territories or None,
        )
    except ConsortiumInfeasible as infeasible:
        result.reasons = infeasible.reasons
    except ConsortiumTimeout:
        result.reasons = [
            f"No consortium was found within {TIME_LIMIT:g} seconds (none was proven "
            "impossible either); pin fewer partners or ask for fewer proposals."
        ]
    return result


def consortium_csv_rows(result: ConsortiumResult) -> tuple[list[str], list[list[Any]]]:
    """The proposals as a table: one row per member, the explanation line of each partner."""
    header = [
        "proposal", "score", "status", "gap", "role", "organisation", "slug", "country",
        "territory", "fit", "call_match", "lead_match", "why",
    ]  # fmt: skip
    rows = []
    for proposal in result.proposals:
        lines = proposal.explanation
        why = {p.id: next((t for t in lines if t.startswith(f"Why {p.name}:")), "")
               for p in proposal.partners}  # fmt: skip
        score_line = next((t for t in lines if t.startswith("Score ")), "")
        for member in result.members(proposal):
            c, is_lead = member.candidate, member is result.lead
            rows.append([
                proposal.rank, round(proposal.score, 3), proposal.status, round(proposal.gap, 3),
                "lead" if is_lead else "partner", c.name, c.id, c.country, c.territory or "",
                "" if is_lead else round(c.fit, 3), round(member.call_match, 3),
                "" if is_lead else round(member.lead_match, 3),
                score_line if is_lead else why.get(c.id, ""),
            ])  # fmt: skip
    return header, rows
