"""Outcomes and the report through the API."""

from __future__ import annotations

import pytest

from clusterdialogue.events.models import MeetingOutcome
from clusterdialogue.events.tests.conftest import meet

pytestmark = pytest.mark.django_db


def test_a_participant_records_an_outcome_through_the_agenda_api(client, past_world):
    w = past_world
    meeting = meet(w, "a", "b", 0)
    url = f"/api/event-agenda/{meeting.pk}/outcome/"
    assert client.post(url, {"kind": "follow_up"}).status_code in (401, 403)
    client.force_login(w.user("outsider"))  # not their meeting: not even found
    assert client.post(url, {"kind": "follow_up"}).status_code == 404
    client.force_login(w.user("partner"))
    refused = client.post(url, {"kind": "maybe"})
    assert refused.status_code == 400 and "kind" in refused.json()
    answer = client.post(url, {"kind": "agreement", "note": "MoU signed"})
    assert answer.status_code == 200
    data = answer.json()
    assert data["status"] == "held" and data["outcome"]["kind"] == "agreement"
    assert data["outcome"]["collaboration"] is not None
    assert MeetingOutcome.objects.get(meeting=meeting).recorded_by == w.participants["b"]


def test_the_report_api_is_for_the_organisers(client, past_world):
    w = past_world
    meet(w, "a", "b", 0)
    url = f"/api/event-report/{w.event.slug}/"
    client.force_login(w.user("manager"))
    assert client.get(url).status_code == 403
    client.force_login(w.user("organiser"))
    data = client.get(url).json()
    assert data["overall"]["scheduled"] == 1 and data["overall"]["cross_territory"] == 0
    assert [row["label"] for row in data["territories"]] == ["Example territory"]
