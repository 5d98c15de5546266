"""Filters of the cluster directory, shared by the directory page, the API and the exports.

Every filter takes one value from the query string, so a URL such as
``/clusters/?q=mobilite&territory=3&size=50-199`` means the same list on the page, in the API
(``/api/clusters/?…``) and in the downloads (``/clusters/export.csv?…``).
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from clusterdialogue.clusters.models import ClusterMember, ClusterOrganisation, Label
from clusterdialogue.clusters.search import cluster_search_filter
from clusterdialogue.clusters.selectors import cluster_in_territory_q
from clusterdialogue.regions.models import Territory

# Bands of the number of members (all types together): value → (lowest, highest or None).
SIZE_BANDS = {"<15": (0, 14), "15-49": (15, 49), "50-199": (50, 199), "200+": (200, None)}
SIZE_CHOICES = [
    ("<15", _("fewer than 15 members")),
    ("15-49", _("15–49 members")),
    ("50-199", _("50–199 members")),
    ("200+", _("200 members or more")),
]


def member_total_expression():
    """The number of members of all types; organisations that give no figure count as 0."""
    fields = ClusterOrganisation.MEMBER_FIELDS
    total = Coalesce(fields[0], 0)
    for field in fields[1:]:
        total = total + Coalesce(field, 0)
    return total


def member_total_known_q() -> Q:
    """Organisations that give at least one member figure."""
    condition = Q()
    for field in ClusterOrganisation.MEMBER_FIELDS:
        condition |= Q(**{f"{field}__isnull": False})
    return condition


def size_band_q(band: str) -> Q:
    """Organisations whose member total falls into ``band`` (one of ``SIZE_BANDS``)."""
    low, high = SIZE_BANDS[band]
    condition = member_total_known_q() & Q(_member_total__gte=low)
    if high is not None:
        condition &= Q(_member_total__lte=high)
    return condition


def _in(queryset: QuerySet, **lookups) -> QuerySet:
    """Filter through a to-many relation without repeating rows (no DISTINCT needed)."""
    return queryset.filter(pk__in=ClusterOrganisation.objects.filter(**lookups).values("pk"))


class ClusterOrganisationFilterSet(django_filters.FilterSet):
    """The directory's filters: full text, place, sector, category, ecosystem, label, size, type."""

    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    territory = django_filters.ModelChoiceFilter(
        queryset=Territory.objects.select_related("region"),
        method="filter_territory",
        label=_("Territory"),
    )
    region = django_filters.CharFilter(method="filter_region", label=_("Region code (prefix)"))
    nace = django_filters.CharFilter(method="filter_nace", label=_("NACE code"))
    category = django_filters.CharFilter(method="filter_category", label=_("Cluster category"))
    ecosystem = django_filters.CharFilter(
        method="filter_ecosystem", label=_("Industrial ecosystem")
    )
    label = django_filters.CharFilter(method="filter_label", label=_("Label"))
    size = django_filters.ChoiceFilter(choices=SIZE_CHOICES, method="filter_size", label=_("Size"))
    member_type = django_filters.ChoiceFilter(
        choices=ClusterMember.MemberType.choices,
        method="filter_member_type",
        label=_("Has members of type"),
    )
    status = django_filters.ChoiceFilter(
        choices=ClusterOrganisation.Status.choices, label=_("Status")
    )

    class Meta:
        model = ClusterOrganisation
        fields = ["q", "territory", "region", "nace", "category", "ecosystem", "label", "size",
                  "member_type", "status"]  # fmt: skip

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return cluster_search_filter(queryset=queryset, query=value)

    def filter_territory(self, queryset: QuerySet, name: str, value: Territory) -> QuerySet:
        return queryset.filter(cluster_in_territory_q(territory=value))

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(region__code__startswith=value.strip().upper())

    def filter_nace(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # A division (C29) also matches its groups (C291); a section (C) all its divisions.
        return _in(queryset, sectors__code__startswith=value.strip().upper())

    def filter_category(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _in(queryset, categories__slug=value.strip())

    def filter_ecosystem(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _in(queryset, ecosystems__code=value.strip())

    def filter_label(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _in(queryset, labels__name__iexact=value.strip())

    def filter_size(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.alias(_member_total=member_total_expression()).filter(size_band_q(value))

    def filter_member_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{f"members_{value}__gt": 0})


class ClusterMemberFilterSet(django_filters.FilterSet):
    """Members by organisation (slug), type, size class or NACE code."""

    organisation = django_filters.CharFilter(field_name="organisation__slug")
    nace = django_filters.CharFilter(field_name="nace__code", lookup_expr="istartswith")
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = ClusterMember
        fields = ["organisation", "member_type", "size_class", "nace", "name"]


class LabelFilterSet(django_filters.FilterSet):
    """Labels by organisation (slug), name or level."""

    organisation = django_filters.CharFilter(field_name="organisation__slug")
    name = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Label
        fields = ["organisation", "name", "level"]
