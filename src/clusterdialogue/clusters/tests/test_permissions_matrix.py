"""Every role × every write endpoint (pages and API): try it, check the answer and the effect.

The matrix is declarative: each action says what it does, how to see whether it took effect
(``applied``, ``proposed`` or ``none``), and the outcome each role should get. A role missing from
``expected`` must be refused: the anonymous public is sent to sign in (pages) or gets 401/403
(API), a signed-in user without the right gets 403 (or 400/404 where the form or the queryset
does not even offer the object), and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse

from clusterdialogue.accounts.models import Invitation
from clusterdialogue.clusters.models import (
    ClusterMember,
    ClusterOrganisation,
    ContactPerson,
    ProfileChange,
)
from clusterdialogue.testing import factories_clusters
from clusterdialogue.testing.fixtures_accounts import ROLE_NAMES, RolesWorld, profile_form_data

pytestmark = pytest.mark.django_db

APPLIED, PROPOSED, NONE = "applied", "proposed", "none"
REVIEWERS = {"representative": APPLIED, "secretariat": APPLIED}
LOOKERS_AFTER = {"manager": APPLIED, **REVIEWERS}


@dataclass(frozen=True)
class Action:
    """One write a user may try, with the effect to look for and who should get it."""

    name: str
    perform: Callable[[Any, RolesWorld, dict], Any]
    outcome: Callable[[RolesWorld, dict], str]
    expected: dict[str, str]
    setup: Callable[[RolesWorld], dict] = field(default=lambda world: {})
    api: bool = False


def _org(world: RolesWorld) -> ClusterOrganisation:
    return ClusterOrganisation.objects.get(pk=world.organisation.pk)


def _city_outcome(world: RolesWorld, state: dict) -> str:
    if _org(world).city == "Changed City":
        return APPLIED
    return PROPOSED if ProfileChange.objects.filter(changes__has_key="city").exists() else NONE


def _pending_change(world: RolesWorld) -> dict:
    change = factories_clusters.ProfileChangeFactory(
        organisation=world.organisation,
        proposed_by=world.user("manager"),
        changes={"city": {"old": "Alpha", "new": "Changed City"}},
    )
    return {"change": change}


def _change_status(state: dict, status: str) -> str:
    state["change"].refresh_from_db()
    return APPLIED if state["change"].status == status else NONE


def _member(world: RolesWorld) -> dict:
    return {"member": factories_clusters.ClusterMemberFactory(organisation=world.organisation)}


def _member_field(state: dict, **values: Any) -> str:
    return (
        APPLIED if ClusterMember.objects.filter(pk=state["member"].pk, **values).exists() else NONE
    )


def _contact(world: RolesWorld) -> dict:
    contact = factories_clusters.ContactPersonFactory(
        organisation=world.organisation, user=world.user("member")
    )
    return {"contact": contact}


def _api_member_data(world: RolesWorld, organisation: Any = None) -> dict:
    organisation = organisation or world.organisation
    return {"organisation": organisation.slug, "name": "Api member", "member_type": "sme"}


ACTIONS = [
    Action(
        "page: edit profile (direct, or a proposal for managers)",
        lambda c, w, s: c.post(
            reverse("clusters:edit", args=[w.organisation.slug]),
            profile_form_data(w.organisation, city="Changed City"),
        ),
        _city_outcome,
        {**REVIEWERS, "manager": PROPOSED},
    ),
    Action(
        "page: approve a proposed change",
        lambda c, w, s: c.post(reverse("clusters:change_approve", args=[s["change"].pk])),
        lambda w, s: _change_status(s, "approved"),
        REVIEWERS,
        setup=_pending_change,
    ),
    Action(
        "page: reject a proposed change",
        lambda c, w, s: c.post(
            reverse("clusters:change_reject", args=[s["change"].pk]), {"comment": "No"}
        ),
        lambda w, s: _change_status(s, "rejected"),
        REVIEWERS,
        setup=_pending_change,
    ),
    Action(
        "page: add a member",
        lambda c, w, s: c.post(
            reverse("clusters:member_add", args=[w.organisation.slug]),
            {"name": "New member", "member_type": "sme"},
        ),
        lambda w, s: APPLIED if ClusterMember.objects.filter(name="New member").exists() else NONE,
        LOOKERS_AFTER,
    ),
    Action(
        "page: edit a member",
        lambda c, w, s: c.post(
            reverse("clusters:member_edit", args=[w.organisation.slug, s["member"].pk]),
            {"name": "Renamed member", "member_type": "large"},
        ),
        lambda w, s: _member_field(s, name="Renamed member"),
        LOOKERS_AFTER,
        setup=_member,
    ),
    Action(
        "page: delete a member",
        lambda c, w, s: c.post(
            reverse("clusters:member_delete", args=[w.organisation.slug, s["member"].pk])
        ),
        lambda w, s: NONE if ClusterMember.objects.filter(pk=s["member"].pk).exists() else APPLIED,
        LOOKERS_AFTER,
        setup=_member,
    ),
    Action(
        "page: invite a cluster manager",
        lambda c, w, s: c.post(
            reverse("accounts:invitation_create"),
            {
                "email": "new@example.org",
                "role": "cluster_manager",
                "organisation": w.organisation.slug,
            },
        ),
        lambda w, s: APPLIED if Invitation.objects.exists() else NONE,
        LOOKERS_AFTER,
    ),
    Action(
        "page: invite a territory representative",
        lambda c, w, s: c.post(
            reverse("accounts:invitation_create"),
            {
                "email": "new@example.org",
                "role": "territory_representative",
                "territory": w.territory.pk,
            },
        ),
        lambda w, s: APPLIED if Invitation.objects.exists() else NONE,
        {"secretariat": APPLIED},
    ),
    Action(
        "page: erase a contact person (the member is the person)",
        lambda c, w, s: c.post(
            reverse("accounts:contact_erase", args=[s["contact"].pk]), {"confirm": "on"}
        ),
        lambda w, s: NONE if ContactPerson.objects.filter(pk=s["contact"].pk).exists() else APPLIED,
        {"member": APPLIED, "secretariat": APPLIED},
        setup=_contact,
    ),
    Action(
        "page: export a contact person's data",
        lambda c, w, s: c.get(reverse("accounts:contact_export", args=[s["contact"].pk])),
        lambda w, s: APPLIED if s.get("response_json") else NONE,
        {"member": APPLIED, "secretariat": APPLIED},
        setup=_contact,
    ),
    Action(
        "API: PATCH a profile",
        lambda c, w, s: c.patch(
            f"/api/clusters/{w.organisation.slug}/",
            {"city": "Changed City"},
            content_type="application/json",
        ),
        _city_outcome,
        REVIEWERS,
        api=True,
    ),
    Action(
        "API: POST a profile",
        lambda c, w, s: c.post(
            "/api/clusters/",
            {"name": "Api cluster", "slug": "api-cluster", "region": w.organisation.region.code},
            content_type="application/json",
        ),
        lambda w, s: (
            APPLIED if ClusterOrganisation.objects.filter(slug="api-cluster").exists() else NONE
        ),
        REVIEWERS,
        api=True,
    ),
    Action(
        "API: DELETE a profile",
        lambda c, w, s: c.delete(f"/api/clusters/{w.organisation.slug}/"),
        lambda w, s: (
            NONE if ClusterOrganisation.objects.filter(pk=w.organisation.pk).exists() else APPLIED
        ),
        {"secretariat": APPLIED},
        api=True,
    ),
    Action(
        "API: POST a member",
        lambda c, w, s: c.post(
            "/api/cluster-members/", _api_member_data(w), content_type="application/json"
        ),
        lambda w, s: APPLIED if ClusterMember.objects.filter(name="Api member").exists() else NONE,
        LOOKERS_AFTER,
        api=True,
    ),
    Action(
        "API: PATCH a member",
        lambda c, w, s: c.patch(
            f"/api/cluster-members/{s['member'].pk}/",
            {"name": "Renamed member"},
            content_type="application/json",
        ),
        lambda w, s: _member_field(s, name="Renamed member"),
        LOOKERS_AFTER,
        setup=_member,
        api=True,
    ),
    Action(
        "API: PATCH a member into another cluster",
        lambda c, w, s: c.patch(
            f"/api/cluster-members/{s['member'].pk}/",
            {"organisation": w.other_organisation.slug},
            content_type="application/json",
        ),
        lambda w, s: _member_field(s, organisation=w.other_organisation),
        {"secretariat": APPLIED},
        setup=_member,
        api=True,
    ),
    Action(
        "API: DELETE a member",
        lambda c, w, s: c.delete(f"/api/cluster-members/{s['member'].pk}/"),
        lambda w, s: NONE if ClusterMember.objects.filter(pk=s["member"].pk).exists() else APPLIED,
        LOOKERS_AFTER,
        setup=_member,
        api=True,
    ),
]


@pytest.mark.parametrize("role", ROLE_NAMES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_role_may_or_may_not(client, roles_world, action: Action, role: str):
    state = action.setup(roles_world)
    user = roles_world.user(role)
    if user is not None:
        client.force_login(user)
    response = action.perform(client, roles_world, state)
    if (
        response.get("Content-Type", "").startswith("application/json")
        and response.status_code == 200
    ):
        state["response_json"] = response.content
    expected = action.expected.get(role, NONE)
    answer = f"{role} → {action.name}: HTTP {response.status_code}"
    assert action.outcome(roles_world, state) == expected, answer
    if expected != NONE:
        assert response.status_code in (200, 201, 204, 302), answer
    elif user is None and not action.api:
        assert response.status_code == 302, answer
        assert response["Location"].startswith(reverse("accounts:login")), answer
    elif user is None:
        assert response.status_code in (401, 403), answer
    else:
        assert response.status_code in (400, 403, 404), answer
