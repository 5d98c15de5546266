"""pytest fixtures for the cluster directory, built on ``factories_clusters``."""

from __future__ import annotations

import pytest

from clusterdialogue.testing import factories_clusters


@pytest.fixture
def user_factory(db):
    return factories_clusters.UserFactory


@pytest.fixture
def cluster_organisation_factory(db):
    return factories_clusters.ClusterOrganisationFactory


@pytest.fixture
def label_factory(db):
    return factories_clusters.LabelFactory


@pytest.fixture
def contact_person_factory(db):
    return factories_clusters.ContactPersonFactory


@pytest.fixture
def cluster_member_factory(db):
    return factories_clusters.ClusterMemberFactory


@pytest.fixture
def profile_change_factory(db):
    return factories_clusters.ProfileChangeFactory


@pytest.fixture
def role_assignment_factory(db):
    return factories_clusters.RoleAssignmentFactory


@pytest.fixture
def secretariat_user(db):
    """A signed-in-able user (password ``password``) with the secretariat role."""
    user = factories_clusters.UserFactory(username="secretariat")
    factories_clusters.RoleAssignmentFactory(user=user, role="secretariat")
    return user


@pytest.fixture
def transfer_world(db):
    """Regions and NACE codes the import tests refer to (real codes and names; no statistics)."""
    from clusterdialogue.testing.factories import IndustryFactory, RegionFactory

    france = RegionFactory(code="FR", name="France", level=0)
    germany = RegionFactory(code="DE", name="Deutschland", level=0)
    regions = {
        "FRK": RegionFactory(code="FRK", name="Auvergne-Rhône-Alpes", level=1, parent=france),
        "DE1": RegionFactory(code="DE1", name="Baden-Württemberg", level=1, parent=germany),
    }
    regions["DE11"] = RegionFactory(code="DE11", name="Stuttgart", level=2, parent=regions["DE1"])
    industries = {
        code: IndustryFactory(code=code, section=code[0], name_en=name)
        for code, name in (
            ("C29", "Manufacture of motor vehicles, trailers and semi-trailers"),
            ("C291", "Manufacture of motor vehicles"),
            ("J62", "Computer programming, consultancy and related activities"),
        )
    }
    return {"regions": regions, "industries": industries}
