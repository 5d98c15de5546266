"""factory_boy factories for the models, shared by every app's tests.

The regions and statistics factories are here; those of the directory and the collaboration
features are in the submodules (``clusters``, ``board``, ``calls``, ``pipeline``).
"""

from __future__ import annotations

import factory

from clusterdialogue.regions.models import Network, Region, Territory
from clusterdialogue.statistics.models import Dataset, Industry, MappingResult, Observation


def square(x: float, y: float, size: float = 1.0) -> dict:
    """A small square polygon, enough for a map test."""
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"XX{n:02d}")
    name = factory.LazyAttribute(lambda o: f"Region {o.code}")
    level = factory.LazyAttribute(lambda o: len(o.code) - 2)
    country_code = factory.LazyAttribute(lambda o: o.code[:2])
    versions = "2013,2016"
    geometry = factory.Sequence(lambda n: square(n % 20, n // 20))


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    is_default = True


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory

    network = factory.SubFactory(NetworkFactory)
    region = factory.SubFactory(RegionFactory)
    name = factory.LazyAttribute(lambda o: o.region.name)
    role = Territory.Role.PARTNER


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"C{10 + n % 90}")
    scheme = Industry.Scheme.NACE_DIVISION
    section = factory.LazyAttribute(lambda o: o.code[0])
    name_en = factory.LazyAttribute(lambda o: f"Industry {o.code}")


class DatasetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dataset
        django_get_or_create = ("code",)

    code = "sbs_r_nuts06_r2"
    title = "SBS data by NUTS 2 regions and NACE Rev. 2 (Eurostat)"


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    dataset = factory.SubFactory(DatasetFactory)
    region = factory.SubFactory(RegionFactory)
    industry = factory.SubFactory(IndustryFactory)
    indicator = "V16110"
    year = 2014
    value = 100.0
    flag = ""


class MappingResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MappingResult

    scheme = Industry.Scheme.NACE_DIVISION
    level = 2
    year = 2014
    region = factory.SubFactory(RegionFactory)
    category = factory.SubFactory(IndustryFactory)
    employment = 1000.0
    share = 0.1
    lq = 1.0
