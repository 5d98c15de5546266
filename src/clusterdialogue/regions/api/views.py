from rest_framework import viewsets

from clusterdialogue.regions.api.mixins import ProtectedDeleteMixin
from clusterdialogue.regions.api.serializers import (
    NetworkSerializer,
    RegionCodeChangeSerializer,
    RegionGeometrySerializer,
    RegionSerializer,
    TerritorySerializer,
)
from clusterdialogue.regions.filters import RegionFilterSet, TerritoryFilterSet
from clusterdialogue.regions.models import Network, Region, RegionCodeChange, Territory


class RegionViewSet(ProtectedDeleteMixin, viewsets.ModelViewSet):
    """NUTS regions (all versions) and custom regions; the detail view includes the geometry."""

    queryset = Region.objects.select_related("parent").defer("geometry")
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    lookup_field = "code"

    def get_queryset(self):
        if self.action == "retrieve":
            return Region.objects.select_related("parent").prefetch_related("boundaries")
        return super().get_queryset()

    def get_serializer_class(self):
        return RegionGeometrySerializer if self.action == "retrieve" else RegionSerializer


class RegionCodeChangeViewSet(viewsets.ReadOnlyModelViewSet):
    """How codes changed between NUTS versions (e.g. FR7 → FRK)."""

    queryset = RegionCodeChange.objects.all()
    serializer_class = RegionCodeChangeSerializer
    filterset_fields = ["old_code", "new_code", "relation", "old_version", "new_version"]


class NetworkViewSet(viewsets.ModelViewSet):
    queryset = Network.objects.prefetch_related("territories__region", "territories__network")
    serializer_class = NetworkSerializer
    lookup_field = "slug"
    filterset_fields = ["slug"]


class TerritoryViewSet(viewsets.ModelViewSet):
    queryset = Territory.objects.select_related("network", "region")
    serializer_class = TerritorySerializer
    filterset_class = TerritoryFilterSet
