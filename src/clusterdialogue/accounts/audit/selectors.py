"""Reads of the audit log for its page and CSV."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from clusterdialogue.accounts.models import AuditEvent

CSV_HEADER = ["at", "action", "by", "concerning", "address", "detail"]


def audit_event_list(
    *,
    action: str = "",
    actor: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    rows = AuditEvent.objects.all()
    if action:
        rows = rows.filter(action=action)
    if actor:
        rows = rows.filter(actor_name__iexact=actor)
    if since:
        rows = rows.filter(at__date__gte=since)
    if until:
        rows = rows.filter(at__date__lte=until)
    return rows.order_by("-at", "-pk")


def audit_csv_rows(*, events: QuerySet[AuditEvent]) -> list[list]:
    import json

    return [
        [e.at.isoformat(), e.action, e.actor_name, e.target, e.ip_address or "",
         json.dumps(e.detail, sort_keys=True) if e.detail else ""]
        for e in events
    ]  # fmt: skip
