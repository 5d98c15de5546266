"""Read-only analytics endpoints: complexity, proximity, a region's opportunities and density."""

from __future__ import annotations

import numpy as np
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.analytics.api import serializers as api
from clusterdialogue.analytics.region.selectors import (
    records,
    region_default_year,
    region_opportunities,
    region_profile,
)
from clusterdialogue.analytics.selectors import (
    analytics_category_names,
    analytics_overview,
    analytics_region,
    analytics_result,
)
from clusterdialogue.regions.models import Region

TAGS = ["analytics"]
REGION_CODE = OpenApiParameter(
    "code", str, OpenApiParameter.PATH, description="Region code, e.g. ES51 or FRK"
)


def _query(serializer_class: type[serializers.Serializer], request: Request) -> dict:
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


def _check_year(year: int | None, *, level: int, available: list[int]) -> int:
    """``year`` if it has figures, else a 400 that lists the years that have."""
    if year is None or year not in available:
        shown = ", ".join(str(y) for y in available) or "none"
        raise serializers.ValidationError(
            {"year": [f"no figures for {year} at NUTS level {level}; years with figures: {shown}"]}
        )
    return year


def _names(scheme: str) -> dict[str, str]:
    return analytics_category_names(scheme=scheme, language=get_language() or "en")


class AnalyticsViewSet(viewsets.ViewSet):
    """Measures of one NUTS level: complexity of regions and categories, proximity."""

    permission_classes = [AllowAny]

    @extend_schema(
        tags=TAGS, parameters=[api.LevelQuerySerializer], responses=api.ComplexitySerializer
    )
    @action(detail=False, methods=["get"])
    def complexity(self, request: Request) -> Response:
        """Economic complexity of the regions of one NUTS level (ECI) and of categories (PCI)."""
        query = _query(api.LevelQuerySerializer, request)
        scheme, level = query["scheme"], int(query["level"])
        overview = analytics_overview(scheme=scheme, level=level)
        year = _check_year(
            query.get("year", overview.default_year), level=level, available=overview.years
        )
        result = analytics_result(year=year, scheme=scheme, level=level)
        regions = dict(
            Region.objects.filter(code__in=list(result.eci.index)).values_list("code", "name")
        )
        names = _names(scheme)
        employed = result.employment.sum(axis=1) > 0
        diversity, ubiquity = result.diversity, result.ubiquity
        data = {
            "scheme": scheme,
            "level": level,
            "year": year,
            "years": overview.years,
            "regions": [
                {"code": code, "name": regions.get(code, code), "eci": _float(result.eci[code]),
                 "coi": _float(result.coi[code]), "diversity": int(diversity[code])}
                for code in result.eci.index[employed]
            ],
            "categories": [
                {"code": code, "name": names.get(code, code), "pci": _float(result.pci[code]),
                 "ubiquity": int(ubiquity[code])}
                for code in result.pci.index
            ],
        }  # fmt: skip
        return Response(api.ComplexitySerializer(data).data)

    @extend_schema(
        tags=TAGS, parameters=[api.ProximityQuerySerializer], responses=api.ProximitySerializer
    )
    @action(detail=False, methods=["get"])
    def proximity(self, request: Request) -> Response:
        """Proximity (relatedness) between categories, from co-specialisation across regions."""
        query = _query(api.ProximityQuerySerializer, request)
        scheme, level = query["scheme"], int(query["level"])
        overview = analytics_overview(scheme=scheme, level=level)
        year = _check_year(
            query.get("year", overview.default_year), level=level, available=overview.years
        )
        phi = analytics_result(year=year, scheme=scheme, level=level).proximity
        values = phi.to_numpy()
        first, second = np.triu_indices(len(values), k=1)
        keep = values[first, second] >= query["min"]
        codes = phi.index.astype(str)
        pairs = sorted(
            (
                {"category_a": codes[i], "category_b": codes[j], "proximity": float(values[i, j])}
                for i, j in zip(first[keep], second[keep], strict=True)
            ),
            key=lambda p: (-p["proximity"], p["category_a"], p["category_b"]),
        )
        data = {"scheme": scheme, "level": level, "year": year, "min": query["min"], "pairs": pairs}
        return Response(api.ProximitySerializer(data).data)


class RegionAnalyticsViewSet(viewsets.ViewSet):
    """A region's diversification opportunities and relatedness density."""

    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def _place(self, code: str, query: dict) -> tuple:
        region = get_object_or_404(Region, code=code)
        place = analytics_region(region=region, scheme=query["scheme"])
        if place.data_code is None:
            raise NotFound(f"no employment figures for {code} (analytics cover NUTS levels 0 to 2)")
        overview = analytics_overview(scheme=query["scheme"], level=place.level)
        year = query.get("year") or region_default_year(place=place, overview=overview)
        year = _check_year(year, level=place.level, available=list(place.years))
        result = analytics_result(year=year, scheme=query["scheme"], level=place.level)
        context = {
            "region": code,
            "data_code": place.data_code,
            "level": place.level,
            "scheme": query["scheme"],
            "year": year,
        }
        return place, result, context

    @extend_schema(
        tags=TAGS,
        parameters=[REGION_CODE, api.OpportunityQuerySerializer],
        responses=api.RegionOpportunitiesSerializer,
    )
    @action(detail=True, methods=["get"])
    def opportunities(self, request: Request, code: str) -> Response:
        """Categories without advantage yet, ranked, with quadrant, score and reason."""
        query = _query(api.OpportunityQuerySerializer, request)
        place, result, context = self._place(code, query)
        table = region_opportunities(
            result=result,
            code=place.data_code,
            names=_names(query["scheme"]),
            weight=query["weight"],
            top=query.get("top"),
        )
        data = {**context, "weight": query["weight"], "opportunities": records(table)}
        return Response(api.RegionOpportunitiesSerializer(data).data)

    @extend_schema(
        tags=TAGS,
        parameters=[REGION_CODE, api.AnalyticsQuerySerializer],
        responses=api.RegionDensitySerializer,
    )
    @action(detail=True, methods=["get"])
    def density(self, request: Request, code: str) -> Response:
        """Every category: employment, RCA, specialised, relatedness density, PCI and COG."""
        query = _query(api.AnalyticsQuerySerializer, request)
        place, result, context = self._place(code, query)
        profile = region_profile(result=result, code=place.data_code, names=_names(query["scheme"]))
        data = {**context, "categories": records(profile)}
        return Response(api.RegionDensitySerializer(data).data)


def _float(value) -> float | None:
    return None if value is None or np.isnan(value) else float(value)
