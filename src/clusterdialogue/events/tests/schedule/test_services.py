"""The schedule from the database: feasible by the independent checker, stored, rescheduled."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from clusterdialogue.core.b2b import Placement
from clusterdialogue.events.b2b import services as b2b
from clusterdialogue.events.models import Participant, ScheduledMeeting, Session
from clusterdialogue.events.participants.services import unavailability_set
from clusterdialogue.events.schedule import services
from clusterdialogue.testing.b2b import schedule_violations

pytestmark = pytest.mark.django_db


def _accepted(world, pairs, priority=1):
    made = []
    for x, y in pairs:
        request = b2b.meeting_request_create(
            requester=world.participants[x], partner=world.participants[y], priority=priority
        )
        made.append(
            b2b.meeting_request_respond(request=request, by=world.participants[y], accept=True)
        )
    return made


def _stored(event) -> dict[str, Placement]:
    rows = ScheduledMeeting.objects.filter(request__event=event)
    return {str(m.request_id): Placement(str(m.session_id), m.table) for m in rows}


def _feasible(world) -> list[str]:
    problem = services.schedule_problem(event=world.event)
    return schedule_violations(
        slots=problem["slots"], requests=problem["requests"], unavailable=problem["unavailable"],
        tables=problem["tables"], placements=_stored(world.event), pinned=problem["pinned"],
    )  # fmt: skip


def test_schedule_is_stored_feasible_and_complete(events_world):
    _accepted(events_world, [("a", "b"), ("a", "c")], priority=2)
    _accepted(events_world, [("b", "c")])
    result = services.event_schedule(event=events_world.event, time_limit=5, workers=1)
    assert (result.scheduled, result.requests, result.must_scheduled) == (3, 3, 2)
    assert result.upper_bound == 3 and result.gap == 0
    assert _stored(events_world.event) == dict(result.placements)
    assert _feasible(events_world) == []
    events_world.event.refresh_from_db()
    report = events_world.event.schedule_report
    assert (report["scheduled"], report["requests"], report["upper_bound"]) == (3, 3, 3)


def test_unavailability_and_pins_are_kept(events_world):
    one, _two, three = events_world.slots
    a, b, c = (events_world.participants[k] for k in "abc")
    unavailability_set(participant=a, sessions=[one])
    pinned = b2b.meeting_add_by_organiser(
        event=events_world.event, requester=b, partner=c, slot=three
    )
    _accepted(events_world, [("a", "b"), ("a", "c")])
    result = services.event_schedule(event=events_world.event, time_limit=5, workers=1)
    stored = ScheduledMeeting.objects.get(request=pinned)
    assert stored.session == three and stored.pinned
    assert not ScheduledMeeting.objects.filter(session=one, request__requester=a).exists()
    assert _feasible(events_world) == []
    # A is out in slot one, B and C meet in slot three: A meets only one of them, in slot two.
    assert ScheduledMeeting.objects.count() == 2 == result.upper_bound


def test_rescheduling_keeps_what_can_stay_and_says_what_moved(events_world):
    one = events_world.slots[0]
    ab, ac = _accepted(events_world, [("a", "b"), ("a", "c")])
    services.event_schedule(event=events_world.event, time_limit=5, workers=1)
    before = _stored(events_world.event)
    # B cannot meet in the slot of A and B's meeting any more: that one moves, the other stays.
    slot_ab = Session.objects.get(pk=int(before[str(ab.pk)].slot))
    unavailability_set(participant=events_world.participants["b"], sessions=[slot_ab])
    result = services.event_schedule(event=events_world.event, time_limit=5, workers=1)
    assert result.kept == (str(ac.pk),) and result.moved == (str(ab.pk),)
    assert _stored(events_world.event)[str(ac.pk)] == before[str(ac.pk)]
    assert _feasible(events_world) == []
    assert one  # the slots are the world's


def test_declined_participants_and_cancelled_requests_leave_the_schedule(events_world):
    ab, _bc = _accepted(events_world, [("a", "b"), ("b", "c")])
    services.event_schedule(event=events_world.event, time_limit=5, workers=1)
    Participant.objects.filter(pk=events_world.participants["c"].pk).update(status="withdrawn")
    result = services.event_schedule(event=events_world.event, time_limit=5, workers=1)
    assert set(result.placements) == {str(ab.pk)}
    assert set(_stored(events_world.event)) == {str(ab.pk)}


def test_without_meeting_slots_the_schedule_says_what_to_do(events_world):
    Session.objects.filter(kind="meetings").delete()
    with pytest.raises(ValidationError) as error:
        services.event_schedule(event=events_world.event)
    assert "sessions" in error.value.message_dict


def test_a_change_while_the_solver_runs_stores_nothing(events_world, monkeypatch):
    (ab,) = _accepted(events_world, [("a", "b")])
    real = services.meetings_schedule

    def solve_while_someone_cancels(**problem):
        result = real(**problem)
        b2b.meeting_request_cancel(request=ab)  # another request of the site, meanwhile
        return result

    monkeypatch.setattr(services, "meetings_schedule", solve_while_someone_cancels)
    with pytest.raises(ValidationError) as error:
        services.event_schedule(event=events_world.event, time_limit=2, workers=1)
    assert "schedule" in error.value.message_dict
    assert not ScheduledMeeting.objects.exists()
