from rest_framework import serializers

from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Dataset, Industry, MappingResult, Observation


class DatasetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dataset
        fields = [
            "code",
            "title",
            "source",
            "licence",
            "file_name",
            "imported_at",
            "observation_count",
        ]
        read_only_fields = ["imported_at", "observation_count"]


class IndustrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Industry
        fields = [
            "code",
            "scheme",
            "section",
            "name_en",
            "name_fr",
            "name_de",
            "name_it",
            "name_es",
            "name_nl",
        ]


class ObservationSerializer(serializers.ModelSerializer):
    dataset = serializers.SlugRelatedField(slug_field="code", queryset=Dataset.objects.all())
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    industry = serializers.SlugRelatedField(slug_field="code", queryset=Industry.objects.all())

    class Meta:
        model = Observation
        fields = ["id", "dataset", "region", "industry", "indicator", "year", "value", "flag"]


class MappingResultSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = MappingResult
        fields = [
            "scheme", "level", "year", "region", "category", "employment", "establishments",
            "share", "lq", "lq_rank", "size_star", "specialisation_star", "focus_star", "stars",
            "strong", "strong10", "significant", "qualifying", "source",
        ]  # fmt: skip
