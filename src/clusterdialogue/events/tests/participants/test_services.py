"""Registration (window, cap per cluster, duplicate e-mail), approval and unavailability."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from clusterdialogue.events.b2b import services as b2b
from clusterdialogue.events.models import MeetingRequest, Participant, Unavailability
from clusterdialogue.events.participants import services
from clusterdialogue.events.tests.conftest import BERLIN

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2031, 4, 1, 12, tzinfo=BERLIN)


def _register(world, **extra):
    fields = {
        "event": world.event,
        "organisation": world.organisations["a"],
        "name": "Example newcomer",
        "email": "Newcomer@Example.org",
        "now": NOW,
    } | extra
    return services.participant_register(**fields)


def test_register_waits_for_approval_with_the_email_in_lower_case(events_world):
    participant = _register(events_world)
    assert participant.status == "pending"
    assert participant.email == "newcomer@example.org"


def test_registration_window_in_the_event_s_days(events_world):
    event = events_world.event
    event.registration_opens = datetime.date(2031, 4, 2)
    event.registration_closes = datetime.date(2031, 4, 30)
    event.save()
    with pytest.raises(ValidationError) as error:
        _register(events_world)
    assert "event" in error.value.message_dict
    # 23:30 UTC on 1 April is already 2 April (01:30) in Berlin: the window is open there.
    late = datetime.datetime(2031, 4, 1, 23, 30, tzinfo=datetime.UTC)
    assert _register(events_world, now=late).pk
    with pytest.raises(ValidationError):
        _register(events_world, email="late@example.org", now=NOW.replace(month=5))
    # Without a closing date, registration closes after the last day.
    event.registration_closes = None
    event.save()
    assert services.registration_is_open(event=event, now=NOW.replace(month=5, day=7))
    assert not services.registration_is_open(event=event, now=NOW.replace(month=5, day=8))


def test_duplicate_email_is_refused(events_world):
    with pytest.raises(ValidationError) as error:
        _register(events_world, email="PERSON-A@example.org")
    assert "email" in error.value.message_dict


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"name": " "}, "name"),
        ({"email": "not an address"}, "email"),
        ({"organisation": None}, "organisation"),
        ({"type": "spy"}, "type"),
    ],
)
def test_bad_fields_are_named(events_world, extra, field):
    before = Participant.objects.count()
    with pytest.raises(ValidationError) as error:
        _register(events_world, **extra)
    assert field in error.value.message_dict
    assert Participant.objects.count() == before


def test_cap_per_cluster_counts_waiting_and_approved_registrations(events_world):
    event = events_world.event
    event.cap_per_cluster = 2
    event.save()
    _register(events_world, email="second@example.org")
    with pytest.raises(ValidationError) as error:
        _register(events_world, email="third@example.org")
    assert "organisation" in error.value.message_dict
    # A declined registration frees its place.
    services.participant_decline(participant=Participant.objects.get(email="second@example.org"))
    assert _register(events_world, email="third@example.org").pk


def test_approve_and_decline(events_world):
    participant = _register(events_world)
    services.participant_approve(participant=participant)
    participant.refresh_from_db()
    assert participant.status == "approved" and participant.decided_at
    with pytest.raises(ValidationError) as error:
        services.participant_approve(participant=participant)
    assert "status" in error.value.message_dict


def test_declining_cancels_the_participant_s_open_requests(events_world):
    a, b = events_world.participants["a"], events_world.participants["b"]
    request = b2b.meeting_request_create(requester=a, partner=b)
    services.participant_decline(participant=a)
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.CANCELLED


def test_unavailability_replaces_and_only_takes_meeting_slots(events_world):
    a = events_world.participants["a"]
    one, two, _three = events_world.slots
    services.unavailability_set(participant=a, sessions=[one, two])
    services.unavailability_set(participant=a, sessions=[two])
    assert list(Unavailability.objects.filter(participant=a).values_list("session", flat=True)) == [
        two.pk
    ]
    talk = events_world.event.sessions.get(kind="talk")
    with pytest.raises(ValidationError) as error:
        services.unavailability_set(participant=a, sessions=[one, talk])
    assert "sessions" in error.value.message_dict
    assert Unavailability.objects.filter(participant=a).count() == 1


def test_withdrawing_leaves_the_event_and_frees_the_pair(events_world):
    a, b = events_world.participants["a"], events_world.participants["b"]
    request = b2b.meeting_add_by_organiser(
        event=events_world.event, requester=a, partner=b, slot=events_world.slots[0]
    )
    services.participant_withdraw(participant=a)
    a.refresh_from_db(), request.refresh_from_db()
    assert (a.status, request.status) == ("withdrawn", "cancelled")
    assert not hasattr(request, "scheduled") or not request.scheduled
    with pytest.raises(ValidationError) as error:
        services.participant_withdraw(participant=a)
    assert "status" in error.value.message_dict
