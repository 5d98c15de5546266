"""What a complete cluster profile holds, and how much of it a profile has.

The items are what the European Cluster Collaboration Platform asks of a profile and what the
partner engine reads (description, keywords, sectors, offers and needs): a profile without them
is hard to find and gets poor suggestions. Each item says where it is filled in: a field of the
profile form, or (labels, contact persons) the secretariat, who records them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from clusterdialogue.clusters.models import (
    ClusterMember,
    ClusterOrganisation,
    ContactPerson,
    Label,
)


@dataclass(frozen=True)
class ProfileItem:
    """One thing a complete profile has: whether this one has it, and where to fill it in."""

    key: str
    label: str
    filled: bool
    url: str
    hint: str = ""  # how to fill it in, when no field of the profile form holds it


@dataclass(frozen=True)
class ProfileCompleteness:
    """The items of one profile, with the share that is filled in."""

    items: tuple[ProfileItem, ...]

    @property
    def percent(self) -> int:
        """The filled share of the items, in whole percent (a full profile is 100)."""
        filled = sum(1 for item in self.items if item.filled)
        return round(100 * filled / len(self.items))

    @property
    def missing(self) -> list[ProfileItem]:
        """The items still to fill in, in the order of the list."""
        return [item for item in self.items if not item.filled]


def organisation_annotate_completeness(
    *, queryset: QuerySet[ClusterOrganisation]
) -> QuerySet[ClusterOrganisation]:
    """``queryset`` with what :func:`profile_completeness` reads of the related tables.

    Each is an ``EXISTS`` in the same query, so the completeness of many profiles costs one query.
    """
    owner = OuterRef("pk")
    sectors, categories, ecosystems = (
        getattr(ClusterOrganisation, name).through.objects.filter(clusterorganisation=owner)
        for name in ("sectors", "categories", "ecosystems")
    )
    return queryset.annotate(
        has_sectors=Exists(sectors),
        has_categories=Exists(categories),
        has_ecosystems=Exists(ecosystems),
        has_member_list=Exists(ClusterMember.objects.filter(organisation=owner)),
        has_labels=Exists(Label.objects.filter(organisation=owner)),
        has_contacts=Exists(ContactPerson.objects.filter(organisation=owner)),
    )


def profile_completeness(*, organisation: ClusterOrganisation) -> ProfileCompleteness:
    """How complete the profile is; ``organisation`` comes annotated by
    :func:`organisation_annotate_completeness` (no further query)."""
    o = organisation
    edit = reverse("clusters:edit", args=[o.slug])
    profile = o.get_absolute_url()

    def field(name: str) -> str:
        return f"{edit}#id_profile-{name}"

    secretariat = _("The secretariat records them: send it the details.")
    items = (
        ProfileItem(
            "description",
            _("Description"),
            bool(o.description or any(o.descriptions.values())),
            field("description"),
        ),
        ProfileItem("website", _("Website"), bool(o.website), field("website")),
        ProfileItem(
            "location",
            _("Location (city and map coordinates)"),
            bool(o.city) and o.latitude is not None and o.longitude is not None,
            field("city"),
        ),
        ProfileItem("sectors", _("Sectors (NACE)"), o.has_sectors, field("sectors")),
        ProfileItem("categories", _("Cluster categories"), o.has_categories, field("categories")),
        ProfileItem(
            "ecosystems", _("Industrial ecosystems"), o.has_ecosystems, field("ecosystems")
        ),
        ProfileItem(
            "keywords",
            _("Keywords or technologies"),
            bool(o.keywords or o.technologies),
            field("keywords"),
        ),
        ProfileItem(
            "partnering",
            _("What it offers and looks for"),
            bool(o.offers or o.looking_for),
            field("offers"),
        ),
        ProfileItem(
            "members",
            _("Members (counts by type, or the list)"),
            o.member_total is not None or o.has_member_list,
            field("members_sme"),
        ),
        ProfileItem(
            "staff", _("Management staff (FTE)"), o.staff_fte is not None, field("staff_fte")
        ),
        ProfileItem("labels", _("Labels"), o.has_labels, profile, secretariat),
        ProfileItem(
            "contacts", _("Contact persons"), o.has_contacts, f"{profile}#contacts", secretariat
        ),
    )
    return ProfileCompleteness(items=items)
