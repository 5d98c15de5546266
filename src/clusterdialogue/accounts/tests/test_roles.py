"""Roles: scopes, territory membership, the demo secretariat."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from clusterdialogue.accounts.models import Role, RoleAssignment
from clusterdialogue.accounts.permissions import user_is_secretariat
from clusterdialogue.accounts.services import role_assign
from clusterdialogue.accounts_setup import demo_secretariat_ensure
from clusterdialogue.clusters.permissions import (
    user_can_edit_organisation,
    user_can_validate_organisation,
    user_represents_organisation,
)
from clusterdialogue.testing import factories
from clusterdialogue.testing.factories import clusters as factories_clusters

pytestmark = pytest.mark.django_db


def test_role_needs_its_scope_and_only_it(roles_world):
    user = factories_clusters.UserFactory()
    with pytest.raises(ValidationError, match="organisation"):
        role_assign(user=user, role=Role.CLUSTER_MANAGER)
    with pytest.raises(ValidationError, match="territory"):
        role_assign(
            user=user, role=Role.CLUSTER_MANAGER, organisation=roles_world.organisation,
            territory=roles_world.territory,
        )  # fmt: skip
    first = role_assign(user=user, role=Role.CLUSTER_MANAGER, organisation=roles_world.organisation)
    again = role_assign(user=user, role=Role.CLUSTER_MANAGER, organisation=roles_world.organisation)
    assert first == again and RoleAssignment.objects.filter(user=user).count() == 1


def test_granting_a_role_takes_effect_on_the_same_user_object(roles_world):
    user = factories_clusters.UserFactory()
    assert not user_can_edit_organisation(user, roles_world.organisation)
    role_assign(user=user, role=Role.TERRITORY_REPRESENTATIVE, territory=roles_world.territory)
    assert user_can_edit_organisation(user, roles_world.organisation)


def test_territory_membership_follows_the_region_codes(roles_world):
    representative = roles_world.user("representative")
    assert user_represents_organisation(representative, roles_world.organisation)
    assert not user_can_validate_organisation(representative, roles_world.other_organisation)
    # A cluster in a region recoded since (old code → territory's code) still belongs.
    factories.RegionFactory(code="QZ1", name="Old code of territory A", level=1)
    from clusterdialogue.regions.models import RegionCodeChange

    RegionCodeChange.objects.create(
        old_code="QZ1", new_code="QA1", old_version="2010", new_version="2013",
        relation=RegionCodeChange.Relation.RECODED,
    )  # fmt: skip
    old = factories_clusters.ClusterOrganisationFactory(
        region=factories.RegionFactory(code="QZ11", name="Old code region", level=2)
    )
    assert user_can_validate_organisation(representative, old)


def test_superuser_counts_as_secretariat(django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x")
    assert user_is_secretariat(admin)
    assert not user_is_secretariat(None)


def test_demo_secretariat(roles_world):
    password = demo_secretariat_ensure(username="demo-secretariat")
    assert password and len(password) >= 12
    from django.contrib.auth import authenticate

    user = authenticate(username="demo-secretariat", password=password)
    assert user_is_secretariat(user) and not user.is_superuser
    assert demo_secretariat_ensure(username="demo-secretariat") is None
