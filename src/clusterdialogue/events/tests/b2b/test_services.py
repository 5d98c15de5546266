"""Meeting requests: who may ask whom, answers by the partner only, expiry, organiser meetings."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from clusterdialogue.events.b2b import selectors, services
from clusterdialogue.events.models import MeetingRequest, Participant, ScheduledMeeting
from clusterdialogue.events.participants.services import unavailability_set
from clusterdialogue.events.tests.conftest import BERLIN

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2031, 4, 1, 12, tzinfo=BERLIN)
Status = MeetingRequest.Status


def test_request_waits_for_the_partner_until_it_expires(events_world):
    a, b = events_world.participants["a"], events_world.participants["b"]
    request = services.meeting_request_create(
        requester=a, partner=b, priority=2, message=" Let us talk ", now=NOW
    )
    assert (request.status, request.message, request.priority) == ("pending", "Let us talk", 2)
    assert request.expires_at == NOW + datetime.timedelta(hours=72)


def test_request_rules(events_world):
    a, b, c = (events_world.participants[k] for k in "abc")
    with pytest.raises(ValidationError) as error:
        services.meeting_request_create(requester=a, partner=a, now=NOW)
    assert "partner" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.meeting_request_create(requester=a, partner=b, priority=5, now=NOW)
    assert "priority" in error.value.message_dict
    services.meeting_request_create(requester=a, partner=b, now=NOW)
    # No second open request for the pair, in either direction.
    for requester, partner in ((a, b), (b, a)):
        with pytest.raises(ValidationError) as error:
            services.meeting_request_create(requester=requester, partner=partner, now=NOW)
        assert "partner" in error.value.message_dict
    Participant.objects.filter(pk=c.pk).update(status="pending")
    c.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.meeting_request_create(requester=a, partner=c, now=NOW)
    assert "partner" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.meeting_request_create(requester=c, partner=a, now=NOW)
    assert "requester" in error.value.message_dict
    assert MeetingRequest.objects.count() == 1


def test_an_expired_request_never_blocks_the_pair(events_world):
    a, b = events_world.participants["a"], events_world.participants["b"]
    old = services.meeting_request_create(requester=a, partner=b, now=NOW)
    later = NOW + datetime.timedelta(hours=73)
    assert selectors.meeting_request_status(request=old, now=later) == Status.EXPIRED
    assert old.status == Status.PENDING  # not written down yet
    new = services.meeting_request_create(requester=b, partner=a, now=later)
    assert new.pk != old.pk
    # Answering the expired one is refused, and writes the expiry down.
    with pytest.raises(ValidationError) as error:
        services.meeting_request_respond(request=old, by=b, accept=True, now=later)
    assert "request" in error.value.message_dict
    old.refresh_from_db()
    assert old.status == Status.EXPIRED


def test_expire_marks_only_the_overdue_pending_requests(events_world):
    a, b, c = (events_world.participants[k] for k in "abc")
    overdue = services.meeting_request_create(requester=a, partner=b, now=NOW)
    fresh = services.meeting_request_create(
        requester=a, partner=c, now=NOW + datetime.timedelta(hours=48)
    )
    count = services.meeting_requests_expire(
        event=events_world.event, now=NOW + datetime.timedelta(hours=80)
    )
    assert count == 1
    overdue.refresh_from_db(), fresh.refresh_from_db()
    assert (overdue.status, fresh.status) == ("expired", "pending")


def test_only_the_partner_answers(events_world):
    a, b, c = (events_world.participants[k] for k in "abc")
    request = services.meeting_request_create(requester=a, partner=b, now=NOW)
    for someone in (a, c, None):
        with pytest.raises(ValidationError) as error:
            services.meeting_request_respond(request=request, by=someone, accept=True, now=NOW)
        assert "request" in error.value.message_dict
    services.meeting_request_respond(request=request, by=b, accept=False, now=NOW)
    request.refresh_from_db()
    assert (request.status, request.responded_at) == ("declined", NOW)
    with pytest.raises(ValidationError):
        services.meeting_request_respond(request=request, by=b, accept=True, now=NOW)


def test_cancel_drops_the_scheduled_meeting(events_world):
    a, b = events_world.participants["a"], events_world.participants["b"]
    request = services.meeting_add_by_organiser(
        event=events_world.event, requester=a, partner=b, slot=events_world.slots[0], now=NOW
    )
    assert request.scheduled.pinned
    services.meeting_request_cancel(request=request, now=NOW)
    request.refresh_from_db()
    assert request.status == "cancelled"
    assert not ScheduledMeeting.objects.filter(request=request).exists()
    with pytest.raises(ValidationError):
        services.meeting_request_cancel(request=request, now=NOW)


def test_organiser_meeting_is_accepted_and_pinned_at_a_free_table(events_world):
    a, b, c = (events_world.participants[k] for k in "abc")
    slot = events_world.slots[0]
    first = services.meeting_add_by_organiser(
        event=events_world.event, requester=a, partner=b, slot=slot, now=NOW
    )
    assert (first.status, first.by_organiser, first.scheduled.table) == ("accepted", True, 1)
    # A is busy in that slot now.
    with pytest.raises(ValidationError) as error:
        services.meeting_add_by_organiser(
            event=events_world.event, requester=a, partner=c, slot=slot, now=NOW
        )
    assert "slot" in error.value.message_dict
    # Unpinned: accepted, waiting for the schedule.
    second = services.meeting_add_by_organiser(
        event=events_world.event, requester=a, partner=c, now=NOW
    )
    assert second.status == "accepted" and not hasattr(second, "scheduled")


def test_organiser_pin_refused_where_someone_is_unavailable_or_tables_are_full(events_world):
    a, b, c = (events_world.participants[k] for k in "abc")
    slot = events_world.slots[1]
    unavailability_set(participant=c, sessions=[slot])
    with pytest.raises(ValidationError) as error:
        services.meeting_add_by_organiser(
            event=events_world.event, requester=a, partner=c, slot=slot, now=NOW
        )
    assert "slot" in error.value.message_dict
    events_world.event.tables = 1
    events_world.event.save()
    services.meeting_add_by_organiser(
        event=events_world.event, requester=a, partner=b, slot=events_world.slots[2], now=NOW
    )
    extra = Participant.objects.create(
        event=events_world.event, organisation=events_world.organisations["c"], name="Example D",
        email="d@example.org", status="approved",
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.meeting_add_by_organiser(
            event=events_world.event,
            requester=c,
            partner=extra,
            slot=events_world.slots[2],
            now=NOW,
        )
    assert "slot" in error.value.message_dict
    assert MeetingRequest.objects.count() == 1
