"""The partner recommendations API: ``/api/recommendations/<slug>/`` with the page's settings."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.suggestions.forms import RecommendationSettingsForm
from clusterdialogue.collaboration.suggestions.selectors import (
    recommendation_notes,
    recommendation_rows,
)
from clusterdialogue.common.permissions import can


class RecommendationSerializer(serializers.Serializer):
    """One proposed partner: its score, the score's components (null when left out), reasons."""

    rank = serializers.IntegerField()
    partner = serializers.CharField(source="organisation.slug")
    name = serializers.CharField(source="organisation.name")
    page = serializers.CharField(source="organisation.get_absolute_url")
    region = serializers.CharField(source="organisation.region.code")
    territory = serializers.CharField(source="territory.name", default=None)
    score = serializers.FloatField()
    similarity = serializers.FloatField(allow_null=True)
    complementarity = serializers.FloatField(allow_null=True)
    relatedness = serializers.FloatField(allow_null=True)
    specialisation = serializers.FloatField(allow_null=True)
    reasons = serializers.CharField()


class RecommendationSettingsSerializer(serializers.Serializer):
    similarity_weight = serializers.FloatField()
    cross_territory = serializers.BooleanField()
    min_score = serializers.FloatField()
    quota = serializers.IntegerField(allow_null=True)
    top = serializers.IntegerField()


class RecommendationListSerializer(serializers.Serializer):
    """A profile's partners under the settings asked for."""

    organisation = serializers.CharField()
    settings = RecommendationSettingsSerializer()
    notes = serializers.ListField(child=serializers.CharField())
    results = RecommendationSerializer(many=True)


class RecommendationViewSet(viewsets.GenericViewSet):
    """Partners the engine proposes for a profile (public for public profiles)."""

    permission_classes = [AllowAny]
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"
    serializer_class = RecommendationListSerializer
    queryset = ClusterOrganisation.objects.select_related("region")
    filterset_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("similarity_weight", float, description="0–1, default 0.7"),
            OpenApiParameter("cross_territory", bool, description="default true"),
            OpenApiParameter("min_score", float, description="0–1, default 0"),
            OpenApiParameter("quota", int, description="at most this many per territory"),
            OpenApiParameter("top", int, description="1–100, default 10"),
        ]
    )
    def retrieve(self, request: Request, slug: str | None = None) -> Response:
        organisation = get_object_or_404(self.get_queryset(), slug=slug)
        if not can(request.user, "clusters.view", organisation):
            raise Http404("No such cluster profile.")
        form = RecommendationSettingsForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        settings, top = form.match_settings()
        rows = recommendation_rows(organisation=organisation, settings=settings, top=top)
        body = {
            "organisation": organisation.slug,
            "settings": {**form.cleaned_data},
            "notes": recommendation_notes(),
            "results": rows,
        }
        return Response(RecommendationListSerializer(body).data)
