"""Reads for the signed-in home: one selector per section, each in a bounded number of queries.

A cluster manager's sections are read for all their organisations at once (the queries do not
grow with the number of organisations, except the partner suggestions, which the engine answers
one profile at a time); a representative's per territory; the secretariat's once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone, translation

from clusterdialogue.accounts.home.completeness import (
    ProfileCompleteness,
    organisation_annotate_completeness,
    profile_completeness,
)
from clusterdialogue.accounts.models import Invitation
from clusterdialogue.accounts.permissions import (
    user_managed_organisation_ids,
    user_represented_territories,
)
from clusterdialogue.clusters.models import ClusterOrganisation, ContactPerson, ProfileChange
from clusterdialogue.clusters.selectors import cluster_in_territory_q
from clusterdialogue.collaboration.models import (
    Collaboration,
    CooperationPost,
    FundingCall,
    Notification,
    PostMatch,
    StageChange,
)
from clusterdialogue.collaboration.pipeline.services import FINAL_STAGES
from clusterdialogue.collaboration.suggestions.selectors import organisation_recommendations
from clusterdialogue.common.permissions import can
from clusterdialogue.regions.models import Network, Territory
from clusterdialogue.regions.selectors import network_default, territory_list
from clusterdialogue.statistics import selectors as mapping
from clusterdialogue.statistics.models import MappingResult

logger = logging.getLogger(__name__)

SUGGESTIONS = 5
LISTED = 10  # rows a list shows before it says how many more there are
CALL_HORIZON_DAYS = 60
POST_HORIZON_DAYS = 30


@dataclass(frozen=True)
class Listing:
    """The first rows of a list, and how many rows it has in all."""

    items: list[Any]
    total: int

    @property
    def more(self) -> int:
        """How many rows are not shown."""
        return self.total - len(self.items)


def _listing(queryset: QuerySet, limit: int = LISTED) -> Listing:
    items = list(queryset[:limit])
    # A list shorter than the limit is complete: count only when there may be more.
    total = len(items) if len(items) < limit else queryset.count()
    return Listing(items=items, total=total)


def contact_person_list(*, user: Any) -> QuerySet[ContactPerson]:
    """The clusters that list the user as a contact person."""
    return ContactPerson.objects.filter(user=user).select_related("organisation")


# --- a cluster manager: my cluster -------------------------------------------------------------


@dataclass(frozen=True)
class ClusterHome:
    """What a manager sees of one organisation they manage."""

    organisation: ClusterOrganisation
    completeness: ProfileCompleteness
    pending_changes: list[ProfileChange]
    suggestions: list[dict]
    matched_posts: list[PostMatch]
    own_posts: list[CooperationPost]
    collaborations: list[Collaboration]


def organisation_list_managed(*, user: Any) -> list[ClusterOrganisation]:
    """The organisations the user manages, annotated for their completeness."""
    queryset = ClusterOrganisation.objects.filter(pk__in=user_managed_organisation_ids(user))
    return list(
        organisation_annotate_completeness(queryset=queryset.select_related("region")).order_by(
            "name"
        )
    )


def _by_organisation(rows: Iterable[Any], key: str = "organisation_id") -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


def profile_change_list_pending(
    *, organisations: Sequence[ClusterOrganisation]
) -> dict[int, list[ProfileChange]]:
    """Each organisation's proposed changes still waiting for validation, oldest first."""
    changes = (
        ProfileChange.objects.filter(
            organisation__in=[o.pk for o in organisations], status=ProfileChange.Status.PENDING
        )
        .select_related("proposed_by")
        .order_by("created_at")
    )
    return _by_organisation(changes)


def partner_suggestion_list(
    *, organisation: ClusterOrganisation, top: int = SUGGESTIONS
) -> list[dict]:
    """The engine's best partners for ``organisation``; empty (never an error) when the engine
    cannot answer, so that the home always opens."""
    try:
        return organisation_recommendations(organisation=organisation, top=top)
    except Exception:  # an optional section: log the cause, show the home without it
        logger.exception("partner suggestions for %s failed", organisation.slug)
        return []


def post_match_list_open(
    *, organisations: Sequence[ClusterOrganisation], user: Any, per_organisation: int = 5
) -> dict[int, list[PostMatch]]:
    """Open board posts the engine matched to each organisation, best first, whose deadline has
    not passed and whose poster the user may see."""
    today = timezone.localdate()
    matches = (
        PostMatch.objects.filter(
            organisation__in=[o.pk for o in organisations],
            post__status=CooperationPost.Status.OPEN,
        )
        .filter(Q(post__deadline__isnull=True) | Q(post__deadline__gte=today))
        .select_related("post__organisation__region")
        .order_by("-score", "-post__created_at")
    )
    grouped: dict[int, list[PostMatch]] = defaultdict(list)
    # Read a few more than are shown: some posters may be hidden from the user.
    for match in matches[: per_organisation * 4 * len(organisations)]:
        shown = grouped[match.organisation_id]
        if len(shown) < per_organisation and can(user, "clusters.view", match.post.organisation):
            shown.append(match)
    return grouped


