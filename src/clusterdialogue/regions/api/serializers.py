from rest_framework import serializers

from clusterdialogue.regions.models import (
    Network,
    Region,
    RegionBoundary,
    RegionCodeChange,
    Territory,
)


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), allow_null=True, required=False
    )
    url = serializers.HyperlinkedIdentityField(view_name="region-detail", lookup_field="code")

    class Meta:
        model = Region
        fields = [
            "url",
            "code",
            "name",
            "level",
            "country_code",
            "parent",
            "kind",
            "versions",
            "source",
        ]


class RegionBoundarySerializer(serializers.ModelSerializer):
    class Meta:
        model = RegionBoundary
        fields = ["version", "name", "geometry", "source"]


class RegionGeometrySerializer(RegionSerializer):
    """The detail: the NUTS 2016 geometry, and the name and boundary in each later version."""

    boundaries = RegionBoundarySerializer(many=True, read_only=True)

    class Meta(RegionSerializer.Meta):
        fields = [*RegionSerializer.Meta.fields, "geometry", "boundaries"]


class RegionCodeChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegionCodeChange
        fields = [
            "id",
            "old_code",
            "old_version",
            "new_code",
            "new_version",
            "relation",
            "source",
        ]


class TerritorySerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", queryset=Network.objects.all())
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())

    class Meta:
        model = Territory
        fields = ["id", "network", "region", "name", "role", "joined_on"]


class NetworkSerializer(serializers.ModelSerializer):
    territories = TerritorySerializer(many=True, read_only=True)

    class Meta:
        model = Network
        fields = ["id", "name", "slug", "description", "website", "is_default", "territories"]
