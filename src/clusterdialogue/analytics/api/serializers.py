"""Query parameters and response shapes of the analytics API (read-only, computed on demand)."""

from __future__ import annotations

from rest_framework import serializers

from clusterdialogue.analytics.selectors import DEFAULT_LEVEL, DEFAULT_SCHEME, LEVELS
from clusterdialogue.portal.forms import SCHEME_CHOICES

SCHEMES = [value for value, _ in SCHEME_CHOICES]


class AnalyticsQuerySerializer(serializers.Serializer):
    """``scheme`` and ``year``; the year defaults to the one with the widest coverage."""

    scheme = serializers.ChoiceField(choices=SCHEMES, default=DEFAULT_SCHEME)
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2100)


class LevelQuerySerializer(AnalyticsQuerySerializer):
    level = serializers.ChoiceField(
        choices=list(LEVELS), default=DEFAULT_LEVEL, help_text="NUTS level (0, 1 or 2)"
    )


class ProximityQuerySerializer(LevelQuerySerializer):
    min = serializers.FloatField(
        default=0.0, min_value=0.0, max_value=1.0, help_text="Smallest proximity listed"
    )


class OpportunityQuerySerializer(AnalyticsQuerySerializer):
    weight = serializers.FloatField(
        default=0.5, min_value=0.0, max_value=1.0, help_text="Weight of density in the score"
    )
    top = serializers.IntegerField(required=False, min_value=1, help_text="Keep the best N")


class RegionComplexitySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    eci = serializers.FloatField(allow_null=True)
    coi = serializers.FloatField(allow_null=True)
    diversity = serializers.IntegerField()


class CategoryComplexitySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    pci = serializers.FloatField(allow_null=True)
    ubiquity = serializers.IntegerField()


class ComplexitySerializer(serializers.Serializer):
    """ECI (and COI, diversity) per region with employment; PCI (and ubiquity) per category."""

    scheme = serializers.CharField()
    level = serializers.IntegerField()
    year = serializers.IntegerField()
    years = serializers.ListField(child=serializers.IntegerField())
    regions = RegionComplexitySerializer(many=True)
    categories = CategoryComplexitySerializer(many=True)


class ProximityPairSerializer(serializers.Serializer):
    category_a = serializers.CharField()
    category_b = serializers.CharField()
    proximity = serializers.FloatField()


class ProximitySerializer(serializers.Serializer):
    """Each unordered pair of categories once (``category_a < category_b``), strongest first."""

    scheme = serializers.CharField()
    level = serializers.IntegerField()
    year = serializers.IntegerField()
    min = serializers.FloatField()
    pairs = ProximityPairSerializer(many=True)


class RegionContextSerializer(serializers.Serializer):
    region = serializers.CharField(help_text="The code asked for")
    data_code = serializers.CharField(help_text="The code the figures are published under")
    level = serializers.IntegerField()
    scheme = serializers.CharField()
    year = serializers.IntegerField()


class OpportunitySerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    category = serializers.CharField()
    name = serializers.CharField()
    rca = serializers.FloatField()
    density = serializers.FloatField()
    pci = serializers.FloatField()
    cog = serializers.FloatField(allow_null=True)
    density_percentile = serializers.FloatField()
    pci_percentile = serializers.FloatField()
    quadrant = serializers.CharField()
    score = serializers.FloatField()
    reason = serializers.CharField()


class RegionOpportunitiesSerializer(RegionContextSerializer):
    weight = serializers.FloatField()
    opportunities = OpportunitySerializer(many=True)


class DensityRowSerializer(serializers.Serializer):
    category = serializers.CharField()
    name = serializers.CharField()
    employment = serializers.FloatField()
    rca = serializers.FloatField(allow_null=True)
    specialised = serializers.IntegerField(help_text="1 where RCA >= 1")
    density = serializers.FloatField(allow_null=True)
    pci = serializers.FloatField(allow_null=True)
    cog = serializers.FloatField(allow_null=True)


class RegionDensitySerializer(RegionContextSerializer):
    categories = DensityRowSerializer(many=True)
