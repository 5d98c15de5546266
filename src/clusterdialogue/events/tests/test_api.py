"""The events API: events, participants, my requests (with answering), my agenda."""

from __future__ import annotations

import pytest

from clusterdialogue.events.b2b import services as b2b
from clusterdialogue.events.models import MeetingRequest

pytestmark = pytest.mark.django_db


def test_events_are_read_by_everyone_and_internal_ones_hidden(client, events_world):
    rows = client.get("/api/events/").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert [r["slug"] for r in rows] == ["example-b2b"]
    detail = client.get("/api/events/example-b2b/").json()
    assert detail["host_territory"] == "QX1" and len(detail["programme"]) == 4
    events_world.event.is_public = False
    events_world.event.save()
    assert client.get("/api/events/example-b2b/").status_code == 404
    client.force_login(events_world.user("manager"))  # a participant still sees it
    assert client.get("/api/events/example-b2b/").status_code == 200


def _rows(response):
    data = response.json()
    return data["results"] if isinstance(data, dict) else data


def test_participants_for_participants_and_organisers_only(client, events_world):
    assert client.get("/api/event-participants/").status_code in (401, 403)
    client.force_login(events_world.user("outsider"))
    assert _rows(client.get("/api/event-participants/")) == []
    client.force_login(events_world.user("manager"))
    names = {r["name"] for r in _rows(client.get("/api/event-participants/?event=example-b2b"))}
    assert names == {"Example person A", "Example person B", "Example person C"}
    assert "email" not in _rows(client.get("/api/event-participants/"))[0]


def test_the_partner_answers_through_the_api_and_the_agenda_follows(client, events_world):
    a, b = events_world.participants["a"], events_world.participants["b"]
    request = b2b.meeting_request_create(requester=a, partner=b)
    url = f"/api/event-requests/{request.pk}/respond/"
    client.force_login(events_world.user("manager"))  # the requester may not answer
    assert client.post(url, {"answer": "accept"}).status_code == 403
    client.force_login(events_world.user("partner"))
    assert client.post(url, {"answer": "maybe"}).status_code == 400
    answer = client.post(url, {"answer": "accept"})
    assert answer.status_code == 200 and answer.json()["status"] == "accepted"
    assert MeetingRequest.objects.get(pk=request.pk).status == "accepted"
    assert client.post(url, {"answer": "decline"}).status_code == 400  # answered already
    from clusterdialogue.events.schedule.services import event_schedule

    event_schedule(event=events_world.event, time_limit=2, workers=1)
    agenda = _rows(client.get("/api/event-agenda/?event=example-b2b"))
    assert [(r["participant"], r["partner"], r["table"]) for r in agenda] == [
        ("Example person B", "Example person A", 1)
    ]
    assert agenda[0]["partner_organisation"] == "example-cluster-a"
