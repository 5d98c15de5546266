"""Reads for invitations: those a user sent, and what a user may invite to."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from clusterdialogue.accounts.models import Invitation
from clusterdialogue.accounts.permissions import (
    user_is_secretariat,
    user_managed_organisation_ids,
    user_represented_territories,
)
from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import cluster_in_territory_q


def organisations_invitable(*, user: Any) -> QuerySet[ClusterOrganisation]:
    """Organisations the user may invite cluster managers for."""
    if user_is_secretariat(user):
        return ClusterOrganisation.objects.order_by("name")
    condition = None
    for territory in user_represented_territories(user):
        q = cluster_in_territory_q(territory=territory)
        condition = q if condition is None else condition | q
    managed = ClusterOrganisation.objects.filter(pk__in=user_managed_organisation_ids(user))
    if condition is None:
        return managed.order_by("name")
    return (ClusterOrganisation.objects.filter(condition) | managed).distinct().order_by("name")


def invitation_list_sent(*, user: Any) -> QuerySet[Invitation]:
    """Invitations the user sent (the secretariat sees all of them)."""
    invitations = Invitation.objects.select_related(
        "organisation", "territory__region", "network", "invited_by", "accepted_by"
    )
    return invitations if user_is_secretariat(user) else invitations.filter(invited_by=user)
