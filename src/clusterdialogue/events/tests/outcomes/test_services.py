"""Meeting outcomes: recorded after the meeting by either participant, into the pipeline."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from clusterdialogue.collaboration.models import Collaboration
from clusterdialogue.collaboration.network.selectors import network_relations_build
from clusterdialogue.events.models import MeetingOutcome, ScheduledMeeting
from clusterdialogue.events.outcomes.services import meeting_outcome_record
from clusterdialogue.events.tests.conftest import meet

pytestmark = pytest.mark.django_db


def test_a_follow_up_creates_an_established_collaboration_of_both_organisations(past_world):
    w = past_world
    meeting = meet(w, "a", "b", 0)
    outcome = meeting_outcome_record(
        meeting=meeting, kind="follow_up", note="Call in June", by=w.participants["a"],
        user=w.user("manager"),
    )  # fmt: skip
    collaboration = outcome.collaboration
    assert collaboration is not None
    assert set(collaboration.partners.all()) == {w.organisations["a"], w.organisations["b"]}
    assert collaboration.kind == Collaboration.Kind.BILATERAL
    assert collaboration.stage == Collaboration.Stage.MEETING
    assert collaboration.started_on == datetime.date(2025, 5, 6)
    assert "Example B2B event" in collaboration.title
    assert "Example B2B event" in collaboration.description
    assert "Call in June" in collaboration.description
    assert collaboration.is_example  # the event is an example
    meeting.refresh_from_db()
    assert meeting.status == ScheduledMeeting.Status.HELD
    # The network graph reads it as a relation between A and B (examples included).
    graph = network_relations_build(
        user=w.user("secretariat"), network=w.network, include_examples=True
    )
    assert len(graph.edges) == 1


def test_changing_the_outcome_updates_the_same_entry_and_nothing_closes_it(past_world):
    w = past_world
    meeting = meet(w, "a", "b", 0)
    first = meeting_outcome_record(
        meeting=meeting, kind="follow_up", by=w.participants["a"], user=w.user("manager")
    )
    second = meeting_outcome_record(
        meeting=meeting, kind="joint_application", by=w.participants["b"], user=w.user("partner")
    )
    assert second.pk == first.pk and second.collaboration_id == first.collaboration_id
    assert Collaboration.objects.count() == 1
    second.collaboration.refresh_from_db()
    assert second.collaboration.kind == Collaboration.Kind.JOINT_APPLICATION
    assert second.recorded_by == w.participants["b"]
    third = meeting_outcome_record(meeting=meeting, kind="nothing", user=w.user("partner"))
    third.collaboration.refresh_from_db()
    assert third.collaboration.stage == Collaboration.Stage.CLOSED


def test_nothing_creates_no_entry(past_world):
    w = past_world
    outcome = meeting_outcome_record(
        meeting=meet(w, "a", "b", 0), kind="nothing", by=w.participants["a"], user=w.user("manager")
    )
    assert outcome.collaboration is None and not Collaboration.objects.exists()


def test_someone_who_does_not_act_for_either_organisation_records_without_pipeline(past_world):
    w = past_world
    outcome = meeting_outcome_record(
        meeting=meet(w, "a", "c", 0), kind="agreement", user=w.user("organiser")
    )
    assert outcome.kind == "agreement" and outcome.collaboration is None
    assert not Collaboration.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "maybe"}, "kind"),
        ({"by": "c"}, "participant"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(past_world, change, field):
    w = past_world
    meeting = meet(w, "a", "b", 0)
    arguments = {
        "meeting": meeting,
        "kind": "follow_up",
        "by": w.participants["a"],
        "user": w.user("manager"),
    }
    arguments.update(change)
    if arguments["by"] == "c":
        arguments["by"] = w.participants["c"]
    with pytest.raises(ValidationError) as error:
        meeting_outcome_record(**arguments)
    assert field in error.value.message_dict
    assert not MeetingOutcome.objects.exists() and not Collaboration.objects.exists()


def test_no_outcome_before_the_meeting_nor_for_a_no_show(events_world, past_world):
    w = past_world
    meeting = meet(w, "a", "b", 0)
    with pytest.raises(ValidationError) as error:
        meeting_outcome_record(
            meeting=meeting, kind="follow_up", user=w.user("manager"),
            now=meeting.session.start,
        )  # fmt: skip
    assert "meeting" in error.value.message_dict
    ScheduledMeeting.objects.filter(pk=meeting.pk).update(status="no_show")
    with pytest.raises(ValidationError) as error:
        meeting_outcome_record(meeting=meeting, kind="follow_up", user=w.user("manager"))
    assert "meeting" in error.value.message_dict
    assert not MeetingOutcome.objects.exists()
