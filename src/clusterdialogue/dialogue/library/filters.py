"""Filters of the library, shared by its page and its API."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from clusterdialogue.dialogue.library.selectors import (
    entries_new_since,
    library_last_meeting,
    policy_instrument_search_filter,
)
from clusterdialogue.dialogue.models import PolicyInstrument, PracticeCase
from clusterdialogue.regions.models import Territory


class PolicyInstrumentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_query")
    territory = django_filters.ModelChoiceFilter(
        label=_("Territory"), queryset=Territory.objects.select_related("region")
    )
    type = django_filters.ChoiceFilter(
        label=_("Type"), field_name="kind", choices=PolicyInstrument.Kind.choices
    )
    tag = django_filters.CharFilter(label=_("Tag"), method="filter_tag")
    language = django_filters.CharFilter(label=_("Language"), field_name="language")
    new = django_filters.BooleanFilter(label=_("New since the last meeting"), method="filter_new")

    class Meta:
        model = PolicyInstrument
        fields = ["q", "territory", "type", "tag", "language", "new"]

    def filter_query(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return policy_instrument_search_filter(queryset=queryset, query=value)

    def filter_tag(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # JSON list containment is not portable to SQLite; the list is small, so match in Python.
        wanted = value.strip().casefold()
        ids = [i.pk for i in queryset if wanted in (t.casefold() for t in i.tags)]
        return queryset.filter(pk__in=ids)

    def filter_new(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if not value:
            return queryset
        return entries_new_since(queryset=queryset, meeting=library_last_meeting())


class PracticeCaseFilterSet(django_filters.FilterSet):
    territory = django_filters.ModelChoiceFilter(queryset=Territory.objects.all())
    kind = django_filters.ChoiceFilter(choices=PracticeCase.Kind.choices)

    class Meta:
        model = PracticeCase
        fields = ["territory", "kind", "instrument", "presented_at"]
