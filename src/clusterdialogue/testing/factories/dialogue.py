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
