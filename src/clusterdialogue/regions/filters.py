"""Filter sets for regions, networks and territories (API and pages)."""

import django_filters

from clusterdialogue.regions.models import Region, Territory


class RegionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Code or name contains")
    code = django_filters.CharFilter(lookup_expr="iexact")
    parent = django_filters.CharFilter(field_name="parent__code")

    class Meta:
        model = Region
        fields = ["code", "level", "country_code", "kind", "parent"]

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))


class TerritoryFilterSet(django_filters.FilterSet):
    network = django_filters.CharFilter(field_name="network__slug")
    region = django_filters.CharFilter(field_name="region__code")

    class Meta:
        model = Territory
        fields = ["network", "region", "role"]
