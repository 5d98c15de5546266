"""Reads of the proposed changes: the reviewers' queue, a manager's proposals, readable diffs."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from clusterdialogue.accounts.permissions import (
    user_is_secretariat,
    user_managed_organisation_ids,
    user_represented_territories,
)
from clusterdialogue.clusters.changes.services import profile_change_stale_fields
from clusterdialogue.clusters.models import ClusterOrganisation, ProfileChange
from clusterdialogue.clusters.profiles.selectors import ChangeRow, field_text, value_text
from clusterdialogue.clusters.selectors import cluster_in_territory_q


def organisations_reviewed_by(*, user: Any) -> QuerySet[ClusterOrganisation]:
    """The organisations whose changes the user validates (all for the secretariat)."""
    if user_is_secretariat(user):
        return ClusterOrganisation.objects.all()
    territories = user_represented_territories(user)
    if not territories:
        return ClusterOrganisation.objects.none()
    condition = cluster_in_territory_q(territory=territories[0])
    for territory in territories[1:]:
        condition |= cluster_in_territory_q(territory=territory)
    return ClusterOrganisation.objects.filter(condition)


def profile_change_queue(*, user: Any) -> QuerySet[ProfileChange]:
    """Pending changes the user validates, oldest first (the order they should be handled)."""
    return (
        ProfileChange.objects.filter(
            status=ProfileChange.Status.PENDING,
            organisation__in=organisations_reviewed_by(user=user),
        )
        .select_related("organisation__region", "proposed_by")
        .order_by("created_at")
    )


def profile_change_list_proposed(*, user: Any) -> QuerySet[ProfileChange]:
    """Changes the user proposed, or proposed for an organisation they manage; newest first."""
    return ProfileChange.objects.filter(
        Q(proposed_by=user) | Q(organisation_id__in=user_managed_organisation_ids(user))
    ).select_related("organisation", "proposed_by", "reviewed_by")


def profile_change_rows(*, change: ProfileChange) -> list[ChangeRow]:
    """The proposal's changed fields, readable, flagging those changed since (when pending)."""
    stale = (
        profile_change_stale_fields(change=change)
        if change.status == ProfileChange.Status.PENDING
        else {}
    )
    rows = []
    for name, values in change.changes.items():
        rows.append(
            ChangeRow(
                field=name,
                label=field_text(name),
                old=value_text(name, values.get("old")),
                new=value_text(name, values.get("new")),
                current=value_text(name, stale[name]["current"]) if name in stale else None,
            )
        )
    return rows
