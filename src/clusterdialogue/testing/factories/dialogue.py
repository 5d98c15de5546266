"""factory_boy factories for the Dialogue (example groups and meetings, never real ones)."""

from __future__ import annotations

import datetime

import factory

from clusterdialogue.dialogue.models import (
    BlockedPeriod,
    GroupDocument,
    GroupMember,
    HostCity,
    HostEvent,
    Indicator,
    Meeting,
    Objective,
    Roadmap,
    RoadmapAction,
    WorkingGroup,
)
from clusterdialogue.testing.factories import NetworkFactory, TerritoryFactory


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Example working group {n}")
    slug = factory.Sequence(lambda n: f"example-group-{n}")
    description = "Example group (example data for tests)."
    is_example = True


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(WorkingGroupFactory)
    name = factory.Sequence(lambda n: f"Example member {n}")
    organisation = "Example regional agency"
    role = GroupMember.Role.MEMBER


class HostCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostCity

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Example city {n}")
    timezone = "Europe/Brussels"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(WorkingGroupFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda m: f"Example meeting {m.number}")
    start = datetime.date(2026, 5, 5)
    end = factory.LazyAttribute(lambda m: m.start + datetime.timedelta(days=1))
    status = Meeting.Status.HELD
    is_example = True


class BlockedPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlockedPeriod

    kind = BlockedPeriod.Kind.SCHOOL_HOLIDAYS
    start = datetime.date(2026, 7, 1)
    end = datetime.date(2026, 8, 31)


class HostEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostEvent

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Example fair {n}")
    start = datetime.date(2026, 10, 6)
    end = datetime.date(2026, 10, 8)
    is_example = True


# --- library (policy and practice library) ---


class PolicyInstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "dialogue.PolicyInstrument"
        skip_postgeneration_save = True

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Example instrument {n}")
    kind = "cluster_programme"
    managing_body = "Example regional agency"
    description = "Example instrument (example data for tests)."
    tags = factory.LazyFunction(list)
    links = factory.LazyFunction(list)
    language = "en"
    is_example = True

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        # The search reads the index, as it does after every service write.
        if create:
            from clusterdialogue.dialogue.library.services import policy_instrument_index_update

            policy_instrument_index_update(instrument_ids=[obj.pk])


class PracticeCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "dialogue.PracticeCase"

    title = factory.Sequence(lambda n: f"Example case {n}")
    territory = factory.SubFactory(TerritoryFactory)
    kind = "good_practice"
    summary = "Example case (example data for tests)."
    is_example = True


# --- planning (the meeting planner) ----------------------------------------------------------


def planning_network_build(*, codes=("DE1", "ES51", "BE2"), associates=("BE2",)):
    """An example network whose territories carry real region codes (for their holiday
    calendars), each with a default host city; answers ``(network, {code: territory})``."""
    from clusterdialogue.regions.models import Territory
    from clusterdialogue.testing.factories import RegionFactory

    network = NetworkFactory(name="Example planning network", slug="example-planning-network")
    territories = {}
    for code in codes:
        role = Territory.Role.ASSOCIATE if code in associates else Territory.Role.PARTNER
        territories[code] = TerritoryFactory(
            network=network,
            region=RegionFactory(code=code),
            name=f"Example territory {code}",
            role=role,
        )
        HostCityFactory(territory=territories[code], name=f"Example city {code}")
    return network, territories


# --- groups and roadmap (dialogue/groups, dialogue/roadmap) ---


class GroupDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupDocument

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Example document {n}")
    file = factory.django.FileField(filename="example.txt", data=b"Example document")
    language = "en"
    is_public = False


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap

    group = factory.SubFactory(WorkingGroupFactory)
    title = "Example roadmap"
    start_year = 2016
    end_year = 2018
    status = Roadmap.Status.ACTIVE
    is_example = True


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    roadmap = factory.SubFactory(RoadmapFactory)
    kind = Objective.Kind.MUTUAL_LEARNING
    text = "Example objective"
    is_example = True


class RoadmapActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoadmapAction

    objective = factory.SubFactory(ObjectiveFactory)
    title = factory.Sequence(lambda n: f"Example action {n}")
    owner_text = "Example member"
    status = RoadmapAction.Status.PLANNED
    is_example = True


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    objective = factory.SubFactory(ObjectiveFactory)
    name = factory.Sequence(lambda n: f"Example indicator {n}")
    target = 4
    source_kind = Indicator.SourceKind.MANUAL
    is_example = True
