"""Events and their programme: created, changed, and refused with the field named."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from clusterdialogue.events.models import Event, Session
from clusterdialogue.events.programme import services
from clusterdialogue.events.tests.conftest import at
from clusterdialogue.testing import factories

pytestmark = pytest.mark.django_db


def _create(world, **extra):
    fields = {
        "created_by": world.user("organiser"),
        "network": world.network,
        "host_territory": world.territory,
        "title": "Example mission",
        "start": datetime.date(2031, 9, 1),
        "kind": Event.Kind.MISSION,
    } | extra
    return services.event_create(**fields)


def test_create_gives_a_unique_slug_and_the_creator_organises(events_world):
    first = _create(events_world)
    second = _create(events_world)
    assert (first.slug, second.slug) == ("example-mission", "example-mission-2")
    assert first.end == first.start
    assert list(first.organisers.all()) == [events_world.user("organiser")]
    assert first.kind == "mission" and first.timezone == "Europe/Brussels"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"title": "  "}, "title"),
        ({"end": datetime.date(2031, 8, 1)}, "end"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"tables": 0}, "tables"),
        ({"request_expiry_hours": 0}, "request_expiry_hours"),
        ({"cap_per_cluster": 0}, "cap_per_cluster"),
        ({"kind": "party"}, "kind"),
        (
            {"registration_opens": datetime.date(2031, 8, 2), "registration_closes": datetime.date(2031, 8, 1)},
            "registration_closes",
        ),
        ({"registration_closes": datetime.date(2031, 9, 5)}, "registration_closes"),
        ({"slug": "example-b2b"}, "slug"),
    ],
)  # fmt: skip
def test_create_refuses_bad_fields(events_world, extra, field):
    before = Event.objects.count()
    with pytest.raises(ValidationError) as error:
        _create(events_world, **extra)
    assert field in error.value.message_dict
    assert Event.objects.count() == before


def test_host_territory_from_another_network_is_refused(events_world):
    elsewhere = factories.TerritoryFactory(
        network=factories.NetworkFactory(slug="other-network", is_default=False),
        region=factories.RegionFactory(code="QY1"),
    )
    with pytest.raises(ValidationError) as error:
        _create(events_world, host_territory=elsewhere)
    assert "host_territory" in error.value.message_dict


def test_update_changes_only_what_is_given_and_keeps_an_organiser(events_world):
    event = events_world.event
    services.event_update(event=event, city="Other city", tables=5)
    event.refresh_from_db()
    assert (event.city, event.tables, event.title) == ("Other city", 5, "Example B2B event")
    with pytest.raises(ValidationError) as error:
        services.event_update(event=event, organisers=[])
    assert "organisers" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.event_update(event=event, tables=0, city="Not stored")
    event.refresh_from_db()
    assert (event.tables, event.city) == (5, "Other city")


def test_sessions_lie_within_the_event_and_end_after_they_start(events_world):
    event = events_world.event
    slot = services.session_add(
        event=event, kind="meetings", title="Late slot", start=at(7, 16), end=at(7, 16, 30)
    )
    assert slot.is_meeting_slot
    for start, end, field in (
        (at(7, 16), at(7, 15), "end"),
        (at(8, 9), at(8, 10), "start"),
    ):
        with pytest.raises(ValidationError) as error:
            services.session_add(event=event, kind="talk", title="x", start=start, end=end)
        assert field in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.session_add(event=event, kind="party", title="x", start=at(7, 9), end=at(7, 10))
    assert "kind" in error.value.message_dict
    services.session_remove(session=slot)
    assert not Session.objects.filter(pk=slot.pk).exists()


def test_a_programme_item_is_named_in_the_event_s_time(events_world):
    assert str(events_world.slots[0]) == "Meetings 9:00 (2031-05-06 09:00)"
