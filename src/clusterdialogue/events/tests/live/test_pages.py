"""The live view and the printable lists per table (organisers only)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clusterdialogue.events.b2b import services as b2b
from clusterdialogue.events.models import ScheduledMeeting
from clusterdialogue.events.tests.conftest import meet

pytestmark = pytest.mark.django_db


def test_the_live_view_marks_and_places(client, events_world):
    w = events_world
    ab = meet(w, "a", "b", 0, table=1)
    client.force_login(w.user("organiser"))
    url = reverse("events:live", args=[w.event.slug])
    page = client.get(url).content.decode()
    assert "Example person A" in page and "Scheduled" in page
    client.post(reverse("events:meeting-mark", args=[w.event.slug, ab.pk]), {"status": "no_show"})
    leftover = b2b.meeting_add_by_organiser(
        event=w.event, requester=w.participants["a"], partner=w.participants["c"]
    )
    page = client.get(url).content.decode()
    assert "freed by no-shows" in page and "Place here" in page
    answer = client.post(
        reverse("events:meeting-place", args=[w.event.slug]),
        {"request": leftover.pk, "slot": w.slots[0].pk, "table": 1},
        follow=True,
    )
    assert "meets at table 1" in answer.content.decode()
    assert ScheduledMeeting.objects.filter(request=leftover, session=w.slots[0], table=1).exists()
    refused = client.post(
        reverse("events:meeting-place", args=[w.event.slug]),
        {"request": leftover.pk, "slot": w.slots[1].pk, "table": 2},
        follow=True,
    )
    assert "has its slot already" in refused.content.decode()


def test_the_printable_lists_per_table(client, events_world):
    w = events_world
    meet(w, "a", "b", 0, table=2)
    client.force_login(w.user("organiser"))
    page = client.get(reverse("events:table-lists", args=[w.event.slug])).content.decode()
    assert "Table 1" in page and "Table 2" in page and "@media print" in page
    assert "Example person B" in page


@pytest.mark.parametrize("role", ["outsider", "manager"])
def test_participants_and_outsiders_get_no_live_view(client, events_world, role):
    client.force_login(events_world.user(role))
    for name in ("live", "table-lists"):
        assert (
            client.get(reverse(f"events:{name}", args=[events_world.event.slug])).status_code == 403
        )
