"""The home's selectors: profile completeness, an engine that fails, and bounded queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clusterdialogue.accounts.home import selectors
from clusterdialogue.accounts.home.completeness import (
    organisation_annotate_completeness,
    profile_completeness,
)
from clusterdialogue.accounts.models import Invitation, Role
from clusterdialogue.clusters.models import ClusterCategory, ClusterOrganisation
from clusterdialogue.collaboration.models import Collaboration, PostMatch
from clusterdialogue.testing import factories
from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.factories.board import (
    CooperationPostFactory,
    InterestFactory,
    NotificationFactory,
)
from clusterdialogue.testing.factories.calls import FundingCallFactory
from clusterdialogue.testing.factories.pipeline import collaboration_with_log

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")


def _completeness(organisation):
    annotated = organisation_annotate_completeness(
        queryset=ClusterOrganisation.objects.filter(pk=organisation.pk)
    ).get()
    return profile_completeness(organisation=annotated)


def test_completeness_goes_from_nothing_to_everything(db):
    organisation = factories_clusters.ClusterOrganisationFactory(slug="example-empty")
    empty = _completeness(organisation)
    assert empty.percent == 0 and len(empty.missing) == len(empty.items) == 12
    assert empty.missing[0].url == "/clusters/example-empty/edit/#id_profile-description"
    assert {item.key for item in empty.missing if item.hint} == {"labels", "contacts"}

    organisation.description = "Example cluster."
    organisation.website = "https://example.org/"
    organisation.city, organisation.latitude, organisation.longitude = "Alpha", 45.0, 5.0
    organisation.technologies = ["example technology"]  # keywords or technologies
    organisation.looking_for = "example partners"  # offers or looking for
    organisation.staff_fte = Decimal("0.2")
    organisation.save()
    organisation.sectors.add(factories.IndustryFactory(code="C26"))
    organisation.categories.add(ClusterCategory.objects.create(name="Example", slug="example"))
    organisation.ecosystems.add(factories_clusters.ecosystem("digital"))
    factories_clusters.ClusterMemberFactory(organisation=organisation)  # a list counts as members
    factories_clusters.LabelFactory(organisation=organisation)
    factories_clusters.ContactPersonFactory(organisation=organisation)
    full = _completeness(organisation)
    assert full.percent == 100 and full.missing == []


def test_a_partly_filled_location_is_missing(db):
    organisation = factories_clusters.ClusterOrganisationFactory(city="Alpha", latitude=45.0)
    missing = {item.key for item in _completeness(organisation).missing}
    assert "location" in missing


def test_the_home_opens_when_the_engine_fails(client, roles_world, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("example engine failure")

    monkeypatch.setattr(selectors, "organisation_recommendations", broken)
    client.force_login(roles_world.user("manager"))
    response = client.get(HOME)
    assert response.status_code == 200
    assert "No suggestion yet." in response.content.decode()


def _queries(client, user) -> int:
    """Queries of one home page, its caches warm (the engine's index, the role cache)."""
    client.force_login(user)
    assert client.get(HOME).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(HOME).status_code == 200
    return len(captured)


def _more_of_everything(world, batch: int, n: int = 11) -> None:
    """``n`` more rows in every section of every role (more than a list shows), on the same
    profiles, so that the engine's index stays as it is."""
    a, b = world.roles.organisation, world.roles.other_organisation
    health = world.board.organisations["health"]
    today = timezone.localdate()
    for i in range(n):
        post = CooperationPostFactory(
            organisation=health,
            title=f"Example post {batch}-{i}",
            deadline=today + dt.timedelta(days=5),
        )
        PostMatch.objects.create(post=post, organisation=a, score=0.5, reasons="example")
        PostMatch.objects.create(post=post, organisation=b, score=0.5, reasons="example")
        own = CooperationPostFactory(organisation=a, title=f"Example own post {batch}-{i}")
        InterestFactory(post=own, organisation=health)
        collaboration_with_log(
            [a, b, health],
            [(Collaboration.Stage.IDENTIFIED, today), (Collaboration.Stage.CONTACT, today)],
            title=f"Example collaboration {batch}-{i}",
        )
        for organisation in (a, b):
            factories_clusters.ProfileChangeFactory(organisation=organisation)
        NotificationFactory(user=world.user("manager"))
        FundingCallFactory(deadline=today + dt.timedelta(days=30))
        Invitation.objects.create(
            email=f"invitee{batch}-{i}@example.org",
            role=Role.MEMBER,
            token=f"example-token-{batch}-{i}",
            expires_at=timezone.now() + dt.timedelta(days=7),
        )


@pytest.mark.parametrize(
    ("role", "most"), [("manager", 24), ("representative", 26), ("secretariat", 27)]
)
def test_the_queries_do_not_grow_with_the_data(
    client, homes_world, django_assert_max_num_queries, role, most
):
    """Once every list is longer than it shows, more rows cost no further query."""
    user = homes_world.user(role)
    _more_of_everything(homes_world, batch=1)
    before = _queries(client, user)
    _more_of_everything(homes_world, batch=2)
    assert _queries(client, user) == before
    with django_assert_max_num_queries(most):
        client.get(HOME)


def test_a_second_managed_cluster_adds_only_its_partner_suggestions(client, homes_world):
    manager = homes_world.user("manager")
    one = _queries(client, manager)
    factories_clusters.RoleAssignmentFactory(
        user=manager, role=Role.CLUSTER_MANAGER, organisation=homes_world.roles.other_organisation
    )
    two = _queries(client, manager)
    assert two - one <= 4  # the engine answers one profile at a time
