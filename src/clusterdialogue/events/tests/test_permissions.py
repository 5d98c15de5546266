"""Every role × every write of the events app, on the pages and in the API.

The world (``events_world``): a public example B2B event organised by ``organiser``; ``manager``
and ``partner`` manage Example clusters A and B and take part for them (approved); C takes
part without an account; a signed-in ``outsider``, the ``secretariat`` and the anonymous public.
A role missing from ``expected`` is refused and nothing is stored.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from clusterdialogue.events.b2b import services as b2b
from clusterdialogue.events.models import (
    Event,
    MeetingOutcome,
    MeetingRequest,
    Participant,
    ScheduledMeeting,
    Session,
    Unavailability,
)
from clusterdialogue.events.participants.selectors import organisations_user_acts_for
from clusterdialogue.events.tests.conftest import ROLES, at
from clusterdialogue.testing.permissions import (
    APPLIED,
    Action,
    assert_rules_exercised,
    check_action,
)

pytestmark = pytest.mark.django_db

MANAGERS = {"organiser": APPLIED, "secretariat": APPLIED}


def _url(world, name: str, *extra) -> str:
    return reverse(f"events:{name}", args=[world.event.slug, *extra])


def _event(world, state) -> Event:
    return world.event


def _signed_in(client):
    pk = client.session.get("_auth_user_id")
    return get_user_model().objects.filter(pk=pk).first() if pk else None


def _acting_organisation(client, world):
    """The first organisation the signed-in user acts for (else A, which the form refuses)."""
    user = _signed_in(client)
    acting = organisations_user_acts_for(user=user).order_by("name").first() if user else None
    return acting or world.organisations["a"]


def _pending(world) -> dict:
    return {
        "participant": Participant.objects.create(
            event=world.event, organisation=world.organisations["c"], name="Example waiting",
            email="waiting@example.org",
        )
    }  # fmt: skip


def _request_ab(world) -> dict:
    a, b = world.participants["a"], world.participants["b"]
    return {"request": b2b.meeting_request_create(requester=a, partner=b)}


def _accepted_ab(world) -> dict:
    state = _request_ab(world)
    b2b.meeting_request_respond(request=state["request"], by=world.participants["b"], accept=True)
    return state


def _with_talk(world) -> dict:
    return {
        "session": Session.objects.create(
            event=world.event, kind="talk", title="Talk under test", start=at(7, 9), end=at(7, 10)
        )
    }


def _past_meeting_ab(world) -> dict:
    """A meeting of A and B in a slot that is over (May 2025)."""
    slot = Session.objects.create(
        event=world.event, kind="meetings", title="Past meetings",
        start=at(6, 9).replace(year=2025), end=at(6, 9, 30).replace(year=2025),
    )  # fmt: skip
    request = b2b.meeting_add_by_organiser(
        event=world.event, requester=world.participants["a"], partner=world.participants["b"]
    )
    return {"meeting": ScheduledMeeting.objects.create(request=request, session=slot, table=1)}


def _meeting_ab(world) -> dict:
    request = b2b.meeting_add_by_organiser(
        event=world.event, requester=world.participants["a"], partner=world.participants["b"]
    )
    return {
        "meeting": ScheduledMeeting.objects.create(request=request, session=world.slots[0], table=1)
    }


def _leftover_ac(world) -> dict:
    return {
        "request": b2b.meeting_add_by_organiser(
            event=world.event, requester=world.participants["a"], partner=world.participants["c"]
        )
    }


def _status(state, status: str) -> bool:
    return MeetingRequest.objects.filter(pk=state["request"].pk, status=status).exists()


ACTIONS = [
    Action(
        "page: create an event",
        lambda c, w, s: c.post(
            reverse("events:event-create"),
            {
                "kind": "mission",
                "title": "Created mission",
                "host_territory": w.territory.pk,
                "timezone": "Europe/Brussels",
                "start": "2031-10-01",
                "tables": 5,
                "request_expiry_hours": 48,
            },
        ),
        lambda w, s: Event.objects.filter(title="Created mission").exists(),
        {"secretariat": APPLIED},
        rule="events.create_event",
        rule_object=lambda w, s: None,
    ),
    Action(
        "page: edit the event",
        lambda c, w, s: c.post(
            _url(w, "event-edit"),
            {
                "kind": "brokerage",
                "title": "Renamed event",
                "host_territory": w.territory.pk,
                "timezone": "Europe/Berlin",
                "start": "2031-05-06",
                "end": "2031-05-07",
                "tables": 2,
                "request_expiry_hours": 72,
                "is_public": "on",
                "organisers": [w.user("organiser").pk],
            },
        ),
        lambda w, s: Event.objects.filter(pk=w.event.pk, title="Renamed event").exists(),
        MANAGERS,
        rule="events.manage_event",
        rule_object=_event,
    ),
    Action(
        "page: add a programme item",
        lambda c, w, s: c.post(
            _url(w, "session-add"),
            {
                "kind": "visit",
                "title": "Added visit",
                "start": "2031-05-07T14:00",
                "end": "2031-05-07T16:00",
            },
        ),
        lambda w, s: Session.objects.filter(title="Added visit").exists(),
        MANAGERS,
        rule="events.manage_event",
        rule_object=_event,
    ),
    Action(
        "page: remove a programme item",
        lambda c, w, s: c.post(_url(w, "session-remove", s["session"].pk)),
        lambda w, s: not Session.objects.filter(pk=s["session"].pk).exists(),
        MANAGERS,
        setup=_with_talk,
        rule="events.manage_event",
        rule_object=_event,
    ),
    Action(
        "page: register for a cluster one acts for",
        lambda c, w, s: c.post(
            _url(w, "register"),
            {
                "organisation": _acting_organisation(c, w).pk,
                "name": "Example newcomer",
                "email": "newcomer@example.org",
            },
        ),
        lambda w, s: Participant.objects.filter(email="newcomer@example.org").exists(),
        {"manager": APPLIED, "partner": APPLIED, "secretariat": APPLIED},
        rule="participants.register",
        rule_object=_event,
    ),
    Action(
        "page: approve a registration",
        lambda c, w, s: c.post(
            _url(w, "participant-decide", s["participant"].pk), {"decision": "approve"}
        ),
        lambda w, s: Participant.objects.filter(pk=s["participant"].pk, status="approved").exists(),
        MANAGERS,
        setup=_pending,
        rule="participants.decide",
        rule_object=lambda w, s: s["participant"],
    ),
    Action(
        "page: decline a registration",
        lambda c, w, s: c.post(
            _url(w, "participant-decide", s["participant"].pk), {"decision": "decline"}
        ),
        lambda w, s: Participant.objects.filter(pk=s["participant"].pk, status="declined").exists(),
        MANAGERS,
        setup=_pending,
        rule="participants.decide",
        rule_object=lambda w, s: s["participant"],
    ),
    Action(
        "page: withdraw A's registration",
        lambda c, w, s: c.post(_url(w, "participant-withdraw", w.participants["a"].pk)),
        lambda w, s: Participant.objects.filter(
            pk=w.participants["a"].pk, status="withdrawn"
        ).exists(),
        {"manager": APPLIED, **MANAGERS},
        rule="participants.withdraw",
        rule_object=lambda w, s: w.participants["a"],
    ),
    Action(
        "page: set A's unavailability",
        lambda c, w, s: c.post(
            _url(w, "unavailability") + f"?participant={w.participants['a'].pk}",
            {"sessions": [w.slots[0].pk]},
        ),
        lambda w, s: Unavailability.objects.filter(participant=w.participants["a"]).exists(),
        {"manager": APPLIED, **MANAGERS},
        rule="participants.set_unavailability",
        rule_object=lambda w, s: w.participants["a"],
    ),
    Action(
        "page: request a meeting with C",
        lambda c, w, s: c.post(
            _url(w, "request-create", w.participants["c"].pk), {"priority": 2, "message": "Hi"}
        ),
        lambda w, s: MeetingRequest.objects.filter(partner=w.participants["c"]).exists(),
        {"manager": APPLIED, "partner": APPLIED},
        rule="b2b.request_meeting",
        rule_object=lambda w, s: w.participants["c"],
    ),
    Action(
        "page: accept a request to B",
        lambda c, w, s: c.post(_url(w, "request-respond", s["request"].pk), {"answer": "accept"}),
        lambda w, s: _status(s, "accepted"),
        {"partner": APPLIED},
        setup=_request_ab,
        rule="b2b.respond",
        rule_object=lambda w, s: s["request"],
    ),
    Action(
        "api: decline a request to B",
        lambda c, w, s: c.post(
            f"/api/event-requests/{s['request'].pk}/respond/", {"answer": "decline"}
        ),
        lambda w, s: _status(s, "declined"),
        {"partner": APPLIED},
        setup=_request_ab,
        api=True,
        rule="b2b.respond",
        rule_object=lambda w, s: s["request"],
    ),
    Action(
        "page: cancel A's request",
        lambda c, w, s: c.post(_url(w, "request-cancel", s["request"].pk)),
        lambda w, s: _status(s, "cancelled"),
        {"manager": APPLIED, **MANAGERS},
        setup=_request_ab,
        rule="b2b.cancel",
        rule_object=lambda w, s: s["request"],
    ),
    Action(
        "page: add a meeting pinned to a slot",
        lambda c, w, s: c.post(
            _url(w, "meeting-add"),
            {
                "requester": w.participants["a"].pk,
                "partner": w.participants["c"].pk,
                "priority": 2,
                "slot": w.slots[2].pk,
            },
        ),
        lambda w, s: ScheduledMeeting.objects.filter(pinned=True, session=w.slots[2]).exists(),
        MANAGERS,
        rule="b2b.add_meeting",
        rule_object=_event,
    ),
    Action(
        "page: record the outcome of A and B's meeting",
        lambda c, w, s: c.post(
            _url(w, "outcome-record", s["meeting"].pk), {"kind": "nothing", "note": "No fit"}
        ),
        lambda w, s: MeetingOutcome.objects.filter(meeting=s["meeting"], kind="nothing").exists(),
        {"manager": APPLIED, "partner": APPLIED, **MANAGERS},
        setup=_past_meeting_ab,
        rule="outcomes.record",
        rule_object=lambda w, s: s["meeting"],
    ),
    Action(
        "page: mark A and B's meeting a no-show",
        lambda c, w, s: c.post(_url(w, "meeting-mark", s["meeting"].pk), {"status": "no_show"}),
        lambda w, s: ScheduledMeeting.objects.filter(pk=s["meeting"].pk, status="no_show").exists(),
        MANAGERS,
        setup=_meeting_ab,
        rule="live.mark",
        rule_object=lambda w, s: s["meeting"],
    ),
    Action(
        "page: place a left-over request at a free table",
        lambda c, w, s: c.post(
            _url(w, "meeting-place"),
            {"request": s["request"].pk, "slot": w.slots[1].pk, "table": 2},
        ),
        lambda w, s: ScheduledMeeting.objects.filter(request=s["request"], table=2).exists(),
        MANAGERS,
        setup=_leftover_ac,
        rule="live.place",
        rule_object=_event,
    ),
    Action(
        "page: run the schedule",
        lambda c, w, s: c.post(_url(w, "schedule")),
        lambda w, s: ScheduledMeeting.objects.filter(request=s["request"]).exists(),
        MANAGERS,
        setup=_accepted_ab,
        rule="schedule.run",
        rule_object=_event,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_role_may_or_may_not(client, events_world, action: Action, role: str):
    check_action(client, events_world, action, role)


@pytest.mark.parametrize(
    ("feature", "elsewhere"),
    [
        (
            "events",
            {
                "events.view_event": "reading: test_pages (internal events answer 404), test_api",
                "events.view_participants": "reading: test_pages.test_an_outsider_gets_no_participant_pages",
            },
        ),
        ("participants", {}),
        ("b2b", {}),
        ("outcomes", {}),
        ("live", {}),
        ("report", {"report.view": "reading: report/test_report.py (page, CSV, PDF refused)"}),
        ("schedule", {"schedule.view_agenda": "reading: test_ics, test_pages (the agenda)"}),
    ],
)
def test_every_rule_is_exercised(feature, elsewhere):
    assert_rules_exercised(feature, ACTIONS, elsewhere=elsewhere)
