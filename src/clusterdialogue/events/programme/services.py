"""Writes of the programme feature: events and their programme, one transaction each.

Bad input raises ``ValidationError`` with the field it concerns; nothing is stored then.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clusterdialogue.events.models import Event, Session

EVENT_FIELDS = (
    "kind", "title", "slug", "network", "host_territory", "city", "venue", "timezone", "start",
    "end", "keywords", "description", "logistics", "registration_opens", "registration_closes",
    "cap_per_cluster", "tables", "request_expiry_hours", "is_public", "is_example",
)  # fmt: skip


def _unique_slug(title: str, *, exclude: int | None = None) -> str:
    base = slugify(title)[:100] or "event"
    slug, n = base, 1
    while Event.objects.filter(slug=slug).exclude(pk=exclude).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _event_check(event: Event) -> None:
    """Every rule an event's fields keep, the first broken one named by its field."""
    if not (event.title or "").strip():
        raise ValidationError({"title": _("This field is required.")})
    if event.kind not in Event.Kind.values:
        raise ValidationError({"kind": _("Choose a mission or a B2B event.")})
    if event.start is None:
        raise ValidationError({"start": _("This field is required.")})
    if event.end is None:
        event.end = event.start
    if event.end < event.start:
        raise ValidationError({"end": _("The last day is before the first day.")})
    if event.host_territory.network_id != event.network_id:
        raise ValidationError({"host_territory": _("The host territory is not in the network.")})
    try:
        zoneinfo.ZoneInfo(event.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            {"timezone": _("Unknown time zone; write it as e.g. Europe/Brussels.")}
        ) from None
    opens, closes = event.registration_opens, event.registration_closes
    if opens and closes and closes < opens:
        raise ValidationError({"registration_closes": _("Registration closes before it opens.")})
    if closes and closes > event.end:
        raise ValidationError(
            {"registration_closes": _("Registration closes after the event's last day.")}
        )
    if event.tables is None or event.tables < 1:
        raise ValidationError({"tables": _("An event needs at least one meeting table.")})
    if event.request_expiry_hours is None or event.request_expiry_hours < 1:
        raise ValidationError(
            {"request_expiry_hours": _("A request waits at least one hour for its answer.")}
        )
    if event.cap_per_cluster is not None and event.cap_per_cluster < 1:
        raise ValidationError(
            {"cap_per_cluster": _("At least one participant per cluster, or empty for no limit.")}
        )
    if event.slug and Event.objects.filter(slug=event.slug).exclude(pk=event.pk).exists():
        raise ValidationError({"slug": _("Another event already has this address.")})


@transaction.atomic
def event_create(
    *,
    created_by: Any,
    network: Any,
    host_territory: Any,
    title: str,
    start: datetime.date,
    end: datetime.date | None = None,
    kind: str = Event.Kind.BROKERAGE,
    categories: Iterable[Any] = (),
    organisers: Iterable[Any] = (),
    **fields: Any,
) -> Event:
    """A new event; its creator is one of its organisers."""
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"event_create() got unknown fields {sorted(unknown)}")
    event = Event(
        created_by=created_by,
        network=network,
        host_territory=host_territory,
        title=(title or "").strip(),
        start=start,
        end=end,
        kind=kind,
        **fields,
    )
    _event_check(event)
    if not event.slug:
        event.slug = _unique_slug(event.title)
    event.save()
    event.categories.set(categories)
    people = list(organisers)
    if created_by is not None and created_by not in people:
        people.append(created_by)
    event.organisers.set(people)
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    categories: Iterable[Any] | None = None,
    organisers: Iterable[Any] | None = None,
    **fields: Any,
) -> Event:
    """Change an event's fields (only those given); meeting sessions keep their schedule."""
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"event_update() got unknown fields {sorted(unknown)}")
    event = Event.objects.select_for_update().get(pk=event.pk)
    for name, value in fields.items():
        setattr(event, name, value.strip() if isinstance(value, str) else value)
    _event_check(event)
    event.save()
    if categories is not None:
        event.categories.set(categories)
    if organisers is not None:
        people = list(organisers)
        if not people:
            raise ValidationError({"organisers": _("An event keeps at least one organiser.")})
        event.organisers.set(people)
    return event


@transaction.atomic
def session_add(
    *,
    event: Event,
    kind: str,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime,
    location: str = "",
) -> Session:
    """A programme item; sessions of kind ``meetings`` are the B2B meeting slots."""
    if kind not in Session.Kind.values:
        raise ValidationError({"kind": _("Choose what kind of programme item this is.")})
    if not (title or "").strip():
        raise ValidationError({"title": _("This field is required.")})
    if start is None:
        raise ValidationError({"start": _("This field is required.")})
    if end is None or end <= start:
        raise ValidationError({"end": _("A programme item ends after it starts.")})
    zone = zoneinfo.ZoneInfo(event.timezone)
    first = datetime.datetime.combine(event.start, datetime.time.min, zone)
    last = datetime.datetime.combine(
        event.end + datetime.timedelta(days=1), datetime.time.min, zone
    )
    if start < first or end > last:
        raise ValidationError({"start": _("A programme item lies within the event's days.")})
    return Session.objects.create(
        event=event, kind=kind, title=title.strip(), start=start, end=end, location=location.strip()
    )


@transaction.atomic
def session_remove(*, session: Session) -> None:
    """Remove a programme item; meetings scheduled in it go back to the unscheduled requests."""
    session.delete()
