"""The matching engine's proposals for an event: host-territory clusters for the delegation to
meet, and clusters to invite, with reasons; for the event's managers only.

World: ``recommendation_world`` (example profiles in three territories); the event is hosted
by territory 2 and the delegation is the ``query`` cluster of territory 1.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from clusterdialogue.events.models import Event, Participant
from clusterdialogue.events.proposals.selectors import (
    event_invitation_proposals,
    event_meeting_proposals,
)
from clusterdialogue.testing.factories import clusters as factories_clusters

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission(recommendation_world):
    w = recommendation_world
    event = Event.objects.create(
        kind="mission", title="Example mission to territory 2", slug="example-mission",
        network=w["network"], host_territory=w["territories"][2],
        start=dt.date.today() + dt.timedelta(days=30), end=dt.date.today() + dt.timedelta(days=31),
    )  # fmt: skip
    organiser = factories_clusters.UserFactory(username="example_mission_organiser")
    event.organisers.add(organiser)
    return {**w, "event": event, "organiser": organiser}


def _delegate(world, key, status="approved"):
    return Participant.objects.create(
        event=world["event"], organisation=world[key], name=f"Example person {key}",
        email=f"{key}@example.org", type="delegation", status=status,
    )  # fmt: skip


def _slugs(proposals):
    return [p.organisation.slug for p in proposals]


def test_the_delegation_meets_host_clusters_with_reasons(mission):
    _delegate(mission, "query")
    meet = event_meeting_proposals(event=mission["event"])
    assert set(_slugs(meet)) == {"similar", "similar-too"}
    assert [p.score for p in meet] == sorted((p.score for p in meet), reverse=True)
    for proposal in meet:
        ((partner, score, reasons),) = proposal.pairs
        assert partner == mission["query"] and score == proposal.score and reasons


def test_a_pending_participant_is_not_yet_the_delegation(mission):
    _delegate(mission, "query", status="pending")
    assert event_meeting_proposals(event=mission["event"]) == []


def test_invitations_come_from_outside_the_host_territory_and_not_registered(mission):
    _delegate(mission, "query")
    invite = _slugs(event_invitation_proposals(event=mission["event"]))
    assert invite and "query" not in invite
    assert not {"similar", "similar-too"} & set(invite)  # the host territory's own
    assert "same-territory" in invite


def test_without_a_delegation_invitations_match_the_host_clusters(mission):
    invite = _slugs(event_invitation_proposals(event=mission["event"]))
    assert "query" in invite and not {"similar", "similar-too"} & set(invite)


@pytest.mark.parametrize(("who", "status"), [("organiser", 200), ("outsider", 403)])
def test_the_page_is_for_the_event_managers(client, mission, who, status):
    _delegate(mission, "query")
    user = mission["organiser"] if who == "organiser" else factories_clusters.UserFactory()
    client.force_login(user)
    response = client.get(reverse("events:proposals", args=["example-mission"]))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Example similar" in page and "Example query" in page
        assert "Clusters to invite to the delegation" in page


def test_anonymous_is_sent_to_sign_in(client, mission):
    response = client.get(reverse("events:proposals", args=["example-mission"]))
    assert response.status_code == 302
