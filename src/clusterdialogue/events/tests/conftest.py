"""An example event with one user per role for the events tests (example data only).

Roles: the anonymous public, a signed-in ``outsider``, ``manager`` (manages Example cluster A and
takes part for it), ``partner`` (manages Example cluster B and takes part for it), the event's
``organiser`` and the network's ``secretariat``. The event has three meeting slots and a talk;
three approved participants (A, B and C, C without a user account).
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

import pytest

from clusterdialogue.accounts.models import Role
from clusterdialogue.events.models import Event, Participant, Session
from clusterdialogue.events.programme import services as programme
from clusterdialogue.testing import factories
from clusterdialogue.testing.factories import clusters as factories_clusters

ROLES = ("anonymous", "outsider", "manager", "partner", "organiser", "secretariat")
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A time on the event's days (May 2031), in Berlin."""
    return datetime.datetime(2031, 5, day, hour, minute, tzinfo=BERLIN)


@dataclass
class EventsWorld:
    network: Any
    territory: Any
    event: Any
    organisations: dict[str, Any] = field(default_factory=dict)
    participants: dict[str, Any] = field(default_factory=dict)
    slots: list[Any] = field(default_factory=list)
    users: dict[str, Any] = field(default_factory=dict)

    def user(self, name: str) -> Any:
        return self.users.get(name)


@pytest.fixture
def events_world(db) -> EventsWorld:
    network = factories.NetworkFactory(name="Example network", slug="example-network")
    region = factories.RegionFactory(code="QX1", name="Example territory")
    inner = factories.RegionFactory(code="QX11", name="Example inner region")
    territory = factories.TerritoryFactory(network=network, region=region, name="Example territory")
    users = {
        name: factories_clusters.UserFactory(username=f"events_{name}", email=f"{name}@example.org")
        for name in ("outsider", "manager", "partner", "organiser", "secretariat")
    }
    factories_clusters.RoleAssignmentFactory(user=users["secretariat"], role=Role.SECRETARIAT)
    organisations = {
        key: factories_clusters.ClusterOrganisationFactory(
            name=f"Example cluster {key.upper()}", slug=f"example-cluster-{key}", region=inner
        )
        for key in ("a", "b", "c")
    }
    factories_clusters.RoleAssignmentFactory(
        user=users["manager"], role=Role.CLUSTER_MANAGER, organisation=organisations["a"]
    )
    factories_clusters.RoleAssignmentFactory(
        user=users["partner"], role=Role.CLUSTER_MANAGER, organisation=organisations["b"]
    )
    event = programme.event_create(
        created_by=users["organiser"],
        network=network,
        host_territory=territory,
        title="Example B2B event",
        slug="example-b2b",
        start=datetime.date(2031, 5, 6),
        end=datetime.date(2031, 5, 7),
        city="Example city",
        venue="Example hall",
        timezone="Europe/Berlin",
        tables=2,
        is_example=True,
    )
    world = EventsWorld(network, territory, event, organisations, users=users)
    for hour in (9, 10, 11):
        world.slots.append(
            Session.objects.create(
                event=event, kind=Session.Kind.MEETINGS, title=f"Meetings {hour}:00",
                start=at(6, hour), end=at(6, hour, 30), location="Hall 1",
            )
        )  # fmt: skip
    Session.objects.create(
        event=event, kind=Session.Kind.TALK, title="Opening talk", start=at(6, 8), end=at(6, 9)
    )
    for key, user in (("a", users["manager"]), ("b", users["partner"]), ("c", None)):
        world.participants[key] = Participant.objects.create(
            event=event,
            organisation=organisations[key],
            name=f"Example person {key.upper()}",
            email=f"person-{key}@example.org",
            user=user,
            status=Participant.Status.APPROVED,
        )
    return world


@pytest.fixture
def event(events_world) -> Event:
    return events_world.event


def _years_back(moment: datetime.datetime, years: int) -> datetime.datetime:
    local = moment.astimezone(BERLIN)
    return local.replace(year=local.year - years)


@pytest.fixture
def past_world(events_world) -> EventsWorld:
    """The example event moved to May 2025: its meetings are over (outcomes, report)."""
    event = events_world.event
    Event.objects.filter(pk=event.pk).update(
        start=datetime.date(2025, 5, 6), end=datetime.date(2025, 5, 7)
    )
    for session in event.sessions.all():
        session.start, session.end = _years_back(session.start, 6), _years_back(session.end, 6)
        session.save(update_fields=["start", "end"])
    event.refresh_from_db()
    for slot in events_world.slots:
        slot.refresh_from_db()
    return events_world


def meet(world, a: str, b: str, slot: int, table: int = 1):
    """An accepted request between participants ``a`` and ``b`` placed in ``slots[slot]``."""
    from clusterdialogue.events.b2b import services as b2b
    from clusterdialogue.events.models import ScheduledMeeting

    request = b2b.meeting_add_by_organiser(
        event=world.event, requester=world.participants[a], partner=world.participants[b]
    )
    return ScheduledMeeting.objects.create(request=request, session=world.slots[slot], table=table)
