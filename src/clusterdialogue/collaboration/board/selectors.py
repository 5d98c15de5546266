"""Reads of the cooperation board: which posts and interests a user sees, and which clusters
the matchmaking engine proposes for a post.

**Matching a post.** A post is matched as if it were a new profile of the posting cluster: its
text is the title and the description, its keywords are the post's, and its description is an
*offer* (for an offer) or a *need* (for a request), so complementarity finds the clusters that
need what is offered or offer what is requested. Its region is the poster's match region, so
"cross-territory" means clusters of the other territories of the network; the territories
sought, when given, restrict the candidates to those territories.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from clusterdialogue.accounts.permissions import (
    user_is_registered,
    user_is_secretariat,
    user_managed_organisation_ids,
    user_represented_territories,
)
from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import (
    cluster_in_territory_q,
    directory_queryset,
    organisation_territory,
)
from clusterdialogue.collaboration.matching import matching_index_get
from clusterdialogue.collaboration.models import CooperationPost, Interest
from clusterdialogue.collaboration.suggestions.selectors import (
    organisation_match_region,
    profile_items,
)
from clusterdialogue.common.permissions import can
from clusterdialogue.core.matching import MatchSettings


def post_list_visible(*, user: Any) -> QuerySet[CooperationPost]:
    """The posts of the clusters the user may see (public ones for the public), newest first."""
    visible = directory_queryset(user=user).values("pk")
    return (
        CooperationPost.objects.filter(organisation__in=visible)
        .select_related("organisation__region", "created_by")
        .prefetch_related("territories_sought")
        .annotate(
            interest_count=Count("interests", distinct=True),
            match_count=Count("matches", distinct=True),
        )
        .order_by("-created_at", "-pk")  # Meta.ordering does not apply to grouped queries
    )


def post_interests_visible(*, post: CooperationPost, user: Any) -> QuerySet[Interest]:
    """All interests for the people who act for the poster; otherwise those the user may see
    because they act for the interested cluster."""
    interests = post.interests.select_related("organisation__region", "user")
    if can(user, "board.change_post", post):
        return interests
    return interests.filter(organisation__in=organisations_user_acts_for(user=user).values("pk"))


#: How many clusters a post is matched with, and the lowest score worth a notification.
MATCHES_PER_POST = 10
MATCH_MIN_SCORE = 0.05


@dataclass(frozen=True)
class Candidate:
    """A cluster proposed for a post, with the engine's score and reasons."""

    organisation: ClusterOrganisation
    score: float
    similarity: float
    complementarity: float
    reasons: str


def post_profile(*, post: CooperationPost) -> dict:
    """The post as the engine's profile (see the module docstring)."""
    organisation = post.organisation
    territory = organisation_territory(organisation=organisation)
    items = profile_items(post.description) or [post.title]
    return {
        "id": f"post-{post.pk}",
        "name": post.title,
        "region": organisation_match_region(
            organisation=organisation, territories={organisation.pk: territory}
        ),
        "text": f"{post.title}\n{post.description}",
        "keywords": list(post.keywords or []),
        "offers": items if post.kind == CooperationPost.Kind.OFFER else [],
        "needs": items if post.kind == CooperationPost.Kind.REQUEST else [],
    }


def post_match_candidates(
    *,
    post: CooperationPost,
    settings: MatchSettings | None = None,
    top: int = MATCHES_PER_POST,
) -> list[Candidate]:
    """The best ``top`` public clusters for the post, other than the poster, best first.

    Clusters of the poster's own territory are proposed only when the post seeks that
    territory explicitly.
    """
    directory = matching_index_get()
    index = directory.index
    if index.profiles.empty:
        return []
    profile = post_profile(post=post)
    sought = {t.region.code for t in post.territories_sought.select_related("region")}
    # Partners from other territories, unless the poster explicitly seeks its own too.
    settings = settings or MatchSettings(
        min_score=MATCH_MIN_SCORE, cross_territory=profile["region"] not in sought
    )
    # Score every pair without reasons first, choose, then word the reasons of the chosen only.
    table = index.recommend_for(profile, settings=settings, top=len(index.profiles), reasons=False)
    if sought:
        table = table[table["partner_region"].isin(sought)]
    allowed = set(
        ClusterOrganisation.objects.filter(slug__in=table["partner_id"].tolist(), is_public=True)
        .exclude(status=ClusterOrganisation.Status.ARCHIVED)
        .exclude(pk=post.organisation_id)
        .values_list("slug", flat=True)
    )
    chosen = table[table["partner_id"].isin(allowed)].head(top)
    if chosen.empty:
        return []
    worded = index.recommend_for(profile, settings=settings, top=int(chosen["rank"].max()))
    reasons = dict(zip(worded["partner_id"], worded["reasons"], strict=True))
    organisations = ClusterOrganisation.objects.select_related("region").in_bulk(
        chosen["partner_id"].tolist(), field_name="slug"
    )
    return [
        Candidate(
            organisation=organisations[row.partner_id],
            score=float(row.score),
            similarity=float(row.similarity),
            complementarity=float(row.complementarity),
            reasons=reasons.get(row.partner_id, ""),
        )
        for row in chosen.itertuples(index=False)
    ]


def organisations_user_acts_for(*, user: Any) -> QuerySet[ClusterOrganisation]:
    """The (non-archived) clusters the user may post and express interest for."""
    organisations = ClusterOrganisation.objects.exclude(
        status=ClusterOrganisation.Status.ARCHIVED
    ).select_related("region")
    if not user_is_registered(user):
        return organisations.none()
    if user_is_secretariat(user):
        return organisations
    condition = Q(pk__in=user_managed_organisation_ids(user))
    for territory in user_represented_territories(user):
        condition |= cluster_in_territory_q(territory=territory)
    return organisations.filter(condition)


def interest_organisations(*, user: Any, post: CooperationPost) -> QuerySet[ClusterOrganisation]:
    """The clusters the user may express interest in ``post`` for (never the poster itself)."""
    return organisations_user_acts_for(user=user).exclude(pk=post.organisation_id)