def post_list_own_open(
    *, organisations: Sequence[ClusterOrganisation]
) -> dict[int, list[CooperationPost]]:
    """Each organisation's own open posts, newest first, with how many clusters answered."""
    posts = (
        CooperationPost.objects.filter(
            organisation__in=[o.pk for o in organisations], status=CooperationPost.Status.OPEN
        )
        .annotate(interest_count=Count("interests", distinct=True))
        .order_by("-created_at", "-pk")
    )
    return _by_organisation(posts[: LISTED * len(organisations)])


def _collaborations() -> QuerySet[Collaboration]:
    partners = ClusterOrganisation.objects.only("pk", "name", "slug").order_by("name")
    return Collaboration.objects.prefetch_related(Prefetch("partners", queryset=partners))


def collaboration_list_active(
    *, organisations: Sequence[ClusterOrganisation]
) -> dict[int, list[Collaboration]]:
    """Each organisation's collaborations still under way (not closed or rejected), newest first."""
    ids = {o.pk for o in organisations}
    collaborations = (
        _collaborations()
        .filter(partners__in=ids)
        .exclude(stage__in=FINAL_STAGES)
        .distinct()
        .order_by("-started_on", "title")
    )
    grouped: dict[int, list[Collaboration]] = defaultdict(list)
    for collaboration in collaborations[: LISTED * len(ids)]:
        for partner in collaboration.partners.all():
            if partner.pk in ids and len(grouped[partner.pk]) < LISTED:
                grouped[partner.pk].append(collaboration)
    return grouped


def cluster_home_list(*, user: Any) -> list[ClusterHome]:
    """The "my cluster" sections, one per organisation the user manages."""
    organisations = organisation_list_managed(user=user)
    if not organisations:
        return []
    changes = profile_change_list_pending(organisations=organisations)
    matches = post_match_list_open(organisations=organisations, user=user)
    posts = post_list_own_open(organisations=organisations)
    collaborations = collaboration_list_active(organisations=organisations)
    return [
        ClusterHome(
            organisation=o,
            completeness=profile_completeness(organisation=o),
            pending_changes=changes.get(o.pk, []),
            suggestions=partner_suggestion_list(organisation=o),
            matched_posts=matches.get(o.pk, []),
            own_posts=posts.get(o.pk, []),
            collaborations=collaborations.get(o.pk, []),
        )
        for o in organisations
    ]


def notification_list_unread(*, user: Any) -> Listing:
    """The user's unread notifications, newest first."""
    return _listing(Notification.objects.filter(user=user, read_at__isnull=True))


# --- a territory representative: my territory --------------------------------------------------


@dataclass(frozen=True)
class TerritoryClusters:
    """The clusters of a territory: how many in each status, the newest, those below the bar."""

    total: int
    by_status: list[tuple[str, int]]
    newest: list[ClusterOrganisation]
    below_criteria: list[tuple[ClusterOrganisation, list[str]]]


@dataclass(frozen=True)
class TerritorySpecialisations:
    """The territory's strongest categories in the stored mapping, by location quotient."""

    year: int | None
    rows: list[tuple[MappingResult, str]]


@dataclass(frozen=True)
class TerritoryHome:
    """What a representative sees of one territory they represent."""

    territory: Territory
    changes: Listing
    clusters: TerritoryClusters
    specialisations: TerritorySpecialisations
    collaborations: Listing


def profile_change_list_waiting(*, territory: Territory | None, limit: int = LISTED) -> Listing:
    """Changes waiting for validation in ``territory`` (everywhere for None), oldest first."""
    changes = ProfileChange.objects.filter(status=ProfileChange.Status.PENDING)
    if territory is not None:
        changes = changes.filter(
            organisation__in=ClusterOrganisation.objects.filter(
                cluster_in_territory_q(territory=territory)
            )
        )
    changes = changes.select_related("organisation", "proposed_by").order_by("created_at")
    return _listing(changes, limit)


def territory_cluster_summary(*, territory: Territory, newest: int = 5) -> TerritoryClusters:
    """The territory's clusters by status, its newest profiles and the active or provisional
    ones that do not meet the entry criteria (with the criteria they miss), in one query."""
    fields = ("name", "slug", "status", "created_at", "website", "staff_fte")
    organisations = list(
        ClusterOrganisation.objects.filter(cluster_in_territory_q(territory=territory)).only(
            *fields, *ClusterOrganisation.MEMBER_FIELDS
        )
    )
    counts = Counter(o.status for o in organisations)
    by_status = [(label, counts[value]) for value, label in ClusterOrganisation.Status.choices]
    live = [o for o in organisations if o.status != ClusterOrganisation.Status.ARCHIVED]
    below = [
        (o, [str(name) for name, met in o.entry_criteria if not met])
        for o in sorted(live, key=lambda o: o.name)
        if not o.meets_entry_criteria
    ]
    return TerritoryClusters(
        total=len(organisations),
        by_status=by_status,
        newest=sorted(live, key=lambda o: (o.created_at, o.pk), reverse=True)[:newest],
        below_criteria=below,
    )


