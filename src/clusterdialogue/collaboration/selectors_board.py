"""Reads of the cooperation board: which posts, interests and notifications a user sees."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from clusterdialogue.clusters.selectors import territory_region_codes
from clusterdialogue.clusters.selectors_directory import directory_queryset
from clusterdialogue.collaboration.models import CooperationPost, Interest, Notification
from clusterdialogue.collaboration.permissions_board import (
    organisations_user_acts_for,
    user_can_change_post,
)
from clusterdialogue.regions.models import Territory
from clusterdialogue.regions.selectors import network_default, territory_list


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
    if user_can_change_post(user, post):
        return interests
    return interests.filter(organisation__in=organisations_user_acts_for(user).values("pk"))


def notification_list(*, user: Any) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    return Notification.objects.filter(user=user)


def territory_prefixes() -> list[tuple[str, Territory]]:
    """(region code prefix, territory) of the default network, longest prefix first."""
    network = network_default()
    if network is None:
        return []
    pairs = [
        (code, territory)
        for territory in territory_list(network=network)
        for code in territory_region_codes(territory=territory)
    ]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def territory_for_code(code: str, prefixes: list[tuple[str, Territory]]) -> Territory | None:
    """The territory a region code lies in (``prefixes`` from :func:`territory_prefixes`)."""
    return next((territory for prefix, territory in prefixes if code.startswith(prefix)), None)
