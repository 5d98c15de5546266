"""factory_boy factories for the cluster directory (profiles, labels, contacts, members, roles).

Every name these factories produce is clearly example data ("Example cluster 3"), never a real
organisation. Shared by every area's tests; keep them simple.
"""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from clusterdialogue.accounts.models import Role, RoleAssignment
from clusterdialogue.clusters.models import (
    ClusterMember,
    ClusterOrganisation,
    ContactPerson,
    IndustrialEcosystem,
    Label,
    ProfileChange,
)
from clusterdialogue.testing.factories import RegionFactory


class UserFactory(factory.django.DjangoModelFactory):
    """A user whose password is ``password``."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("password")


class ClusterOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterOrganisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Example cluster {n}")
    slug = factory.Sequence(lambda n: f"example-cluster-{n}")
    region = factory.SubFactory(RegionFactory)
    organisation_type = "cluster organisation (example data)"
    status = ClusterOrganisation.Status.PROVISIONAL
    is_public = True
    source = "example data for tests"


class LabelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Label

    organisation = factory.SubFactory(ClusterOrganisationFactory)
    name = "ESCA"
    level = Label.Level.EUROPEAN
    grade = "Bronze"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(ClusterOrganisationFactory)
    name = factory.Sequence(lambda n: f"Example Person {n}")
    role = "cluster manager"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    public_consent = False


class ClusterMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterMember

    organisation = factory.SubFactory(ClusterOrganisationFactory)
    name = factory.Sequence(lambda n: f"Example member {n}")
    member_type = ClusterMember.MemberType.SME
    size_class = ClusterMember.SizeClass.SMALL


class ProfileChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileChange

    organisation = factory.SubFactory(ClusterOrganisationFactory)
    proposed_by = factory.SubFactory(UserFactory)
    changes = factory.LazyAttribute(
        lambda o: {"description": {"old": o.organisation.description, "new": "Example text"}}
    )
    status = ProfileChange.Status.PENDING


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.SECRETARIAT


def ecosystem(code: str) -> IndustrialEcosystem:
    """One of the EU industrial ecosystems the migration seeds, put back if a transactional
    test flushed the table (its name is the migration's)."""
    import importlib

    seeded = importlib.import_module(
        "clusterdialogue.clusters.migrations.0002_industrial_ecosystems"
    )
    names = {slugify(name): name for name in seeded.ECOSYSTEMS}
    return IndustrialEcosystem.objects.get_or_create(code=code, defaults={"name": names[code]})[0]
