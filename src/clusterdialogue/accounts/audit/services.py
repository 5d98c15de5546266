"""Writes of the audit log: one row per security-relevant event (``accounts.AuditEvent``)."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

from clusterdialogue.accounts.models import AuditEvent

# Set while a backup is restored: the rows written then are the archive's, not new events.
_paused: contextvars.ContextVar[bool] = contextvars.ContextVar("audit_paused", default=False)


@contextlib.contextmanager
def audit_paused() -> Iterator[None]:
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def _address(request: Any) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    action: str,
    actor: Any = None,
    target: str = "",
    request: Any = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent | None:
    """Record an event; ``actor`` is the account that acted (``None`` for the anonymous).

    Answers ``None`` while the log is paused (a restore writes the archive's own events).
    """
    if _paused.get():
        return None
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    signed_in = getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        action=action,
        actor=actor if signed_in else None,
        actor_name=actor.get_username() if signed_in else "",
        target=target[:300],
        ip_address=_address(request),
        detail=detail or {},
    )


def audit_actor_forget(*, user: Any) -> int:
    """After an account's erasure: its events stay, without its name or addresses."""
    return AuditEvent.objects.filter(actor=user).update(
        actor=None, actor_name="erased account", ip_address=None
    )
