"""Filter sets for statistics and mapping results."""

import django_filters

from clusterdialogue.statistics.models import Industry, MappingResult, Observation


class IndustryFilterSet(django_filters.FilterSet):
    class Meta:
        model = Industry
        fields = ["scheme", "section"]


class ObservationFilterSet(django_filters.FilterSet):
    dataset = django_filters.CharFilter(field_name="dataset__code")
    region = django_filters.CharFilter(field_name="region__code")
    industry = django_filters.CharFilter(field_name="industry__code")
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte")

    class Meta:
        model = Observation
        fields = ["dataset", "region", "industry", "indicator", "year", "flag"]


class MappingResultFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region__code")
    category = django_filters.CharFilter(field_name="category__code")
    min_lq = django_filters.NumberFilter(field_name="lq", lookup_expr="gte")
    min_stars = django_filters.NumberFilter(field_name="stars", lookup_expr="gte")

    class Meta:
        model = MappingResult
        fields = ["scheme", "level", "year", "region", "category", "strong", "source"]
