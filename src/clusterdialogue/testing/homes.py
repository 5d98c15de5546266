"""Example data for the signed-in homes: something waiting in every section of every role.

Built on ``board_world`` (territories A, B and C, a user per role, battery and health clusters);
every organisation, post, call and collaboration is invented ("Example …"), never real.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from clusterdialogue.accounts.models import Invitation, Role
from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.models import Collaboration, CooperationPost, PostMatch
from clusterdialogue.testing import factories
from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.factories.board import (
    CooperationPostFactory,
    InterestFactory,
    NotificationFactory,
)
from clusterdialogue.testing.factories.calls import FundingCallFactory
from clusterdialogue.testing.factories.pipeline import collaboration_with_log

Stage = Collaboration.Stage


@dataclass
class HomesWorld:
    """``board_world`` and what each home shows (the ``hidden_*`` rows must not be shown)."""

    board: Any
    change_a: Any
    change_b: Any
    matched_post: Any
    hidden_closed_post: Any
    own_post: Any
    collaboration: Any
    hidden_closed_collaboration: Any
    notification: Any
    hidden_read_notification: Any
    call_soon: Any
    hidden_call_later: Any
    invitation: Any

    @property
    def roles(self) -> Any:
        return self.board.roles

    def user(self, name: str) -> Any:
        return self.board.user(name)


def homes_world_build(board_world: Any) -> HomesWorld:
    """Fill ``board_world`` with the homes' example data (see :class:`HomesWorld`)."""
    roles = board_world.roles
    a, b = roles.organisation, roles.other_organisation
    recycling = board_world.organisations["recycling"]
    today = timezone.localdate()
    # A meets the entry criteria but lacks labels and contact persons; A2 (same territory) does
    # not meet them (no website, no staff, no members).
    a.website = "https://example.org/example-cluster-a"
    a.members_sme, a.members_rto, a.staff_fte = 20, 2, Decimal("1.5")
    a.status = ClusterOrganisation.Status.ACTIVE
    a.save()
    electrical = factories.IndustryFactory(code="C27", name_en="Example electrical equipment")
    food = factories.IndustryFactory(code="C10", name_en="Example food products")
    a.sectors.add(electrical)
    factories.MappingResultFactory(
        region=roles.territory.region, level=1, category=electrical, lq=2.5, employment=5000
    )
    factories.MappingResultFactory(
        region=roles.territory.region, level=1, category=food, lq=0.8, employment=900
    )
    change_a = factories_clusters.ProfileChangeFactory(
        organisation=a, proposed_by=roles.user("manager")
    )
    change_b = factories_clusters.ProfileChangeFactory(
        organisation=b, proposed_by=roles.user("other_manager")
    )
    matched_post = CooperationPostFactory(
        organisation=recycling,
        title="Example: partners to test second-life batteries",
        deadline=today + dt.timedelta(days=10),
    )
    PostMatch.objects.create(post=matched_post, organisation=a, score=0.82, reasons="batteries")
    closed_post = CooperationPostFactory(
        organisation=recycling,
        title="Example: a closed request",
        status=CooperationPost.Status.CLOSED,
    )
    PostMatch.objects.create(post=closed_post, organisation=a, score=0.9, reasons="batteries")
    own_post = CooperationPostFactory(organisation=a, title="Example: a battery pilot line offer")
    InterestFactory(post=own_post, organisation=b)
    collaboration = collaboration_with_log(
        [a, b],
        [(Stage.IDENTIFIED, today - dt.timedelta(days=60)), (Stage.CONTACT, today)],
        title="Example: joint battery recycling application",
    )
    closed = collaboration_with_log(
        [a, recycling],
        [(Stage.IDENTIFIED, today - dt.timedelta(days=400)), (Stage.CLOSED, today - dt.timedelta(days=300))],
        title="Example: a finished mission",
    )  # fmt: skip
    manager = roles.user("manager")
    notification = NotificationFactory(user=manager, message="Example: a cluster is interested")
    read = NotificationFactory(user=manager, message="Example: old news", read_at=timezone.now())
    call_soon = FundingCallFactory(
        title="Example call closing soon", deadline=today + dt.timedelta(days=20)
    )
    call_later = FundingCallFactory(
        title="Example call closing later", deadline=today + dt.timedelta(days=200)
    )
    invitation = Invitation.objects.create(
        email="invitee@example.org",
        role=Role.CLUSTER_MANAGER,
        organisation=a,
        token=secrets.token_urlsafe(32),
        invited_by=roles.user("secretariat"),
        expires_at=timezone.now() + dt.timedelta(days=14),
    )
    return HomesWorld(
        board=board_world,
        change_a=change_a,
        change_b=change_b,
        matched_post=matched_post,
        hidden_closed_post=closed_post,
        own_post=own_post,
        collaboration=collaboration,
        hidden_closed_collaboration=closed,
        notification=notification,
        hidden_read_notification=read,
        call_soon=call_soon,
        hidden_call_later=call_later,
        invitation=invitation,
    )
