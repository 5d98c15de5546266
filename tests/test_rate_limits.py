"""Rate limits: the REST API per client address and per account (HTTP 429 with Retry-After),
and invitations per inviter and hour (a clear refusal, nothing stored)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from clusterdialogue.accounts.invitations.services import invitation_create
from clusterdialogue.accounts.models import Invitation, Role
from clusterdialogue.testing.factories import clusters as factories_clusters

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def test_anonymous_api_requests_are_limited_per_address(client, settings):
    settings.CLUSTERDIALOGUE_API_ANON_RATE = "3/minute"
    statuses = [client.get("/api/regions/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/regions/")
    assert int(refused["Retry-After"]) > 0
    assert "throttled" in refused.json()["detail"].lower()
    # Another address has its own allowance.
    assert client.get("/api/regions/", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_signed_in_api_requests_are_limited_per_account(client, settings):
    settings.CLUSTERDIALOGUE_API_ANON_RATE = "1/minute"
    settings.CLUSTERDIALOGUE_API_USER_RATE = "2/minute"
    client.force_login(factories_clusters.UserFactory(username="example_throttled"))
    statuses = [client.get("/api/regions/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_no_limit_when_switched_off(client, settings):
    settings.CLUSTERDIALOGUE_API_ANON_RATE = None
    assert {client.get("/api/regions/").status_code for _ in range(20)} == {200}


def test_invitations_per_inviter_and_hour(settings):
    settings.CLUSTERDIALOGUE_INVITATIONS_PER_HOUR = 2
    inviter = factories_clusters.UserFactory(username="example_inviter")
    factories_clusters.RoleAssignmentFactory(user=inviter, role="secretariat")
    for n in range(2):
        invitation_create(inviter=inviter, email=f"x{n}@example.org", role=Role.MEMBER)
    with pytest.raises(ValidationError, match="2 invitations in the last hour"):
        invitation_create(inviter=inviter, email="x2@example.org", role=Role.MEMBER)
    assert Invitation.objects.count() == 2
