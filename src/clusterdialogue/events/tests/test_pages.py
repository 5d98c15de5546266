"""Every page of the events app opens for the people it is for, and hides what it should."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clusterdialogue.events.b2b import services as b2b
from clusterdialogue.events.schedule.services import event_schedule

pytestmark = pytest.mark.django_db


def _pages(world) -> dict[str, tuple[str, str]]:
    slug = world.event.slug
    b = world.participants["b"].pk
    return {
        "list": ("events:event-list", []),
        "detail": ("events:event-detail", [slug]),
        "participants": ("events:participant-list", [slug]),
        "profile": ("events:participant-detail", [slug, b]),
        "requests": ("events:my-requests", [slug]),
        "unavailability": ("events:unavailability", [slug]),
        "agenda": ("events:agenda", [slug]),
        "register": ("events:register", [slug]),
    }


def test_the_public_sees_the_list_and_a_public_event(client, events_world):
    assert "Example B2B event" in client.get(reverse("events:event-list")).content.decode()
    page = client.get(events_world.event.get_absolute_url()).content.decode()
    assert "Opening talk" in page and "Meetings 9:00" in page
    assert "Example person A" not in page  # participants are for participants and organisers
    events_world.event.is_public = False
    events_world.event.save()
    assert client.get(events_world.event.get_absolute_url()).status_code == 404
    assert "Example B2B event" not in client.get(reverse("events:event-list")).content.decode()


def test_a_participant_opens_every_page_of_theirs(client, events_world):
    client.force_login(events_world.user("manager"))
    for name, (url_name, args) in _pages(events_world).items():
        response = client.get(reverse(url_name, args=args))
        assert response.status_code == 200, name
    detail = client.get(events_world.event.get_absolute_url()).content.decode()
    assert "Example person B" in detail and "My agenda" in detail
    profile = client.get(
        reverse(
            "events:participant-detail",
            args=[events_world.event.slug, events_world.participants["b"].pk],
        )
    )
    assert "Request a meeting" in profile.content.decode()


def test_an_outsider_gets_no_participant_pages(client, events_world):
    client.force_login(events_world.user("outsider"))
    slug = events_world.event.slug
    assert client.get(reverse("events:participant-list", args=[slug])).status_code == 403
    assert client.get(reverse("events:my-requests", args=[slug])).status_code == 404
    assert client.get(reverse("events:agenda", args=[slug])).status_code == 404
    assert client.get(reverse("events:schedule", args=[slug])).status_code == 403
    assert (
        client.get(reverse("events:register", args=[slug])).status_code == 403
    )  # acts for no cluster


def test_organiser_pages_show_the_result_and_the_table_plan(client, events_world):
    a, b = events_world.participants["a"], events_world.participants["b"]
    request = b2b.meeting_request_create(requester=a, partner=b, priority=2)
    b2b.meeting_request_respond(request=request, by=b, accept=True)
    event_schedule(event=events_world.event, time_limit=2, workers=1)
    client.force_login(events_world.user("organiser"))
    page = client.get(reverse("events:schedule", args=[events_world.event.slug])).content.decode()
    assert "Scheduled 1 of 1 (must 1 of 1); upper bound 1; gap 0.00%" in page
    assert "Example person A" in page and "Table plan" in page
    for url in (
        reverse("events:event-edit", args=[events_world.event.slug]),
        reverse("events:event-create"),
        reverse("events:participant-list", args=[events_world.event.slug]),
        reverse("events:agenda", args=[events_world.event.slug]) + f"?participant={a.pk}",
    ):
        response = client.get(url)
        assert response.status_code == (403 if url.endswith("/new/") else 200), url
    client.force_login(events_world.user("secretariat"))
    assert client.get(reverse("events:event-create")).status_code == 200


def test_the_agenda_names_the_partner_and_links_to_their_profile(client, events_world):
    a, b = events_world.participants["a"], events_world.participants["b"]
    b2b.meeting_add_by_organiser(
        event=events_world.event, requester=a, partner=b, slot=events_world.slots[1]
    )
    client.force_login(events_world.user("partner"))
    page = client.get(reverse("events:agenda", args=[events_world.event.slug])).content.decode()
    assert "Example person A" in page
    assert events_world.organisations["a"].get_absolute_url() in page
    assert "2031-05-06 10:00" in page  # the slot in the event's time zone


def test_the_events_menu_leads_to_the_list(client, events_world):
    from django.contrib.auth.models import AnonymousUser

    from clusterdialogue.portal.navigation.registry import Place
    from clusterdialogue.portal.navigation.selectors import menu_visible

    groups = {g.key: g for g in menu_visible(place=Place(user=AnonymousUser()))}
    (link,) = groups["events"].links
    assert str(link.label) == "Missions and B2B events"
    assert link.url == reverse("events:event-list")
    assert client.get(link.url).status_code == 200


def test_registration_refusals_show_at_their_field_and_store_nothing(client, events_world):
    from clusterdialogue.events.models import Participant

    client.force_login(events_world.user("partner"))  # acts for cluster B only
    url = reverse("events:register", args=[events_world.event.slug])
    before = Participant.objects.count()
    other = client.post(
        url,
        {"organisation": events_world.organisations["a"].pk, "name": "X", "email": "x@example.org"},
    )
    assert other.status_code == 400
    duplicate = client.post(
        url,
        {
            "organisation": events_world.organisations["b"].pk,
            "name": "X",
            "email": "person-a@example.org",
        },
    )
    assert duplicate.status_code == 400
    assert "This e-mail address is already registered for the event." in duplicate.content.decode()
    assert Participant.objects.count() == before
    done = client.post(
        url,
        {
            "organisation": events_world.organisations["b"].pk,
            "name": "Example colleague",
            "email": "partner@example.org",
        },
    )
    assert done.status_code == 302
    mine = Participant.objects.get(email="partner@example.org")
    assert (mine.status, mine.user, mine.type) == (
        "pending",
        events_world.user("partner"),
        "delegation",
    )


def test_programme_times_are_typed_in_the_event_s_time_zone(client, events_world):
    from clusterdialogue.events.models import Session
    from clusterdialogue.events.tests.conftest import at

    client.force_login(events_world.user("organiser"))
    client.post(
        reverse("events:session-add", args=[events_world.event.slug]),
        {
            "kind": "networking",
            "title": "Evening reception",
            "start": "2031-05-06T19:00",
            "end": "2031-05-06T21:00",
        },
    )
    session = Session.objects.get(title="Evening reception")
    assert session.start == at(6, 19) and session.end == at(6, 21)  # 19:00 in Berlin
    page = client.get(events_world.event.get_absolute_url()).content.decode()
    assert "19:00–21:00" in page


def test_the_schedule_page_says_what_to_do_without_meeting_slots(client, events_world):
    events_world.event.sessions.filter(kind="meetings").delete()
    client.force_login(events_world.user("organiser"))
    response = client.post(reverse("events:schedule", args=[events_world.event.slug]), follow=True)
    assert (
        "Add meeting slots to the programme (kind: B2B meetings) first."
        in response.content.decode()
    )


def test_pages_in_french(client, events_world):
    client.force_login(events_world.user("organiser"))
    french = {"HTTP_ACCEPT_LANGUAGE": "fr"}
    page = client.get(reverse("events:schedule", args=[events_world.event.slug]), **french)
    assert "Planifier les rendez-vous" in page.content.decode()
    listing = client.get(reverse("events:event-list"), **french).content.decode()
    assert "Missions et rencontres B2B" in listing


def test_an_organiser_chooses_co_organisers_among_the_event_s_people(client, events_world):
    client.force_login(events_world.user("organiser"))
    page = client.get(reverse("events:event-edit", args=[events_world.event.slug])).content.decode()
    assert "events_partner" in page  # a participant's account
    assert "events_outsider" not in page  # no list of every account of the site
    client.force_login(events_world.user("secretariat"))
    page = client.get(reverse("events:event-edit", args=[events_world.event.slug])).content.decode()
    assert "events_outsider" in page
