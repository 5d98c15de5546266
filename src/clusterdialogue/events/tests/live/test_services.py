"""The day: marking meetings, no-shows freeing tables, placing left-over requests."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from clusterdialogue.events.b2b import services as b2b
from clusterdialogue.events.live.selectors import live_plan, table_lists
from clusterdialogue.events.live.services import meeting_mark, meeting_place
from clusterdialogue.events.models import Participant, ScheduledMeeting, Unavailability
from clusterdialogue.events.outcomes.services import meeting_outcome_record
from clusterdialogue.events.schedule.services import event_schedule
from clusterdialogue.events.tests.conftest import meet

pytestmark = pytest.mark.django_db


def _person(world, key: str, organisation: str = "c") -> Participant:
    world.participants[key] = Participant.objects.create(
        event=world.event, organisation=world.organisations[organisation],
        name=f"Example person {key.upper()}", email=f"person-{key}@example.org",
        status=Participant.Status.APPROVED,
    )  # fmt: skip
    return world.participants[key]


def _leftover(world, a: str, b: str):
    return b2b.meeting_add_by_organiser(
        event=world.event, requester=world.participants[a], partner=world.participants[b]
    )


def test_a_no_show_frees_its_table_for_a_request_whose_people_are_free(events_world):
    w = events_world
    _person(w, "d")
    ab = meet(w, "a", "b", 0, table=1)
    meet(w, "c", "d", 0, table=2)  # both tables of slot 0 taken
    leftover = _leftover(w, "a", "d")  # D meets C in slot 0 and A meets B
    leftover_free = _leftover(w, "b", "c")
    row = live_plan(event=w.event)[0]
    assert row["free_tables"] == [] and row["candidates"] == []
    meeting_mark(meeting=ab, status="no_show")
    row = live_plan(event=w.event)[0]
    assert row["free_tables"] == [1] and row["freed_tables"] == [1]
    # A and B are free again; C still meets D: nobody of the left-over requests is free but...
    assert [r.pk for r in row["candidates"]] == []
    other = live_plan(event=w.event)[1]
    assert {r.pk for r in other["candidates"]} == {leftover.pk, leftover_free.pk}
    placed = meeting_place(event=w.event, request=leftover, slot=w.slots[1], table=2)
    assert placed.table == 2 and placed.pinned


def test_placing_in_a_freed_table_of_the_same_slot(events_world):
    w = events_world
    ab = meet(w, "a", "b", 0, table=1)
    meeting_mark(meeting=ab, status="no_show")
    _person(w, "d")
    request = _leftover(w, "a", "d")
    row = live_plan(event=w.event)[0]
    assert [r.pk for r in row["candidates"]] == [request.pk]
    placed = meeting_place(event=w.event, request=request, slot=w.slots[0], table=1)
    assert ScheduledMeeting.objects.filter(session=w.slots[0], table=1).count() == 2
    assert placed.status == "scheduled"
    # The no-show's table is taken now: it cannot come back.
    with pytest.raises(ValidationError) as error:
        meeting_mark(meeting=ab, status="held")
    assert "status" in error.value.message_dict
    assert [t["table"] for t in table_lists(event=w.event)] == [1, 2]
    assert [m.pk for _slot, m in table_lists(event=w.event)[0]["meetings"]] == [placed.pk]


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("busy", "slot"),
        ("away", "slot"),
        ("table_taken", "table"),
        ("table_out_of_range", "table"),
        ("scheduled_already", "request"),
        ("not_accepted", "request"),
        ("no_slot", "slot"),
    ],
)
def test_placing_is_refused_with_the_field_named(events_world, case, field):
    w = events_world
    _person(w, "d")
    meet(w, "a", "b", 0, table=1)
    request = _leftover(w, "c", "d")
    slot, table = w.slots[0], 2
    if case == "busy":
        request = _leftover(w, "a", "d")
    elif case == "away":
        Unavailability.objects.create(participant=w.participants["c"], session=slot)
    elif case == "table_taken":
        table = 1
    elif case == "table_out_of_range":
        table = 3
    elif case == "scheduled_already":
        request = ScheduledMeeting.objects.get(session=slot, table=1).request
    elif case == "not_accepted":
        request = b2b.meeting_request_create(
            requester=w.participants["b"], partner=w.participants["d"]
        )
    elif case == "no_slot":
        slot = None
    before = ScheduledMeeting.objects.count()
    with pytest.raises(ValidationError) as error:
        meeting_place(event=w.event, request=request, slot=slot, table=table)
    assert field in error.value.message_dict
    assert ScheduledMeeting.objects.count() == before


def test_marking_refuses_an_unknown_status_and_a_no_show_with_an_outcome(past_world):
    w = past_world
    meeting = meet(w, "a", "b", 0)
    with pytest.raises(ValidationError) as error:
        meeting_mark(meeting=meeting, status="late")
    assert "status" in error.value.message_dict
    meeting_outcome_record(meeting=meeting, kind="nothing", user=w.user("organiser"))
    with pytest.raises(ValidationError):
        meeting_mark(meeting=meeting, status="no_show")
    meeting.refresh_from_db()
    assert meeting.status == "held"


def test_the_schedule_is_not_replaced_once_the_day_has_begun(events_world):
    w = events_world
    meeting = meet(w, "a", "b", 0)
    meeting_mark(meeting=meeting, status="held")
    with pytest.raises(ValidationError) as error:
        event_schedule(event=w.event, time_limit=2)
    assert "schedule" in error.value.message_dict
    assert ScheduledMeeting.objects.filter(pk=meeting.pk, status="held").exists()
