"""Who may do what: roles, scoped to a network, a territory or one cluster organisation.

Roles (``accounts.models.Role``):

* the **secretariat** administers the network: it may do everything (a superuser counts as one);
* a **territory representative** edits the profiles of the clusters located in their territory,
  validates the changes their managers propose, and invites managers for those clusters;
* a **cluster manager** proposes changes to their own organisation's profile (they go live once
  validated), edits its members, and invites colleagues as managers of the same organisation;
* a **registered member** is signed in and reads contact persons;
* the anonymous **public** reads public profiles only.

This module answers "which roles does the user hold, and where"; the rules built on the roles
live with the feature they guard (``clusters/permissions.py``, ``collaboration/.../permissions.py``)
and are asked through one interface, ``clusterdialogue.common.permissions.can``. A user's role
assignments are read once per user object and cached on it (``role_cache_clear`` forgets them
after a change).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clusterdialogue.accounts.models import Role, RoleAssignment
from clusterdialogue.common.permissions import Rule, register_rules

if TYPE_CHECKING:
    from clusterdialogue.regions.models import Territory

_CACHE_ATTRIBUTE = "_clusterdialogue_role_assignments"


def user_role_assignments(user: Any) -> list[RoleAssignment]:
    """The user's role assignments (none for the anonymous public), cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user).select_related(
                "territory__region", "organisation__region", "network"
            )
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def role_cache_clear(user: Any) -> None:
    """Forget the cached role assignments, after a role was granted or withdrawn."""
    if user is not None and hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _has_role(user: Any, role: str) -> bool:
    return any(a.role == role for a in user_role_assignments(user))


def user_is_secretariat(user: Any) -> bool:
    """Whether the user administers the network (the secretariat role, or a superuser)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or _has_role(user, Role.SECRETARIAT)


def user_is_registered(user: Any) -> bool:
    """Whether the user is signed in (every account is at least a registered member)."""
    return bool(user is not None and getattr(user, "is_authenticated", False))


def user_represented_territories(user: Any) -> list[Territory]:
    """The territories the user represents."""
    return [
        a.territory
        for a in user_role_assignments(user)
        if a.role == Role.TERRITORY_REPRESENTATIVE and a.territory is not None
    ]


def user_managed_organisation_ids(user: Any) -> set[int]:
    """Primary keys of the cluster organisations the user manages."""
    return {
        a.organisation_id
        for a in user_role_assignments(user)
        if a.role == Role.CLUSTER_MANAGER and a.organisation_id is not None
    }


def user_is_reviewer(user: Any) -> bool:
    """Whether the user validates proposed changes somewhere (secretariat or a representative)."""
    return user_is_secretariat(user) or bool(user_represented_territories(user))


def user_can_invite(user: Any, role: str, scope: Any = None) -> bool:
    """Whether the user may invite someone to ``role`` within ``scope``.

    ``scope`` is a ``ClusterOrganisation`` for cluster managers, a ``Territory`` for
    representatives, and a ``Network`` or ``None`` for the secretariat and registered members.
    """
    from clusterdialogue.clusters.models import ClusterOrganisation
    from clusterdialogue.clusters.permissions import (
        user_manages_organisation,
        user_represents_organisation,
    )

    if user_is_secretariat(user):
        return True
    if role != Role.CLUSTER_MANAGER or not isinstance(scope, ClusterOrganisation):
        return False
    return user_represents_organisation(user, scope) or user_manages_organisation(user, scope)


def user_can_invite_anyone(user: Any) -> bool:
    """Whether the user may send at least some invitation (shows the invitations page)."""
    return user_is_secretariat(user) or any(
        a.role in (Role.TERRITORY_REPRESENTATIVE, Role.CLUSTER_MANAGER)
        for a in user_role_assignments(user)
    )


def _user_can_invite_manager(user: Any, organisation: Any) -> bool:
    return user_can_invite(user, Role.CLUSTER_MANAGER, organisation)


RULES = register_rules(
    "accounts",
    {
        "invite": Rule(
            lambda user, obj: user_can_invite_anyone(user),
            who="the secretariat, territory representatives and cluster managers",
            needs_object=False,
        ),
        "invite_manager": Rule(
            _user_can_invite_manager,
            who="the secretariat, the cluster's territory representative and its managers",
        ),
        "invite_any_role": Rule(
            lambda user, obj: user_is_secretariat(user),
            who="the secretariat",
            needs_object=False,
        ),
        "review_changes": Rule(
            lambda user, obj: user_is_reviewer(user),
            who="the secretariat and territory representatives",
            needs_object=False,
        ),
        "administer": Rule(
            lambda user, obj: user_is_secretariat(user),
            who="the secretariat",
            needs_object=False,
        ),
    },
)
