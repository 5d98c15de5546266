"""The agenda as iCalendar: parsed back, with the event's time zone and a link to the page."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from clusterdialogue.events.b2b import services as b2b

pytestmark = pytest.mark.django_db


def test_agenda_ics_parses_back_with_tzid_and_link(client, events_world):
    a, b = events_world.participants["a"], events_world.participants["b"]
    request = b2b.meeting_add_by_organiser(
        event=events_world.event, requester=a, partner=b, slot=events_world.slots[1]
    )
    client.force_login(events_world.user("manager"))
    response = client.get(reverse("events:agenda-ics", args=[events_world.event.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    zones = [c for c in calendar.walk("VTIMEZONE")]
    assert [str(z["TZID"]) for z in zones] == ["Europe/Berlin"]
    (meeting,) = calendar.walk("VEVENT")
    assert meeting["DTSTART"].params["TZID"] == "Europe/Berlin"
    start = meeting.decoded("DTSTART")
    assert start == datetime.datetime(2031, 5, 6, 10, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))
    assert "Example person B" in str(meeting["SUMMARY"]) and "table 1" in str(meeting["SUMMARY"])
    assert str(meeting["URL"]).endswith(reverse("events:agenda", args=[events_world.event.slug]))
    assert str(meeting["UID"]) == f"event-example-b2b-meeting-{request.pk}@clusterdialogue"
    assert "Example event" in str(meeting["DESCRIPTION"])


def test_someone_else_s_agenda_is_refused(client, events_world):
    client.force_login(events_world.user("partner"))
    url = reverse("events:agenda-ics", args=[events_world.event.slug])
    assert client.get(url + f"?participant={events_world.participants['a'].pk}").status_code == 403
