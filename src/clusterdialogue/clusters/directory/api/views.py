"""The directory's REST API: profiles (with search), members and labels.

Who may write is decided by the directory's rules (``clusters.permissions``, asked through
``OrganisationPermission``); what may be read by ``directory_queryset`` (public, non-archived
profiles for the public).
"""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.clusters.directory.api.serializers import (
    ClusterMemberSerializer,
    ClusterOrganisationSerializer,
    ClusterSearchResultSerializer,
    LabelSerializer,
)
from clusterdialogue.clusters.directory.filters import (
    ClusterMemberFilterSet,
    ClusterOrganisationFilterSet,
    LabelFilterSet,
)
from clusterdialogue.clusters.models import ClusterMember, ClusterOrganisation, Label
from clusterdialogue.clusters.permissions import OrganisationPermission
from clusterdialogue.clusters.search import cluster_search_results, search_index_update
from clusterdialogue.clusters.selectors import directory_queryset

# Role-based: the secretariat, the territory's representative and (for members and labels) the
# cluster's managers write; see the rules in clusters.permissions.
WRITE_PERMISSIONS = [OrganisationPermission]


class ClusterOrganisationViewSet(viewsets.ModelViewSet):
    """Cluster organisation profiles; ``?q=`` searches and orders the list by relevance."""

    queryset = ClusterOrganisation.objects.all()
    serializer_class = ClusterOrganisationSerializer
    filterset_class = ClusterOrganisationFilterSet
    permission_classes = WRITE_PERMISSIONS
    lookup_field = "slug"

    def get_queryset(self):
        return directory_queryset(user=self.request.user).prefetch_related(
            "sectors", "categories", "ecosystems", "labels"
        )

    def get_serializer_class(self):
        return (
            ClusterSearchResultSerializer
            if self.action == "search"
            else super().get_serializer_class()
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        query = self.request.query_params.get("q", "").strip()
        if self.action in ("list", "search") and query:
            return cluster_search_results(query=query, queryset=queryset)
        return queryset

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q", str, required=True, description="Words to look for (every word must match)"
            )
        ],
        responses=ClusterSearchResultSerializer(many=True),
    )
    @action(detail=False, methods=["get"])
    def search(self, request: Request) -> Response:
        """Profiles matching ``q``, best first, with their score; the list's filters apply too."""
        if not request.query_params.get("q", "").strip():
            raise ValidationError({"q": ["Give the words to look for, e.g. ?q=mobility."]})
        return self.list(request)

    def perform_create(self, serializer) -> None:
        with transaction.atomic():
            organisation = serializer.save()
            search_index_update(organisation_ids=[organisation.pk])

    def perform_update(self, serializer) -> None:
        with transaction.atomic():
            organisation = serializer.save()
            search_index_update(organisation_ids=[organisation.pk])

    def perform_destroy(self, instance) -> None:
        with transaction.atomic():
            pk = instance.pk
            instance.delete()
            search_index_update(organisation_ids=[pk])


class _OrganisationPartViewSet(viewsets.ModelViewSet):
    """Objects that belong to a profile; only those of profiles the user may see are listed."""

    permission_classes = WRITE_PERMISSIONS

    def get_queryset(self):
        visible = directory_queryset(user=self.request.user).values("pk")
        return super().get_queryset().filter(organisation__in=visible)

    def _reindex(self, *organisation_ids: int) -> None:
        search_index_update(organisation_ids=organisation_ids)

    def perform_create(self, serializer) -> None:
        with transaction.atomic():
            self._reindex(serializer.save().organisation_id)

    def perform_update(self, serializer) -> None:
        with transaction.atomic():
            before = serializer.instance.organisation_id
            self._reindex(before, serializer.save().organisation_id)

    def perform_destroy(self, instance) -> None:
        with transaction.atomic():
            instance.delete()
            self._reindex(instance.organisation_id)


class ClusterMemberViewSet(_OrganisationPartViewSet):
    """Members of cluster organisations (companies, universities, …); filter by ``organisation``."""

    queryset = ClusterMember.objects.select_related("organisation", "nace")
    serializer_class = ClusterMemberSerializer
    filterset_class = ClusterMemberFilterSet


class LabelViewSet(_OrganisationPartViewSet):
    """Quality and status labels of cluster organisations (ESCA, national labels)."""

    queryset = Label.objects.select_related("organisation")
    serializer_class = LabelSerializer
    filterset_class = LabelFilterSet