def territory_specialisation_list(
    *, territory: Territory, top: int = SUGGESTIONS
) -> TerritorySpecialisations:
    """The territory's top categories by LQ, read as its region dashboard reads them: the
    network-wide default year, else the territory's latest year with figures."""
    region, scheme = territory.region, mapping.DEFAULT_SCHEME
    data_region = mapping.region_data_code(region=region, scheme=scheme)
    years = mapping.mapping_region_years(code=data_region.data_code, scheme=scheme)
    if not years:
        return TerritorySpecialisations(year=None, rows=[])
    year = mapping.mapping_default_year(scheme=scheme, level=region.level or 2)
    if year not in years:
        year = years[-1]
    language = translation.get_language() or "en"
    results = mapping.mapping_for_region(code=data_region.data_code, scheme=scheme, year=year)
    rows = [(result, result.category.name_in(language)) for result in results[:top]]
    return TerritorySpecialisations(year=year, rows=rows)


def collaboration_list_for_territory(*, territory: Territory) -> Listing:
    """Collaborations with a partner in ``territory``, the most recently started first."""
    partners = ClusterOrganisation.objects.filter(cluster_in_territory_q(territory=territory))
    collaborations = (
        _collaborations()
        .filter(pk__in=Collaboration.objects.filter(partners__in=partners).values("pk"))
        .order_by("-started_on", "title")
    )
    return _listing(collaborations)


def territory_home_list(*, user: Any) -> list[TerritoryHome]:
    """The "my territory" sections, one per territory the user represents."""
    return [
        TerritoryHome(
            territory=territory,
            changes=profile_change_list_waiting(territory=territory),
            clusters=territory_cluster_summary(territory=territory),
            specialisations=territory_specialisation_list(territory=territory),
            collaborations=collaboration_list_for_territory(territory=territory),
        )
        for territory in sorted(user_represented_territories(user), key=lambda t: t.name)
    ]


# --- the secretariat: everything waiting, upcoming work ----------------------------------------


@dataclass(frozen=True)
class SecretariatHome:
    """What waits for the secretariat across the network, and what comes next."""

    changes_by_territory: list[tuple[Territory | None, int]]
    changes: Listing
    invitations: Listing
    posts_closing: Listing
    calls_closing: Listing
    recent_moves: list[StageChange]
    post_days: int = POST_HORIZON_DAYS
    call_days: int = CALL_HORIZON_DAYS


def profile_change_count_by_territory(
    *, network: Network | None
) -> list[tuple[Territory | None, int]]:
    """Pending changes per territory of ``network`` (None: outside it), in one count query."""
    pending = Q(changes__status=ProfileChange.Status.PENDING)
    territories = list(territory_list(network=network)) if network else []
    conditions = {f"t{t.pk}": cluster_in_territory_q(territory=t) for t in territories}
    inside = Q(pk__in=[])
    for condition in conditions.values():
        inside |= condition
    counts = ClusterOrganisation.objects.aggregate(
        outside=Count("changes", filter=pending & ~inside),
        **{
            key: Count("changes", filter=pending & condition)
            for key, condition in conditions.items()
        },
    )
    rows: list[tuple[Territory | None, int]] = [(t, counts[f"t{t.pk}"]) for t in territories]
    if counts["outside"]:
        rows.append((None, counts["outside"]))
    return rows


def invitation_list_pending(*, limit: int = 5) -> Listing:
    """Invitations neither accepted nor expired, newest first."""
    invitations = Invitation.objects.filter(
        accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("organisation", "territory", "network", "invited_by")
    return _listing(invitations, limit)


def post_list_closing(*, days: int = POST_HORIZON_DAYS) -> Listing:
    """Open board posts whose deadline falls within ``days`` days, the soonest first."""
    today = timezone.localdate()
    posts = (
        CooperationPost.objects.filter(
            status=CooperationPost.Status.OPEN,
            deadline__gte=today,
            deadline__lte=today + dt.timedelta(days=days),
        )
        .select_related("organisation")
        .order_by("deadline", "title")
    )
    return _listing(posts)


def funding_call_list_closing(*, days: int = CALL_HORIZON_DAYS) -> Listing:
    """Funding calls whose deadline falls within ``days`` days, the soonest first."""
    today = timezone.localdate()
    calls = FundingCall.objects.filter(
        deadline__gte=today, deadline__lte=today + dt.timedelta(days=days)
    ).order_by("deadline", "title")
    return _listing(calls)


def stage_change_list_recent(*, limit: int = LISTED) -> list[StageChange]:
    """The latest moves of collaborations through the pipeline, newest first."""
    moves = StageChange.objects.select_related("collaboration", "changed_by")
    return list(moves.order_by("-date", "-pk")[:limit])


def secretariat_home(*, network: Network | None = None) -> SecretariatHome:
    """The secretariat's section: what waits for it in ``network`` (the default network when
    not given), and upcoming work."""
    network = network or network_default()
    return SecretariatHome(
        changes_by_territory=profile_change_count_by_territory(network=network),
        changes=profile_change_list_waiting(territory=None),
        invitations=invitation_list_pending(),
        posts_closing=post_list_closing(),
        calls_closing=funding_call_list_closing(),
        recent_moves=stage_change_list_recent(),
    )
