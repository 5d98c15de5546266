"""The outcome page, reached from the participant's agenda."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clusterdialogue.events.models import MeetingOutcome
from clusterdialogue.events.tests.conftest import meet

pytestmark = pytest.mark.django_db


def test_the_agenda_offers_the_outcome_of_a_past_meeting_and_records_it(client, past_world):
    w = past_world
    meeting = meet(w, "a", "b", 1, table=2)
    client.force_login(w.user("manager"))
    agenda = client.get(reverse("events:agenda", args=[w.event.slug]))
    url = reverse("events:outcome-record", args=[w.event.slug, meeting.pk])
    assert url in agenda.content.decode()
    page = client.get(url)
    assert page.status_code == 200 and "Follow-up planned" in page.content.decode()
    answer = client.post(url, {"kind": "joint_application", "note": "Horizon call"}, follow=True)
    outcome = MeetingOutcome.objects.get(meeting=meeting)
    assert outcome.kind == "joint_application" and outcome.collaboration is not None
    assert "Joint application" in answer.content.decode()
    assert outcome.collaboration.get_absolute_url() in answer.content.decode()


def test_a_refused_outcome_names_the_problem_on_the_page(client, events_world):
    w = events_world  # in 2031: the meeting is not over yet
    meeting = meet(w, "a", "b", 0)
    client.force_login(w.user("manager"))
    url = reverse("events:outcome-record", args=[w.event.slug, meeting.pk])
    page = client.post(url, {"kind": "follow_up"})
    assert page.status_code == 200
    assert "has not taken place yet" in page.content.decode()
    assert not MeetingOutcome.objects.exists()
