"""API of the library: read-only instruments and cases, with the page's filters."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from clusterdialogue.dialogue.library.filters import (
    PolicyInstrumentFilterSet,
    PracticeCaseFilterSet,
)
from clusterdialogue.dialogue.library.selectors import (
    policy_instrument_queryset,
    practice_case_list,
)
from clusterdialogue.dialogue.models import PolicyInstrument, PracticeCase


class PolicyInstrumentSerializer(serializers.ModelSerializer):
    territory = serializers.CharField(source="territory.region.code")
    type = serializers.CharField(source="kind")
    page = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = PolicyInstrument
        fields = [
            "id", "territory", "name", "type", "managing_body", "description", "budget_amount",
            "budget_currency", "start_year", "end_year", "target_groups", "results", "links",
            "language", "tags", "source", "is_example", "created_at", "updated_at", "page",
        ]  # fmt: skip


class PracticeCaseSerializer(serializers.ModelSerializer):
    territory = serializers.CharField(source="territory.region.code")
    page = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = PracticeCase
        fields = [
            "id", "title", "territory", "kind", "summary", "instrument", "presented_at", "tags",
            "source", "is_example", "created_at", "page",
        ]  # fmt: skip


class PolicyInstrumentViewSet(viewsets.ReadOnlyModelViewSet):
    """The library's instruments; ``q`` searches like the page (all six languages)."""

    serializer_class = PolicyInstrumentSerializer
    filterset_class = PolicyInstrumentFilterSet

    def get_queryset(self):
        return policy_instrument_queryset().order_by("pk")


class PracticeCaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Good practices and lessons learned, with the meeting where each was presented."""

    serializer_class = PracticeCaseSerializer
    filterset_class = PracticeCaseFilterSet

    def get_queryset(self):
        return practice_case_list().order_by("pk")


ROUTES: list = [
    ("dialogue/policy-instruments", PolicyInstrumentViewSet, "dialogue-policy-instrument"),
    ("dialogue/practice-cases", PracticeCaseViewSet, "dialogue-practice-case"),
]
