"""The demo's example meetings get an example agenda, minutes, decisions and carried-over actions."""

from __future__ import annotations

import datetime

import pytest

from clusterdialogue.dialogue.meetings import selectors
from clusterdialogue.dialogue.meetings.services import meeting_examples_load
from clusterdialogue.dialogue.models import ActionItem, Meeting
from clusterdialogue.testing.factories import dialogue as factories_dialogue

pytestmark = pytest.mark.django_db


def test_a_group_without_meetings_gets_one_example_meeting(client):
    group = factories_dialogue.WorkingGroupFactory()
    meeting_examples_load(group=group)
    meeting_examples_load(group=group)
    meeting = Meeting.objects.get(group=group)
    assert meeting.is_example and meeting.published_at is not None
    assert meeting.agenda_items.count() == 4
    assert all(i.title.startswith("Example") for i in meeting.agenda_items.all())
    assert meeting.decisions.get().text.startswith("Example decision")
    assert ActionItem.objects.get(meeting=meeting).status == "open"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "This is an example meeting" in page and "Example minutes" in page


def test_earlier_example_meetings_action_is_carried_over():
    group = factories_dialogue.WorkingGroupFactory()
    today = datetime.date.today()
    older = factories_dialogue.MeetingFactory(
        group=group, number=1, start=today - datetime.timedelta(days=400)
    )
    newer = factories_dialogue.MeetingFactory(
        group=group, number=2, start=today - datetime.timedelta(days=200)
    )
    upcoming = factories_dialogue.MeetingFactory(
        group=group, number=3, start=today + datetime.timedelta(days=100), status="proposed"
    )
    filled = meeting_examples_load(group=group)
    assert [m.pk for m in filled] == [older.pk, newer.pk]
    assert Meeting.objects.filter(group=group).count() == 3  # none of its own
    carried = list(selectors.action_open_before(meeting=newer))
    assert [a.meeting_id for a in carried] == [older.pk]
    assert len(selectors.action_open_before(meeting=upcoming)) == 2
    assert not upcoming.agenda_items.exists()
