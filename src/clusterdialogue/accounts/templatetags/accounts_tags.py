"""Template filters that ask the permission rules (for the navigation and profile pages)."""

from __future__ import annotations

from typing import Any

from django import template

from clusterdialogue.accounts.permissions import user_is_reviewer, user_is_secretariat

register = template.Library()


@register.filter
def is_reviewer(user: Any) -> bool:
    """Whether the user validates proposed changes (secretariat or a representative)."""
    return user_is_reviewer(user)


@register.filter
def is_secretariat(user: Any) -> bool:
    """Whether the user administers the network."""
    return user_is_secretariat(user)
