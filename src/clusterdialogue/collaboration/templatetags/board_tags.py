"""Template tags of the board area: the unread-notification count in the header."""

from __future__ import annotations

from typing import Any

from django import template

from clusterdialogue.collaboration.notifications.services import notification_unread_count

register = template.Library()


@register.simple_tag
def unread_notifications(user: Any) -> int:
    """How many notifications the user has not read yet (0 for the anonymous public)."""
    return notification_unread_count(user=user)
