"""Who may do what in the cluster directory: profiles, their members, changes, contact persons.

* Public, non-archived profiles are open to everyone; the others to the people who look after them.
* The **secretariat** and the **territory representative** of the territory a cluster lies in
  change its profile directly and validate what its managers propose.
* A cluster's **managers** propose changes (they go live once validated) and edit its members.
* Creating a profile is for the secretariat, or a representative for a region of their
  territory; deleting one is for the secretariat.
* Contact persons are personal data: shown to signed-in users, or to all with consent; erased by
  the person themselves or the secretariat.

The rules are declared once in :data:`RULES` and asked through
``clusterdialogue.common.permissions.can`` (``can(user, "clusters.edit", organisation)``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rest_framework.permissions import SAFE_METHODS, BasePermission

from clusterdialogue.accounts.permissions import (
    user_is_registered,
    user_is_reviewer,
    user_is_secretariat,
    user_managed_organisation_ids,
    user_represented_territories,
)
from clusterdialogue.common.permissions import Rule, can, register_rules

if TYPE_CHECKING:
    from clusterdialogue.clusters.models import ClusterOrganisation, ContactPerson
    from clusterdialogue.regions.models import Territory


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


def user_acts_for_organisation(user: Any, organisation: ClusterOrganisation) -> bool:
    """Whether the user speaks for the cluster: its managers, its representative, the secretariat."""
    return user_manages_organisation(user, organisation) or user_can_edit_organisation(
        user, organisation
    )


def user_can_view_contact(user: Any, contact: ContactPerson) -> bool:
    """Contact persons are personal data: shown to signed-in users, or to all with consent."""
    return contact.public_consent or user_is_registered(user)


def user_can_erase_contact(user: Any, contact: ContactPerson) -> bool:
    """The person themselves, or the secretariat on the person's request."""
    if user_is_secretariat(user):
        return True
    return user_is_registered(user) and contact.user_id is not None and contact.user_id == user.pk


def _organisation_of(obj: Any) -> ClusterOrganisation | None:
    """The cluster organisation an API object belongs to (itself, or its ``organisation``)."""
    from clusterdialogue.clusters.models import ClusterOrganisation

    if isinstance(obj, ClusterOrganisation):
        return obj
    return getattr(obj, "organisation", None)


def _posted(request: Any, name: str) -> Any:
    """One value of the request's data (``None`` when the body is not a mapping)."""
    return request.data.get(name) if hasattr(request.data, "get") else None


def _organisation_from_request(request: Any) -> ClusterOrganisation | None:
    """The organisation a POST to a nested resource (members, labels, ...) names, if any."""
    from clusterdialogue.clusters.models import ClusterOrganisation

    value = _posted(request, "organisation")
    if value in (None, ""):
        return None
    organisations = ClusterOrganisation.objects.select_related("region")
    found = organisations.filter(slug=str(value)).first()
    if found is None and str(value).isdigit():
        found = organisations.filter(pk=int(value)).first()
    return found


class OrganisationPermission(BasePermission):
    """DRF permission for cluster profiles and the objects that hang off them (members, ...).

    Reading is open (the viewset's queryset decides what the public sees). Writing asks the
    rules of :data:`RULES`: a profile is changed directly by those ``clusters.edit`` allows
    (managers propose changes through the profile page instead); members, labels and similar
    objects by those ``clusters.manage_members`` allows; creating a profile needs
    ``clusters.create`` for its region, deleting one ``clusters.delete``.
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
                return can(request.user, "clusters.create", str(_posted(request, "region") or ""))
            organisation = _organisation_from_request(request)
            # Without a known organisation the serializer answers 400 for the missing field.
            return organisation is None or can(
                request.user, "clusters.manage_members", organisation
            )
        return True

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        organisation = _organisation_of(obj)
        if organisation is None:
            return can(request.user, "accounts.administer")
        if organisation is obj:
            return self._profile_write_allowed(request, organisation)
        if request.method in ("PUT", "PATCH") and "organisation" in getattr(request, "data", {}):
            # Moving a member to another organisation needs rights on both.
            target = _organisation_from_request(request)
            if target is not None and not can(request.user, "clusters.manage_members", target):
                return False
        return can(request.user, "clusters.manage_members", organisation)

    def _profile_write_allowed(self, request: Any, organisation: ClusterOrganisation) -> bool:
        if request.method == "DELETE":
            return can(request.user, "clusters.delete", organisation)
        if can(request.user, "clusters.edit", organisation):
            region = _posted(request, "region")
            # Moving a profile to another region needs rights in the new region too.
            return not region or can(request.user, "clusters.create", str(region))
        if can(request.user, "clusters.propose_change", organisation):
            self.message = (
                "Cluster managers propose profile changes on the profile page "
                f"({organisation.get_absolute_url()}edit/); they go live once the "
                "territory's representative validates them."
            )
        return False


RULES = register_rules(
    "clusters",
    {
        "view": Rule(
            user_can_view_organisation,
            who="everyone for public profiles; otherwise its managers, representative, secretariat",
        ),
        "edit": Rule(
            user_can_edit_organisation,
            who="the secretariat and the cluster's territory representative (applied directly)",
        ),
        "propose_change": Rule(
            user_can_propose_change,
            who="the cluster's managers (a proposal), its representative and the secretariat",
        ),
        "validate": Rule(
            user_can_validate_organisation,
            who="the secretariat and the cluster's territory representative",
        ),
        "review_queue": Rule(
            lambda user, obj: user_is_reviewer(user),
            who="the secretariat and territory representatives",
            needs_object=False,
        ),
        "manage_members": Rule(
            user_can_manage_members,
            who="the cluster's managers, its territory representative and the secretariat",
        ),
        "act_for": Rule(
            user_acts_for_organisation,
            who="the cluster's managers, its territory representative and the secretariat",
        ),
        "create": Rule(
            lambda user, region_code: user_can_create_organisation(user, region_code),
            who="the secretariat, or a representative for a region of their territory",
            needs_object=False,
        ),
        "delete": Rule(user_can_delete_organisation, who="the secretariat"),
        "import": Rule(
            lambda user, obj: user_is_secretariat(user), who="the secretariat", needs_object=False
        ),
        "view_contact": Rule(
            user_can_view_contact, who="signed-in users, or everyone with the person's consent"
        ),
        "erase_contact": Rule(
            user_can_erase_contact, who="the person themselves and the secretariat"
        ),
    },
)
