"""Writes for roles: granting a role in its scope (invitations grant roles through this)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from clusterdialogue.accounts.models import Role, RoleAssignment
from clusterdialogue.accounts.permissions import role_cache_clear
from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.regions.models import Network, Territory

# The scope each role needs: a cluster manager manages one organisation, and so on.
ROLE_SCOPE: dict[str, str | None] = {
    Role.SECRETARIAT: "network",
    Role.TERRITORY_REPRESENTATIVE: "territory",
    Role.CLUSTER_MANAGER: "organisation",
    Role.MEMBER: "network",
}


def role_scope_check(
    role: str,
    network: Network | None,
    territory: Territory | None,
    organisation: ClusterOrganisation | None,
) -> Any:
    """The object that scopes ``role``; raise ``ValidationError`` if it is missing or extra."""
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}; choose one of {Role.values}."})
    needed = ROLE_SCOPE[role]
    given = {"network": network, "territory": territory, "organisation": organisation}
    if needed in ("territory", "organisation") and given[needed] is None:
        label = Role(role).label
        raise ValidationError({needed: f"A {label.lower()} needs a {needed}; choose one."})
    extra = [name for name, value in given.items() if value is not None and name != needed]
    if extra:
        raise ValidationError(
            {extra[0]: f"A {Role(role).label.lower()} is not scoped by a {extra[0]}; leave it out."}
        )
    return given[needed]


@transaction.atomic
def role_assign(
    *,
    user: Any,
    role: str,
    network: Network | None = None,
    territory: Territory | None = None,
    organisation: ClusterOrganisation | None = None,
    granted_by: Any = None,
) -> RoleAssignment:
    """Give ``user`` a role in a scope (idempotent: an existing assignment is returned)."""
    role_scope_check(role, network, territory, organisation)
    assignment, _ = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        network=network,
        territory=territory,
        organisation=organisation,
        defaults={"granted_by": granted_by},
    )
    role_cache_clear(user)
    return assignment
