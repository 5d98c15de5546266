"""The growth API: a region's shift-share between two years, never across a series break."""

from __future__ import annotations

from dataclasses import asdict

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.regions.models import Region
from clusterdialogue.statistics import selectors
from clusterdialogue.statistics.growth.selectors import growth_rows, growth_totals, growth_years
from clusterdialogue.statistics.models import Industry

TAGS = ["statistics"]
REGION_CODE = OpenApiParameter(
    "code", str, OpenApiParameter.PATH, description="Region code, e.g. ES51 or FRK"
)
SCHEMES = [Industry.Scheme.NACE_DIVISION.value, Industry.Scheme.NACE_SECTION.value]


class GrowthQuerySerializer(serializers.Serializer):
    """``scheme``, ``start`` and ``end``; years not given stay on one side of a series break."""

    scheme = serializers.ChoiceField(choices=SCHEMES, default=selectors.DEFAULT_SCHEME)
    start = serializers.IntegerField(required=False, min_value=1900, max_value=2100)
    end = serializers.IntegerField(required=False, min_value=1900, max_value=2100)


class PeriodSerializer(serializers.Serializer):
    """Consecutive years whose figures come from one dataset."""

    start = serializers.IntegerField()
    end = serializers.IntegerField()
    dataset = serializers.CharField()


class SeriesBreakSerializer(serializers.Serializer):
    """Where the series breaks: the first year of the new dataset, and both datasets."""

    year = serializers.IntegerField()
    before = serializers.CharField()
    after = serializers.CharField()


class ShiftShareRowSerializer(serializers.Serializer):
    category = serializers.CharField()
    name = serializers.CharField()
    employment_start = serializers.FloatField()
    employment_end = serializers.FloatField()
    change = serializers.FloatField()
    national_share = serializers.FloatField()
    industry_mix = serializers.FloatField()
    regional_shift = serializers.FloatField()


class GrowthSerializer(serializers.Serializer):
    """A region's shift-share per category between two years of one series."""

    region = serializers.CharField()
    data_code = serializers.CharField()
    scheme = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    years = serializers.ListField(child=serializers.IntegerField())
    periods = PeriodSerializer(many=True, help_text="The periods without a series break")
    breaks = SeriesBreakSerializer(many=True)
    categories = ShiftShareRowSerializer(many=True)
    totals = serializers.DictField(child=serializers.FloatField())


class GrowthRefusalSerializer(serializers.Serializer):
    """Why no growth was computed: ``detail``, and with a series break, where and what instead."""

    detail = serializers.CharField()
    series_break = SeriesBreakSerializer(required=False)
    periods = PeriodSerializer(many=True, required=False)


def _periods(periods) -> list[dict]:
    return [p._asdict() for p in periods]


class RegionGrowthViewSet(viewsets.ViewSet):
    """Employment change per category between two years, split by shift-share."""

    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    @extend_schema(
        tags=TAGS,
        parameters=[REGION_CODE, GrowthQuerySerializer],
        responses={200: GrowthSerializer, 400: GrowthRefusalSerializer},
    )
    def retrieve(self, request: Request, code: str) -> Response:
        """The shift-share of a region; 400 when the two years lie across a series break."""
        region = get_object_or_404(Region, code=code)
        query = GrowthQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        scheme = query.validated_data["scheme"]
        data = selectors.region_data_code(region=region, scheme=scheme)
        chosen = growth_years(
            code=data.data_code,
            scheme=scheme,
            start=query.validated_data.get("start"),
            end=query.validated_data.get("end"),
        )
        if not chosen.years:
            return Response(
                {
                    "detail": _(
                        "There are no mapping figures for this region yet: the statistics do not "
                        "cover it."
                    )
                },
                status=status.HTTP_404_NOT_FOUND,
            )
        if chosen.start >= chosen.end:
            raise serializers.ValidationError(
                {"end": [_("The start year must be before the end year.")]}
            )
        try:
            rows = growth_rows(
                code=data.data_code,
                scheme=scheme,
                level=region.level if region.level is not None else 2,
                start=chosen.start,
                end=chosen.end,
                language=get_language() or "en",
            )
        except selectors.SeriesBreakError as refused:
            body = {
                "detail": str(refused),
                "series_break": asdict(refused.series_break),
                "periods": _periods(chosen.series.growth_periods),
            }
            return Response(GrowthRefusalSerializer(body).data, status=status.HTTP_400_BAD_REQUEST)
        body = {
            "region": region.code,
            "data_code": data.data_code,
            "scheme": scheme,
            "start": chosen.start,
            "end": chosen.end,
            "years": chosen.years,
            "periods": _periods(chosen.series.growth_periods),
            "breaks": [asdict(b) for b in chosen.series.breaks],
            "categories": rows,
            "totals": growth_totals(rows),
        }
        return Response(GrowthSerializer(body).data)
