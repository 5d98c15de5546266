"""Who may do what on the cooperation board (same rules as the directory).

* Anyone reads the posts of the profiles they may see, and the clusters the engine proposed.
* A cluster's **managers**, its **territory's representative** and the **secretariat** act for
  the cluster: they post offers and requests in its name, edit, close, reopen and delete them,
  see who expressed interest, and express interest in other clusters' posts in its name.
* Every signed-in user follows posts (and hears of their updates).

Every check is a plain function, so views, the API, templates and tests share one answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from clusterdialogue.accounts.permissions import (
    user_is_registered,
    user_is_secretariat,
    user_managed_organisation_ids,
    user_represented_territories,
)
from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.permissions import (
    user_can_edit_organisation,
    user_manages_organisation,
)
from clusterdialogue.clusters.selectors import cluster_in_territory_q

if TYPE_CHECKING:
    from clusterdialogue.collaboration.models import CooperationPost


def user_can_act_for_organisation(user: Any, organisation: ClusterOrganisation) -> bool:
    """Whether the user speaks for the cluster: its managers, representative, the secretariat."""
    return user_manages_organisation(user, organisation) or user_can_edit_organisation(
        user, organisation
    )


def organisations_user_acts_for(user: Any) -> QuerySet[ClusterOrganisation]:
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


def user_can_post(user: Any) -> bool:
    """Whether the user may post for at least one cluster (shows the "new post" button)."""
    return user_is_secretariat(user) or organisations_user_acts_for(user).exists()


def user_can_change_post(user: Any, post: CooperationPost) -> bool:
    """Edit, close, reopen, delete the post and see who is interested."""
    return user_can_act_for_organisation(user, post.organisation)


def user_can_follow_post(user: Any) -> bool:
    """Following needs an account (updates are sent to it)."""
    return user_is_registered(user)


def interest_organisations(user: Any, post: CooperationPost) -> QuerySet[ClusterOrganisation]:
    """The clusters the user may express interest in ``post`` for (never the poster itself)."""
    return organisations_user_acts_for(user).exclude(pk=post.organisation_id)


def user_can_express_interest(user: Any, post: CooperationPost) -> bool:
    """An open post, and a cluster (other than the poster) the user acts for."""
    return post.status == post.Status.OPEN and interest_organisations(user, post).exists()
