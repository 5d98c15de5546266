"""A participant's agenda as iCalendar: one event per meeting, in the event's time zone (TZID)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

from clusterdialogue.events.models import Participant

PRODID = "-//Cluster Dialogue//Events agenda//EN"


def meeting_uid(meeting) -> str:
    """Stable across runs of the schedule: a calendar client moves the meeting, not adds one."""
    return f"event-{meeting.request.event.slug}-meeting-{meeting.request_id}@clusterdialogue"


def agenda_calendar(*, participant: Participant, agenda: list[dict], site_url: str) -> bytes:
    """The agenda as an iCalendar file with a VTIMEZONE for the event's zone."""
    event = participant.event
    link = site_url + reverse("events:agenda", args=[event.slug])
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{event.title}: {participant.name}")
    for item in agenda:
        entry = CalendarEvent()
        entry.add("uid", meeting_uid(item["meeting"]))
        entry.add("dtstamp", timezone.now().astimezone(datetime.UTC))
        entry.add("dtstart", item["slot"].local_start)
        entry.add("dtend", item["slot"].local_end)
        partner = item["partner"]
        entry.add(
            "summary",
            _("Meeting with %(name)s (%(organisation)s), table %(table)d")
            % {
                "name": partner.name,
                "organisation": partner.organisation.name,
                "table": item["table"],
            },
        )
        place = ", ".join(p for p in (item["slot"].location, event.venue, event.city) if p)
        entry.add(
            "location",
            _("Table %(table)d") % {"table": item["table"]} + (f", {place}" if place else ""),
        )
        entry.add("url", link)
        lines = [event.title, link]
        if event.is_example:
            lines.insert(0, "Example event (demonstration data).")
        entry.add("description", "\n".join(lines))
        calendar.add_component(entry)
    calendar.add_component(
        Timezone.from_tzid(
            event.timezone,
            first_date=datetime.date(event.start.year - 1, 1, 1),
            last_date=datetime.date(event.end.year + 1, 12, 31),
        )
    )
    return calendar.to_ical()
