"""factory_boy factory for funding calls: example calls only ("Example call …", EXAMPLE-n)."""

from __future__ import annotations

import datetime as dt

import factory

from clusterdialogue.collaboration.models import FundingCall


class FundingCallFactory(factory.django.DjangoModelFactory):
    """An open example call (deadline a year after the opening) without country restriction."""

    class Meta:
        model = FundingCall

    reference = factory.Sequence(lambda n: f"EXAMPLE-T{n}")
    programme = "Horizon Europe"
    title = factory.Sequence(lambda n: f"Example call {n}")
    topic = "Example topic for tests."
    opening = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=30))
    deadline = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=335))
    min_partners = 3
    min_countries = 3
    eligible_countries = factory.LazyFunction(list)
    is_example = True
    source = "example data for tests"
