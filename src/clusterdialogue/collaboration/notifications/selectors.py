"""Reads of the notifications: a user's own, newest first."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from clusterdialogue.collaboration.models import Notification


def notification_list(*, user: Any) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    return Notification.objects.filter(user=user)
