"""The demo's example event, loaded by ``clusterdialogue setup``: an **example** B2B meeting day
(labelled so on every page), open for registration, with its programme, in the network's first
partner territory. It has no participants: registering real clusters is for the user to try;
the platform invents no facts about real organisations."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db import transaction

from clusterdialogue.events.models import Event
from clusterdialogue.events.programme.services import event_create, session_add
from clusterdialogue.regions.models import Network, Territory

SLUG = "example-b2b-meeting-day"
PROGRAMME = [
    ("talk", "Example welcome and introduction of the delegations", (9, 0), (9, 30)),
    ("meetings", "B2B meetings, round 1", (9, 30), (10, 0)),
    ("meetings", "B2B meetings, round 2", (10, 0), (10, 30)),
    ("meetings", "B2B meetings, round 3", (11, 0), (11, 30)),
    ("meetings", "B2B meetings, round 4", (11, 30), (12, 0)),
    ("networking", "Example networking lunch", (12, 0), (13, 30)),
    ("visit", "Example site visit", (14, 0), (16, 0)),
]  # a coffee break 10:30–11:00: breaks are simply no meeting slot


def _next_working_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


@transaction.atomic
def events_demo_load(*, network: Network | None, today: dt.date | None = None) -> Event | None:
    """Create the example event once (idempotent); ``None`` without a partner territory."""
    if network is None:
        return None
    existing = Event.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    host = (
        network.territories.filter(role=Territory.Role.PARTNER)
        .select_related("region")
        .order_by("region__code")
        .first()
    )
    if host is None:
        return None
    city = host.host_cities.order_by("-is_default", "name").first()
    today = today or dt.date.today()
    day = _next_working_day(today + dt.timedelta(days=60))
    event = event_create(
        created_by=None, network=network, host_territory=host,
        title="Example B2B meeting day (demonstration, not a real event)",
        start=day, end=day, slug=SLUG, city=city.name if city else "",
        timezone=city.timezone if city else "Europe/Brussels",
        description=(
            "An example event to try the platform: register participants, request and accept "
            "meetings, run the scheduler and print the agendas. It is not a real event."
        ),
        registration_opens=today - dt.timedelta(days=1),
        registration_closes=day - dt.timedelta(days=7),
        tables=10, is_example=True,
    )  # fmt: skip
    zone = zoneinfo.ZoneInfo(event.timezone)
    for kind, title, start, end in PROGRAMME:
        session_add(
            event=event, kind=kind, title=title,
            start=dt.datetime.combine(day, dt.time(*start), zone),
            end=dt.datetime.combine(day, dt.time(*end), zone),
        )  # fmt: skip
    return event
