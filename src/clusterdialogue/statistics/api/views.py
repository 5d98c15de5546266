from rest_framework import viewsets

from clusterdialogue.regions.api.mixins import ProtectedDeleteMixin
from clusterdialogue.statistics.api.serializers import (
    DatasetSerializer,
    IndustrySerializer,
    MappingResultSerializer,
    ObservationSerializer,
)
from clusterdialogue.statistics.filters import (
    IndustryFilterSet,
    MappingResultFilterSet,
    ObservationFilterSet,
)
from clusterdialogue.statistics.models import Dataset, Industry, MappingResult, Observation


class DatasetViewSet(viewsets.ModelViewSet):
    queryset = Dataset.objects.all()
    serializer_class = DatasetSerializer
    lookup_field = "code"


class IndustryViewSet(ProtectedDeleteMixin, viewsets.ModelViewSet):
    """Industry and category codes (NACE Rev. 2 in SBS form, A*10 groups, custom categories)."""

    queryset = Industry.objects.all()
    serializer_class = IndustrySerializer
    filterset_class = IndustryFilterSet
    lookup_field = "code"


class ObservationViewSet(viewsets.ModelViewSet):
    """Imported figures with their flags; ``value`` is null when missing, never zero."""

    queryset = Observation.objects.select_related("dataset", "region", "industry").order_by("id")
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilterSet


class MappingResultViewSet(viewsets.ReadOnlyModelViewSet):
    """Stored cluster mapping: LQ, ECO stars and US Cluster Mapping strength flags."""

    queryset = MappingResult.objects.select_related("region", "category").order_by(
        "scheme", "year", "category__code", "lq_rank"
    )
    serializer_class = MappingResultSerializer
    filterset_class = MappingResultFilterSet
