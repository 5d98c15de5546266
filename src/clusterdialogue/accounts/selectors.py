"""Reads for accounts: a user's roles."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from clusterdialogue.accounts.models import RoleAssignment


def role_assignment_list(*, user: Any) -> QuerySet[RoleAssignment]:
    """The user's roles with their scopes."""
    return RoleAssignment.objects.filter(user=user).select_related(
        "network", "territory__region", "organisation", "granted_by"
    )
