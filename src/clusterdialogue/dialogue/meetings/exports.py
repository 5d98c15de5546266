"""A meeting as iCalendar (one event, or a group's feed) and its agenda and minutes as PDF."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from clusterdialogue.dialogue.models import Meeting

PRODID = "-//Cluster Dialogue//Dialogue meetings//EN"


def meeting_uid(meeting: Meeting) -> str:
    """Stable across edits and exports: a calendar client updates the event rather than adding one."""
    return f"meeting-{meeting.group.slug}-{meeting.number}@clusterdialogue"


def _event(meeting: Meeting, site_url: str) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("summary", str(meeting))
    if meeting.starts_at:
        zone = zoneinfo.ZoneInfo(meeting.timezone)
        event.add("dtstart", datetime.datetime.combine(meeting.start, meeting.starts_at, zone))
        ends_at = meeting.ends_at or meeting.starts_at
        event.add("dtend", datetime.datetime.combine(meeting.end, ends_at, zone))
    else:
        event.add("dtstart", meeting.start)
        # All-day DTEND is exclusive: the day after the meeting's last day.
        event.add("dtend", meeting.end + datetime.timedelta(days=1))
    location = ", ".join(p for p in (meeting.venue, meeting.city) if p)
    if location:
        event.add("location", location)
    url = site_url + meeting.get_absolute_url()
    event.add("url", url)
    description = [url]
    if meeting.is_example:
        description.insert(0, "Example meeting (demonstration data).")
    event.add("description", "\n".join(description))
    if meeting.status == Meeting.Status.CANCELLED:
        event.add("status", "CANCELLED")
    elif meeting.status == Meeting.Status.PROPOSED:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    return event


def meetings_calendar(*, meetings: Iterable[Meeting], site_url: str, name: str = "") -> bytes:
    """An iCalendar file with one event per meeting and a VTIMEZONE for every time zone used."""
    meetings = list(meetings)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    for event in (_event(m, site_url) for m in meetings):
        calendar.add_component(event)
    zones = sorted({m.timezone for m in meetings})
    for zone in zones:
        first = min(m.start for m in meetings if m.timezone == zone)
        last = max(m.end for m in meetings if m.timezone == zone)
        vtimezone = Timezone.from_tzid(
            zone,
            first_date=datetime.date(first.year - 1, 1, 1),
            last_date=datetime.date(last.year + 1, 12, 31),
        )
        calendar.add_component(vtimezone)
    return calendar.to_ical()


def _print_stylesheet() -> str:
    """The site's design tokens (the :root block of site.css) followed by the print rules."""
    path = finders.find("portal/site.css")
    tokens = ""
    if path:
        css = Path(path).read_text(encoding="utf-8")
        start = css.find(":root")
        if start >= 0:
            tokens = css[start : css.find("}", start) + 1]
    return tokens + render_to_string("portal/print.css")


def meeting_pdf(*, meeting: Meeting, kind: str, data: dict, site_url: str) -> bytes:
    """The agenda (``kind="agenda"``) or the minutes (``"minutes"``) of a meeting as PDF."""
    from weasyprint import CSS, HTML

    html = render_to_string(
        "dialogue/meetings/pdf.html",
        {"meeting": meeting, "kind": kind, "site_url": site_url, **data},
    )
    return HTML(string=html, base_url=site_url or None).write_pdf(
        stylesheets=[CSS(string=_print_stylesheet())]
    )
