"""Meetings end to end on the pages: agenda, registration, minutes, carry-over, the next meeting."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from clusterdialogue.dialogue.meetings import selectors, services
from clusterdialogue.dialogue.models import ActionItem, AgendaItem, Meeting, Registration

pytestmark = pytest.mark.django_db


def _url(world, name: str, *extra) -> str:
    return reverse(f"dialogue:{name}", args=[world.group.slug, world.meeting.number, *extra])


def test_list_shows_upcoming_and_past_with_example_badge(client, meetings_world):
    services.meeting_create(
        group=meetings_world.group, start=datetime.date(2020, 3, 3), title="Old one"
    )
    page = client.get(reverse("dialogue:meeting-list", args=["example-dialogue"])).content.decode()
    assert "Upcoming meetings" in page and "Past meetings" in page
    assert page.index("Example meeting 1") < page.index("Old one")
    assert "Example</span>" in page


def test_manager_builds_agenda_and_member_registers(client, meetings_world):
    w = meetings_world
    client.force_login(w.user("chair"))
    for title in ("Welcome", "Tour de table", "Next steps"):
        response = client.post(
            _url(w, "meeting-agenda-add"), {"title": title, "duration_minutes": 20}
        )
        assert response.status_code == 302
    items = list(w.meeting.agenda_items.all())
    assert [i.title for i in items] == ["Welcome", "Tour de table", "Next steps"]
    client.post(_url(w, "meeting-agenda-change", items[2].pk), {"do": "up"})
    client.post(_url(w, "meeting-agenda-change", items[0].pk), {"do": "remove"})
    assert [i.title for i in w.meeting.agenda_items.all()] == ["Next steps", "Tour de table"]
    assert [i.order for i in w.meeting.agenda_items.all()] == [1, 2]

    client.force_login(w.user("member"))
    response = client.post(
        _url(w, "meeting-register"),
        {"mode": "remote", "dietary_notes": "Vegetarian", "accessibility_notes": ""},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(meeting=w.meeting)
    assert registration.member == w.members["member"] and registration.mode == "remote"
    assert mail.outbox[-1].to == ["member@example.org"]
    assert "registered" in mail.outbox[-1].body
    page = client.get(w.meeting.get_absolute_url()).content.decode()
    assert "You are registered (Remote)." in page
    client.force_login(w.user("outsider"))
    page = client.get(w.meeting.get_absolute_url()).content.decode()
    assert "1 person registered." in page and "Vegetarian" not in page  # the list is for managers
    client.force_login(w.user("chair"))
    assert "Vegetarian" in client.get(w.meeting.get_absolute_url()).content.decode()


def test_minutes_are_read_once_published(client, meetings_world):
    w = meetings_world
    item = services.agenda_item_add(meeting=w.meeting, title="Mutual learning")
    client.force_login(w.user("chair"))
    client.post(_url(w, "meeting-minutes"), {f"minute-{item.pk}": "Lyon presented its programme."})
    client.post(
        _url(w, "meeting-decision-add"), {"text": "Hold a peer review in 2032.", "item": item.pk}
    )
    client.logout()
    page = client.get(w.meeting.get_absolute_url()).content.decode()
    assert "Lyon presented" not in page and "The minutes are not published yet." in page
    assert client.get(_url(w, "meeting-minutes-pdf")).status_code == 403
    client.force_login(w.user("chair"))
    client.post(_url(w, "meeting-publish"), {"publish": "1"})
    client.logout()
    page = client.get(w.meeting.get_absolute_url()).content.decode()
    assert "Lyon presented its programme." in page and "Hold a peer review in 2032." in page
    archive = client.get(reverse("dialogue:minutes-archive", args=[w.group.slug]))
    assert "Lyon presented" in archive.content.decode()
    searched = client.get(
        reverse("dialogue:minutes-archive", args=[w.group.slug]), {"q": "nothing-like-this"}
    )
    assert "Lyon presented" not in searched.content.decode()
    by_year = client.get(reverse("dialogue:minutes-archive", args=[w.group.slug]), {"year": "2031"})
    assert "Lyon presented" in by_year.content.decode()
    other_year = client.get(
        reverse("dialogue:minutes-archive", args=[w.group.slug]), {"year": "2030"}
    )
    assert "Lyon presented" not in other_year.content.decode()


def test_open_actions_carry_over_until_done(client, meetings_world):
    w = meetings_world
    first = services.action_add(
        meeting=w.meeting, title="Send the cluster list", owner=w.members["member"]
    )
    dropped = services.action_add(meeting=w.meeting, title="Dropped idea")
    services.action_set_status(action=dropped, status="dropped")
    services.agenda_item_add(meeting=w.meeting, title="Welcome", duration_minutes=15)
    services.minute_write(item=w.meeting.agenda_items.get(), text="Said hello.")
    second = services.meeting_create_next(meeting=w.meeting, start=datetime.date(2031, 11, 4))
    assert second.previous == w.meeting and second.number == 2
    assert [(i.title, i.duration_minutes) for i in second.agenda_items.all()] == [("Welcome", 15)]
    assert not AgendaItem.objects.filter(meeting=second, minute__isnull=False).exists()
    assert list(selectors.action_open_before(meeting=second)) == [first]
    third = services.meeting_create_next(meeting=second, start=datetime.date(2032, 5, 4))
    assert list(selectors.action_open_before(meeting=third)) == [first]
    page = client.get(third.get_absolute_url()).content.decode()
    assert "Open actions from earlier meetings" in page and "Send the cluster list" in page
    assert "Dropped idea" not in page
    assert "Previous meeting" in page
    assert "Next meeting" in client.get(second.get_absolute_url()).content.decode()
    services.action_set_status(action=first, status="done")
    assert ActionItem.objects.get(pk=first.pk).done_at is not None
    assert not selectors.action_open_before(meeting=third).exists()


def test_next_meeting_in_one_step_from_the_page(client, meetings_world):
    w = meetings_world
    services.agenda_item_add(meeting=w.meeting, title="Roadmap review", duration_minutes=45)
    client.force_login(w.user("secretariat"))
    response = client.post(_url(w, "meeting-create-next"), {"start": "2031-11-04"})
    new = Meeting.objects.get(group=w.group, number=2)
    assert response["Location"] == new.get_absolute_url()
    assert new.agenda_items.get().title == "Roadmap review"
    assert new.end == datetime.date(2031, 11, 5)  # same length as the meeting it comes from


def test_bad_input_names_the_field_and_stores_nothing(meetings_world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.agenda_item_add(meeting=meetings_world.meeting, title="  ")
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            group=meetings_world.group,
            start=datetime.date(2031, 1, 2),
            end=datetime.date(2031, 1, 1),
        )
    assert "end" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.registration_create(meeting=meetings_world.meeting, mode="by pigeon")
    assert "mode" in error.value.message_dict
    assert not AgendaItem.objects.exists() and not Registration.objects.exists()
    assert Meeting.objects.count() == 1


def test_attendance_records_territories(client, meetings_world):
    w = meetings_world
    client.force_login(w.user("chair"))
    client.post(
        _url(w, "meeting-attendance"), {"member": [w.members["member"].pk, w.members["chair"].pk]}
    )
    assert w.meeting.attendance.count() == 2
    client.post(_url(w, "meeting-attendance"), {"member": [w.members["member"].pk]})
    assert list(w.meeting.attendance.values_list("member", flat=True)) == [w.members["member"].pk]


def test_api_lists_meetings_with_agenda_and_open_actions(client, meetings_world):
    w = meetings_world
    services.agenda_item_add(meeting=w.meeting, title="Welcome")
    services.action_add(meeting=w.meeting, title="Write the report")
    data = client.get("/api/dialogue/meetings/", {"group": w.group.slug}).json()
    rows = data["results"] if isinstance(data, dict) else data
    assert rows[0]["agenda"][0]["title"] == "Welcome"
    actions = client.get("/api/dialogue/actions/", {"status": "open"}).json()
    actions = actions["results"] if isinstance(actions, dict) else actions
    assert [a["title"] for a in actions] == ["Write the report"]


def test_api_and_pages_hide_internal_meetings_from_outsiders(client, meetings_world):
    w = meetings_world
    hidden = services.meeting_create(
        group=w.group, start=datetime.date(2031, 9, 1), title="Internal one", is_public=False
    )
    services.action_add(meeting=hidden, title="Internal action")

    def titles(path: str) -> list[str]:
        data = client.get(path).json()
        rows = data["results"] if isinstance(data, dict) else data
        return [row["title"] for row in rows]

    assert titles("/api/dialogue/meetings/") == ["Example meeting 1"]
    assert titles("/api/dialogue/actions/") == []
    assert client.get(hidden.get_absolute_url()).status_code == 404
    client.force_login(w.user("member"))
    assert titles("/api/dialogue/meetings/") == ["Example meeting 1", "Internal one"]
    assert titles("/api/dialogue/actions/") == ["Internal action"]
    assert client.get(hidden.get_absolute_url()).status_code == 200
