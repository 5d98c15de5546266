"""Who may do what on the cooperation board (same rules as the directory).

* Anyone reads the posts of the profiles they may see, and the clusters the engine proposed.
* A cluster's **managers**, its **territory's representative** and the **secretariat** act for
  the cluster (``clusters.act_for``): they post offers and requests in its name, edit, close,
  reopen and delete them, see who expressed interest, and express interest in other clusters'
  posts in its name.
* Every signed-in user follows posts (and hears of their updates).

The rules are declared once in :data:`RULES` and asked through
``clusterdialogue.common.permissions.can`` (``can(user, "board.change_post", post)``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clusterdialogue.accounts.permissions import user_is_registered, user_is_secretariat
from clusterdialogue.collaboration.board.selectors import (
    interest_organisations,
    organisations_user_acts_for,
)
from clusterdialogue.common.permissions import Rule, can, register_rules

if TYPE_CHECKING:
    from clusterdialogue.clusters.models import ClusterOrganisation
    from clusterdialogue.collaboration.models import CooperationPost


def user_can_post(user: Any, organisation: ClusterOrganisation | None = None) -> bool:
    """Post for ``organisation``; without one, whether the user may post for any cluster."""
    if organisation is not None:
        return can(user, "clusters.act_for", organisation)
    return user_is_secretariat(user) or organisations_user_acts_for(user=user).exists()


def user_can_change_post(user: Any, post: CooperationPost) -> bool:
    """Edit, close, reopen, delete the post and see who is interested."""
    return can(user, "clusters.act_for", post.organisation)


def user_can_express_interest(user: Any, post: CooperationPost) -> bool:
    """An open post, and a cluster (other than the poster) the user acts for."""
    return post.status == post.Status.OPEN and interest_organisations(user=user, post=post).exists()


RULES = register_rules(
    "board",
    {
        "create_post": Rule(
            user_can_post,
            who="a cluster's managers, its territory representative and the secretariat",
            needs_object=False,
        ),
        "change_post": Rule(
            user_can_change_post,
            who="the managers of the post's cluster, its territory representative and the "
            "secretariat",
        ),
        "follow_post": Rule(
            lambda user, post: user_is_registered(user),
            who="every signed-in user",
            needs_object=False,
        ),
        "express_interest": Rule(
            user_can_express_interest,
            who="the managers, territory representatives and the secretariat of another cluster, "
            "while the post is open",
        ),
    },
)
