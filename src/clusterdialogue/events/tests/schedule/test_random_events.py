"""Random events from the database: every stored schedule passes the independent checker."""

from __future__ import annotations

import datetime
import random

import pytest

from clusterdialogue.events.models import MeetingRequest, Participant, Session, Unavailability
from clusterdialogue.events.schedule import services
from clusterdialogue.events.tests.conftest import at
from clusterdialogue.events.tests.schedule.test_services import _feasible, _stored

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_event_schedules_are_feasible_and_below_the_bound(events_world, seed):
    rng = random.Random(seed)
    event = events_world.event
    event.tables = rng.randint(1, 3)
    event.save()
    # Two overlapping slots on the second day as well: nobody sits in both.
    Session.objects.create(
        event=event, kind="meetings", title="Long slot", start=at(7, 9), end=at(7, 10)
    )
    Session.objects.create(
        event=event, kind="meetings", title="Short slot", start=at(7, 9, 30), end=at(7, 10, 30)
    )
    people = list(events_world.participants.values())
    for n in range(9):
        people.append(
            Participant.objects.create(
                event=event, organisation=events_world.organisations["abc"[n % 3]],
                name=f"Example extra {n}", email=f"extra{n}@example.org", status="approved",
            )
        )  # fmt: skip
    slots = list(Session.objects.filter(event=event, kind="meetings"))
    for person in people:
        for slot in slots:
            if rng.random() < 0.2:
                Unavailability.objects.create(participant=person, session=slot)
    now = datetime.datetime.now(datetime.UTC)
    pairs = rng.sample([(x, y) for i, x in enumerate(people) for y in people[i + 1 :]], 30)
    for x, y in pairs:
        MeetingRequest.objects.create(
            event=event, requester=x, partner=y, priority=rng.choice([1, 2]), status="accepted",
            created_at=now, expires_at=now, responded_at=now,
        )  # fmt: skip
    result = services.event_schedule(event=event, time_limit=5, workers=1)
    assert _feasible(events_world) == []
    assert _stored(event) == dict(result.placements)
    assert result.scheduled <= result.upper_bound
    # Again, after a change: still feasible, and what could stay stayed.
    Unavailability.objects.get_or_create(participant=people[0], session=slots[0])
    again = services.event_schedule(event=event, time_limit=5, workers=1)
    assert _feasible(events_world) == []
    assert set(again.kept) | set(again.moved) | set(again.dropped) == set(result.placements)
