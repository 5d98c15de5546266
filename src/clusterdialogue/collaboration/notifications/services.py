"""In-app notifications, each also sent by e-mail through Django's mail backend.

The notification rows are written in the caller's transaction; the e-mails leave only once it
commits (a rolled-back post announces nothing), one message per person so that nobody sees the
other recipients' addresses. A failed e-mail is logged and never undoes the notification.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from clusterdialogue.accounts.models import Role, RoleAssignment
from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.models import Notification

logger = logging.getLogger(__name__)
SUBJECT_PREFIX = "[Cluster Dialogue] "


def organisation_manager_users(*, organisations: Iterable[ClusterOrganisation]) -> QuerySet:
    """Active users who are cluster managers of any of ``organisations``."""
    ids = [o.pk for o in organisations]
    managers = RoleAssignment.objects.filter(
        role=Role.CLUSTER_MANAGER, organisation_id__in=ids
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=managers, is_active=True)


def notification_send(
    *,
    users: Iterable[Any],
    message: str,
    url: str = "",
    subject: str = "",
    body: str = "",
    site_url: str = "",
    exclude: Any = None,
) -> list[Notification]:
    """Notify every user once (in the app and by e-mail); ``exclude`` (the actor) is skipped.

    ``message`` is the one-line text shown in the app; the e-mail's ``subject`` defaults to it
    and its ``body`` is followed by the link, made absolute with ``site_url`` (``https://host``).
    """
    recipients = {u.pk: u for u in users if u is not None and u.is_active}
    if exclude is not None:
        recipients.pop(getattr(exclude, "pk", None), None)
    message = message[: Notification._meta.get_field("message").max_length]
    with transaction.atomic():
        created = Notification.objects.bulk_create(
            [Notification(user=user, message=message, url=url) for user in recipients.values()]
        )
    link = site_url.rstrip("/") + url if url else ""
    text = "\n\n".join(part for part in (body or message, link) if part) + "\n"
    mails = [(user.email, subject or message) for user in recipients.values() if user.email]
    if mails:
        transaction.on_commit(lambda: _send_mails(mails, text))
    return created


def _send_mails(mails: list[tuple[str, str]], text: str) -> None:
    for address, subject in mails:
        try:
            send_mail(
                SUBJECT_PREFIX + subject[:150],
                "Hello,\n\n" + text + "\nYou receive this because of your role in Cluster "
                "Dialogue; your notifications are listed on the platform's notifications page.\n",
                settings.DEFAULT_FROM_EMAIL,
                [address],
            )
        except Exception:  # any mail failure: the notification is in the app all the same
            logger.exception("could not send a notification e-mail to %s", address)


def notifications_mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications (all, or those of ``ids``) as read; how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    with transaction.atomic():
        return unread.update(read_at=timezone.now())


def notification_unread_count(*, user: Any) -> int:
    """How many notifications the user has not read (0 for the anonymous public)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
