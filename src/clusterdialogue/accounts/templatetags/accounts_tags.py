"""Template tags that ask the permission rules (for the navigation and the pages' buttons)."""

from __future__ import annotations

from typing import Any

from django import template

from clusterdialogue.common.permissions import can as _can

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context: Any, action: str, obj: Any = None) -> bool:
    """``{% can "board.change_post" post as allowed %}``: the same answer as the views'."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return _can(user, action, obj)


@register.filter
def is_reviewer(user: Any) -> bool:
    """Whether the user validates proposed changes (secretariat or a representative)."""
    return _can(user, "accounts.review_changes")


@register.filter
def is_secretariat(user: Any) -> bool:
    """Whether the user administers the network."""
    return _can(user, "accounts.administer")
