"""The demo's example meeting history: labelled examples, fairly rotated, with hours in the host
city's time zone so the group's calendar feed carries TZID."""

from __future__ import annotations

import icalendar
import pytest

from clusterdialogue.dialogue.models import Meeting
from clusterdialogue.dialogue.planning.demo import planning_demo_load
from clusterdialogue.testing.factories import dialogue as factories_dialogue

pytestmark = pytest.mark.django_db


def test_example_history_is_labelled_and_its_feed_has_time_zones(client):
    network, _territories = factories_dialogue.planning_network_build()
    group = factories_dialogue.WorkingGroupFactory(network=network, slug="example-demo-group")
    planning_demo_load(group=group)
    planning_demo_load(group=group)  # idempotent
    meetings = list(Meeting.objects.filter(group=group))
    assert meetings and all(m.is_example and m.title.startswith("Example") for m in meetings)
    assert all(m.starts_at and m.ends_at for m in meetings)
    feed = client.get(f"/dialogue/{group.slug}/meetings.ics")
    calendar = icalendar.Calendar.from_ical(feed.content)
    events = calendar.walk("VEVENT")
    assert len(events) == len(meetings)
    assert all("TZID" in event["dtstart"].params for event in events)
    zones = {str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")}
    assert {event["dtstart"].params["TZID"] for event in events} <= zones
