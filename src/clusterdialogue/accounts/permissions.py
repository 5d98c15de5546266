"""Who may do what: roles, scoped to a network, a territory or one cluster organisation.

Roles (``accounts.models.Role``):

* the **secretariat** administers the network: it may do everything (a superuser counts as one);
* a **territory representative** edits the profiles of the clusters located in their territory,
  validates the changes their managers propose, and invites managers for those clusters;
* a **cluster manager** proposes changes to their own organisation's profile (they go live once
  validated), edits its members, and invites colleagues as managers of the same organisation;
* a **registered member** is signed in and reads contact persons;
* the anonymous **public** reads public profiles only.

Every check is a plain function ``user_can_<action>(user, <object>)`` so views, the API, templates
and tests share one answer. A user's role assignments are read once per user object and cached on
it (``role_cache_clear`` forgets them after a change).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rest_framework.permissions import SAFE_METHODS, BasePermission

from clusterdialogue.accounts.models import Role, RoleAssignment

if TYPE_CHECKING:
    from clusterdialogue.clusters.models import ClusterOrganisation, ContactPerson
    from clusterdialogue.regions.models import Territory

_CACHE_ATTRIBUTE = "_clusterdialogue_role_assignments"


def user_role_assignments(user: Any) -> list[RoleAssignment]:
    """The user's role assignments (none for the anonymous public), cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user).select_related(
                "territory__region", "organisation__region", "network"
            )
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def role_cache_clear(user: Any) -> None:
    """Forget the cached role assignments, after a role was granted or withdrawn."""
    if user is not None and hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _has_role(user: Any, role: str) -> bool:
    return any(a.role == role for a in user_role_assignments(user))


def user_is_secretariat(user: Any) -> bool:
    """Whether the user administers the network (the secretariat role, or a superuser)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or _has_role(user, Role.SECRETARIAT)


def user_is_registered(user: Any) -> bool:
    """Whether the user is signed in (every account is at least a registered member)."""
    return bool(user is not None and getattr(user, "is_authenticated", False))


def user_represented_territories(user: Any) -> list[Territory]:
    """The territories the user represents."""
    return [
        a.territory
        for a in user_role_assignments(user)
        if a.role == Role.TERRITORY_REPRESENTATIVE and a.territory is not None
    ]


def user_managed_organisation_ids(user: Any) -> set[int]:
    """Primary keys of the cluster organisations the user manages."""
    return {
        a.organisation_id
        for a in user_role_assignments(user)
        if a.role == Role.CLUSTER_MANAGER and a.organisation_id is not None
    }


def user_is_reviewer(user: Any) -> bool:
    """Whether the user validates proposed changes somewhere (secretariat or a representative)."""
    return user_is_secretariat(user) or bool(user_represented_territories(user))


def organisation_in_territory(organisation: ClusterOrganisation, territory: Territory) -> bool:
    """Whether the organisation lies in the territory (same rule as ``cluster_in_territory_q``)."""
    from clusterdialogue.clusters.selectors import territory_region_codes

    code = organisation.region.code
    return any(code.startswith(prefix) for prefix in territory_region_codes(territory=territory))


def user_represents_organisation(user: Any, organisation: ClusterOrganisation) -> bool:
    """Whether the user represents the territory the organisation lies in."""
    return any(
        organisation_in_territory(organisation, territory)
        for territory in user_represented_territories(user)
    )


def user_manages_organisation(user: Any, organisation: ClusterOrganisation) -> bool:
    """Whether the user is a cluster manager of this organisation."""
    return organisation.pk in user_managed_organisation_ids(user)


def user_can_view_organisation(user: Any, organisation: ClusterOrganisation) -> bool:
    """Public, non-archived profiles are open to all; the others to the people who look after them."""
    if organisation.is_public and organisation.status != organisation.Status.ARCHIVED:
        return True
    return user_can_propose_change(user, organisation)


def user_can_edit_organisation(user: Any, organisation: ClusterOrganisation) -> bool:
    """Whether the user's edits of the profile apply directly (secretariat, representative)."""
    return user_is_secretariat(user) or user_represents_organisation(user, organisation)


def user_can_propose_change(user: Any, organisation: ClusterOrganisation) -> bool:
    """Whether the user may edit the profile at all (a manager's edit becomes a proposal)."""
    return user_can_edit_organisation(user, organisation) or user_manages_organisation(
        user, organisation
    )


def user_can_validate_organisation(user: Any, organisation: ClusterOrganisation) -> bool:
    """Whether the user approves or rejects proposed changes of this organisation."""
    return user_can_edit_organisation(user, organisation)


def user_can_manage_members(user: Any, organisation: ClusterOrganisation) -> bool:
    """Whether the user adds, edits and deletes the organisation's members (applied directly)."""
    return user_can_propose_change(user, organisation)


def user_can_delete_organisation(user: Any, organisation: ClusterOrganisation) -> bool:
    """Deleting a whole profile is the secretariat's decision."""
    return user_is_secretariat(user)


