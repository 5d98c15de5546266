"""Filters of the funding calls, shared by the calls page and the API (``?status=open&programme=…``)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from clusterdialogue.collaboration.calls.selectors import (
    CallStatus,
    funding_call_status_q,
)
from clusterdialogue.collaboration.models import FundingCall


class FundingCallFilterSet(django_filters.FilterSet):
    """Filters of the calls list, on the page and in the API (``?status=open&programme=…``)."""

    status = django_filters.ChoiceFilter(
        choices=CallStatus.CHOICES,
        method="filter_status",
        label=_("Status"),
        empty_label=_("any"),
    )
    programme = django_filters.CharFilter(lookup_expr="iexact", label=_("Programme"))
    is_example = django_filters.BooleanFilter(label=_("Example calls"))
    deadline_after = django_filters.DateFilter(
        field_name="deadline", lookup_expr="gte", label=_("Deadline from")
    )
    deadline_before = django_filters.DateFilter(
        field_name="deadline", lookup_expr="lte", label=_("Deadline until")
    )

    class Meta:
        model = FundingCall
        fields = ["status", "programme", "is_example", "deadline_after", "deadline_before"]

    def filter_status(self, queryset, name: str, value: str):
        return queryset.filter(funding_call_status_q(status=value)) if value else queryset
