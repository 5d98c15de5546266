"""Every role × every write endpoint of the directory (pages and API): the answer and the effect.

The matrix is declarative (``clusterdialogue.testing.permissions``): each action says what it
does, the rule of ``clusters.permissions`` or ``accounts.permissions`` that guards it, how to see
whether it took effect (``applied``, ``proposed`` or ``none``), and the outcome each role should
get. A role missing from ``expected`` must be refused: the anonymous public is sent to sign in
(pages) or gets 401/403 (API), a signed-in user without the right gets 403 (or 400/404 where the
form or the queryset does not even offer the object), and nothing is stored. Where the action has
one object, ``can()`` must give every role the same answer as the page.

Rules that guard what a page shows rather than a write are checked role by role in
``test_read_rule_and_page_agree``; the last tests check that every rule is tried somewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterdialogue.accounts.models import Invitation
from clusterdialogue.clusters.models import (
    ClusterMember,
    ClusterOrganisation,
    ContactPerson,
    ProfileChange,
)
from clusterdialogue.common.permissions import can
from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.fixtures.accounts import ROLE_NAMES, RolesWorld, profile_form_data
from clusterdialogue.testing.permissions import (
    APPLIED,
    NONE,
    PROPOSED,
    Action,
    assert_rules_exercised,
    check_action,
)

pytestmark = pytest.mark.django_db

REVIEWERS = {"representative": APPLIED, "secretariat": APPLIED}
LOOKERS_AFTER = {"manager": APPLIED, **REVIEWERS}
ROLE_HOLDERS = {
    role: APPLIED for role in ("manager", "other_manager", "representative", "other_representative")
} | {"secretariat": APPLIED}
IMPORTED = b"name,region\nExample imported cluster,QA11\n"


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


def _page(client: Any, url: str, state: dict) -> Any:
    """GET a page, keeping the response for the outcome (a page shown is the effect)."""
    state["page"] = client.get(url)
    return state["page"]


def _import_checked_then_confirmed(client: Any, world: RolesWorld, state: dict) -> Any:
    upload = SimpleUploadedFile("profiles.csv", IMPORTED, content_type="text/csv")
    client.post(reverse("clusters:import"), {"file": upload})
    return client.post(reverse("clusters:import"), {"confirm": "1"})


def _organisation(world: RolesWorld, state: dict) -> ClusterOrganisation:
    return world.organisation


def _no_object(world: RolesWorld, state: dict) -> None:
    return None


ACTIONS = [
    Action(
        "page: edit profile (direct, or a proposal for managers)",
        lambda c, w, s: c.post(
            reverse("clusters:edit", args=[w.organisation.slug]),
            profile_form_data(w.organisation, city="Changed City"),
        ),
        _city_outcome,
        {**REVIEWERS, "manager": PROPOSED},
        rule="clusters.propose_change",
        rule_object=_organisation,
    ),
    Action(
        "page: see a proposed change",
        lambda c, w, s: _page(c, reverse("clusters:change_detail", args=[s["change"].pk]), s),
        lambda w, s: s["page"].status_code == 200 and b"Changed City" in s["page"].content,
        LOOKERS_AFTER,
        setup=_pending_change,
        rule="clusters.act_for",
        rule_object=_organisation,
    ),
    Action(
        "page: approve a proposed change",
        lambda c, w, s: c.post(reverse("clusters:change_approve", args=[s["change"].pk])),
        lambda w, s: _change_status(s, "approved"),
        REVIEWERS,
        setup=_pending_change,
        rule="clusters.validate",
        rule_object=lambda w, s: s["change"].organisation,
    ),
    Action(
        "page: reject a proposed change",
        lambda c, w, s: c.post(
            reverse("clusters:change_reject", args=[s["change"].pk]), {"comment": "No"}
        ),
        lambda w, s: _change_status(s, "rejected"),
        REVIEWERS,
        setup=_pending_change,
        rule="clusters.validate",
        rule_object=lambda w, s: s["change"].organisation,
    ),
    Action(
        "page: add a member",
        lambda c, w, s: c.post(
            reverse("clusters:member_add", args=[w.organisation.slug]),
            {"name": "New member", "member_type": "sme"},
        ),
        lambda w, s: APPLIED if ClusterMember.objects.filter(name="New member").exists() else NONE,
        LOOKERS_AFTER,
        rule="clusters.manage_members",
        rule_object=_organisation,
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
        rule="clusters.manage_members",
        rule_object=_organisation,
    ),
    Action(
        "page: delete a member",
        lambda c, w, s: c.post(
            reverse("clusters:member_delete", args=[w.organisation.slug, s["member"].pk])
        ),
        lambda w, s: NONE if ClusterMember.objects.filter(pk=s["member"].pk).exists() else APPLIED,
        LOOKERS_AFTER,
        setup=_member,
        rule="clusters.manage_members",
        rule_object=_organisation,
    ),
    Action(
        "page: import cluster profiles (check, then confirm)",
        _import_checked_then_confirmed,
        lambda w, s: ClusterOrganisation.objects.filter(name="Example imported cluster").exists(),
        {"secretariat": APPLIED},
        rule="clusters.import",
        rule_object=_no_object,
    ),
    Action(
        "page: open the invitations sent",
        lambda c, w, s: _page(c, reverse("accounts:invitation_list"), s),
        lambda w, s: s["page"].status_code == 200,
        ROLE_HOLDERS,
        rule="accounts.invite",
        rule_object=_no_object,
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
        rule="accounts.invite_manager",
        rule_object=_organisation,
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
        rule="accounts.invite_any_role",
        rule_object=_no_object,
    ),
    Action(
        "page: erase a contact person (the member is the person)",
        lambda c, w, s: c.post(
            reverse("accounts:contact_erase", args=[s["contact"].pk]), {"confirm": "on"}
        ),
        lambda w, s: NONE if ContactPerson.objects.filter(pk=s["contact"].pk).exists() else APPLIED,
        {"member": APPLIED, "secretariat": APPLIED},
        setup=_contact,
        rule="clusters.erase_contact",
        rule_object=lambda w, s: s["contact"],
    ),
    Action(
        "page: export a contact person's data",
        lambda c, w, s: c.get(reverse("accounts:contact_export", args=[s["contact"].pk])),
        lambda w, s: APPLIED if s.get("response_json") else NONE,
        {"member": APPLIED, "secretariat": APPLIED},
        setup=_contact,
        rule="clusters.erase_contact",
        rule_object=lambda w, s: s["contact"],
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
        rule="clusters.edit",
        rule_object=_organisation,
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
        rule="clusters.create",
        # The rule's object is the region the new profile is for.
        rule_object=lambda w, s: w.organisation.region.code,
    ),
    Action(
        "API: DELETE a profile",
        lambda c, w, s: c.delete(f"/api/clusters/{w.organisation.slug}/"),
        lambda w, s: (
            NONE if ClusterOrganisation.objects.filter(pk=w.organisation.pk).exists() else APPLIED
        ),
        {"secretariat": APPLIED},
        api=True,
        rule="clusters.delete",
        rule_object=_organisation,
    ),
    Action(
        "API: POST a member",
        lambda c, w, s: c.post(
            "/api/cluster-members/", _api_member_data(w), content_type="application/json"
        ),
        lambda w, s: APPLIED if ClusterMember.objects.filter(name="Api member").exists() else NONE,
        LOOKERS_AFTER,
        api=True,
        rule="clusters.manage_members",
        rule_object=_organisation,
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
        rule="clusters.manage_members",
        rule_object=_organisation,
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
        # The rule is asked for both organisations, so no single object gives the answer.
        rule="clusters.manage_members",
    ),
    Action(
        "API: DELETE a member",
        lambda c, w, s: c.delete(f"/api/cluster-members/{s['member'].pk}/"),
        lambda w, s: NONE if ClusterMember.objects.filter(pk=s["member"].pk).exists() else APPLIED,
        LOOKERS_AFTER,
        setup=_member,
        api=True,
        rule="clusters.manage_members",
        rule_object=_organisation,
    ),
]


@pytest.mark.parametrize("role", ROLE_NAMES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_role_may_or_may_not(client, roles_world, action: Action, role: str):
    check_action(client, roles_world, action, role)


@dataclass(frozen=True)
class Read:
    """A rule that decides what a page shows: who it allows, and what the page then shows."""

    rule: str
    allowed: frozenset[str]
    obj: Callable[[RolesWorld], Any]
    shown: Callable[[Any, RolesWorld, Any], bool] | None = None


def _hidden_profile(world: RolesWorld) -> ClusterOrganisation:
    organisation = _org(world)
    organisation.is_public = False
    organisation.save()
    return organisation


def _private_contact(world: RolesWorld) -> ContactPerson:
    return factories_clusters.ContactPersonFactory(
        organisation=world.organisation, name="Example Private Person", public_consent=False
    )


def _profile_shown(client: Any, world: RolesWorld, organisation: Any) -> bool:
    response = client.get(reverse("clusters:detail", args=[organisation.slug]))
    assert response.status_code in (200, 404)
    return response.status_code == 200


def _contact_shown(client: Any, world: RolesWorld, contact: Any) -> bool:
    response = client.get(reverse("clusters:detail", args=[world.organisation.slug]))
    return contact.name in response.content.decode()


def _queue_shown(client: Any, world: RolesWorld, obj: Any) -> bool:
    response = client.get(reverse("clusters:change_queue"))
    if response.status_code == 302:  # the public is sent to sign in
        return False
    return response.context["reviewer"]


def _queue_link_shown(client: Any, world: RolesWorld, obj: Any) -> bool:
    response = client.get(reverse("clusters:detail", args=[world.organisation.slug]))
    return "Validation queue" in response.content.decode()


SIGNED_IN = frozenset(ROLE_NAMES) - {"anonymous"}
REVIEWER_ROLES = frozenset({"representative", "other_representative", "secretariat"})
READS = [
    Read("clusters.view", frozenset(LOOKERS_AFTER), _hidden_profile, _profile_shown),
    Read("clusters.view_contact", SIGNED_IN, _private_contact, _contact_shown),
    Read("clusters.review_queue", REVIEWER_ROLES, lambda world: None, _queue_shown),
    Read("accounts.review_changes", REVIEWER_ROLES, lambda world: None, _queue_link_shown),
    # No page asks it directly: the API's objects without an organisation, erasing an account.
    Read("accounts.administer", frozenset({"secretariat"}), lambda world: None),
]


@pytest.mark.parametrize("role", ROLE_NAMES)
@pytest.mark.parametrize("read", READS, ids=lambda r: r.rule)
def test_read_rule_and_page_agree(client, roles_world, read: Read, role: str):
    obj = read.obj(roles_world)
    user = roles_world.user(role)
    allowed = role in read.allowed
    assert can(user, read.rule, obj) is allowed, f"{role} → can({read.rule!r})"
    if read.shown is not None:
        if user is not None:
            client.force_login(user)
        assert read.shown(client, roles_world, obj) is allowed, f"{role} → page of {read.rule}"


def _read_rules(feature: str) -> dict[str, str]:
    return {
        read.rule: "test_read_rule_and_page_agree"
        for read in READS
        if read.rule.startswith(f"{feature}.")
    }


def test_every_directory_rule_is_tried():
    assert_rules_exercised("clusters", ACTIONS, elsewhere=_read_rules("clusters"))


def test_every_accounts_rule_is_tried():
    assert_rules_exercised("accounts", ACTIONS, elsewhere=_read_rules("accounts"))