def user_can_create_organisation(user: Any, region_code: str | None = None) -> bool:
    """New profiles come from the secretariat, or a representative for a region of their territory.

    Without ``region_code`` the answer is whether the user may create profiles anywhere at all.
    """
    from clusterdialogue.clusters.selectors import territory_region_codes

    if user_is_secretariat(user):
        return True
    territories = user_represented_territories(user)
    if region_code is None:
        return bool(territories)
    return any(
        region_code.startswith(prefix)
        for territory in territories
        for prefix in territory_region_codes(territory=territory)
    )


def user_can_view_contact(user: Any, contact: ContactPerson) -> bool:
    """Contact persons are personal data: shown to signed-in users, or to all with consent."""
    return contact.public_consent or user_is_registered(user)


def user_can_erase_contact(user: Any, contact: ContactPerson) -> bool:
    """The person themselves, or the secretariat on the person's request."""
    if user_is_secretariat(user):
        return True
    return user_is_registered(user) and contact.user_id is not None and contact.user_id == user.pk


def user_can_invite(user: Any, role: str, scope: Any = None) -> bool:
    """Whether the user may invite someone to ``role`` within ``scope``.

    ``scope`` is a ``ClusterOrganisation`` for cluster managers, a ``Territory`` for
    representatives, and a ``Network`` or ``None`` for the secretariat and registered members.
    """
    from clusterdialogue.clusters.models import ClusterOrganisation

    if user_is_secretariat(user):
        return True
    if role != Role.CLUSTER_MANAGER or not isinstance(scope, ClusterOrganisation):
        return False
    return user_represents_organisation(user, scope) or user_manages_organisation(user, scope)


def user_can_invite_anyone(user: Any) -> bool:
    """Whether the user may send at least some invitation (shows the invitations page)."""
    return user_is_secretariat(user) or any(
        a.role in (Role.TERRITORY_REPRESENTATIVE, Role.CLUSTER_MANAGER)
        for a in user_role_assignments(user)
    )


def _organisation_of(obj: Any) -> ClusterOrganisation | None:
    """The cluster organisation an API object belongs to (itself, or its ``organisation``)."""
    from clusterdialogue.clusters.models import ClusterOrganisation

    if isinstance(obj, ClusterOrganisation):
        return obj
    return getattr(obj, "organisation", None)


def _organisation_from_request(request: Any) -> ClusterOrganisation | None:
    """The organisation a POST to a nested resource (members, labels, ...) names, if any."""
    from clusterdialogue.clusters.models import ClusterOrganisation

    value = request.data.get("organisation") if hasattr(request.data, "get") else None
    if value in (None, ""):
        return None
    organisations = ClusterOrganisation.objects.select_related("region")
    found = organisations.filter(slug=str(value)).first()
    if found is None and str(value).isdigit():
        found = organisations.filter(pk=int(value)).first()
    return found


class OrganisationPermission(BasePermission):
    """DRF permission for cluster profiles and the objects that hang off them (members, ...).

    Reading is open (the viewset's queryset decides what the public sees). Writing needs an
    account with a role on the organisation: a profile is changed directly by the secretariat
    and the territory's representative only (managers propose changes through the profile
    page); members, labels and similar objects by its managers too; creating or deleting a
    profile by the secretariat (creating also by representatives).
    """

    message = "Your account has no role on this cluster organisation that allows this change."

    def has_permission(self, request: Any, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not user_is_registered(request.user):
            return False
        if request.method == "POST" and getattr(view, "action", None) == "create":
            from clusterdialogue.clusters.models import ClusterOrganisation

            if getattr(view, "queryset", None) is not None and (
                view.queryset.model is ClusterOrganisation
            ):
                region = request.data.get("region") if hasattr(request.data, "get") else None
                return user_can_create_organisation(request.user, str(region or ""))
            organisation = _organisation_from_request(request)
            # Without a known organisation the serializer answers 400 for the missing field.
            return organisation is None or user_can_manage_members(request.user, organisation)
        return True

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        organisation = _organisation_of(obj)
        if organisation is None:
            return user_is_secretariat(request.user)
        if organisation is obj:
            if request.method == "DELETE":
                return user_can_delete_organisation(request.user, organisation)
            if user_can_edit_organisation(request.user, organisation):
                region = request.data.get("region") if hasattr(request.data, "get") else None
                # Moving a profile to another region needs rights in the new region too.
                return not region or user_can_create_organisation(request.user, str(region))
            if user_manages_organisation(request.user, organisation):
                self.message = (
                    "Cluster managers propose profile changes on the profile page "
                    f"({organisation.get_absolute_url()}edit/); they go live once the "
                    "territory's representative validates them."
                )
            return False
        if request.method in ("PUT", "PATCH") and "organisation" in getattr(request, "data", {}):
            # Moving a member to another organisation needs rights on both.
            target = _organisation_from_request(request)
            if target is not None and not user_can_manage_members(request.user, target):
                return False
        return user_can_manage_members(request.user, organisation)
