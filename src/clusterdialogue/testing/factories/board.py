"""factory_boy factories for the cooperation board (example data, never real organisations)."""

from __future__ import annotations

import factory

from clusterdialogue.collaboration.models import CooperationPost, Interest, Notification
from clusterdialogue.testing.factories.clusters import ClusterOrganisationFactory, UserFactory


class CooperationPostFactory(factory.django.DjangoModelFactory):
    """A post stored as is: no matching, no notification (use the service for those)."""

    class Meta:
        model = CooperationPost

    organisation = factory.SubFactory(ClusterOrganisationFactory)
    kind = CooperationPost.Kind.REQUEST
    topic = CooperationPost.Topic.PARTNER_SEARCH
    title = factory.Sequence(lambda n: f"Example post {n}")
    description = "Example description (example data for tests)."
    keywords = factory.LazyFunction(list)


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    post = factory.SubFactory(CooperationPostFactory)
    organisation = factory.SubFactory(ClusterOrganisationFactory)
    message = "Example message."


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    message = factory.Sequence(lambda n: f"Example notification {n}")
    url = "/collaboration/board/"
