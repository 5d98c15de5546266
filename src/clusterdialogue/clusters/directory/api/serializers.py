"""API representations of the directory. Contact persons are personal data and never appear."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clusterdialogue.clusters.models import (
    ClusterCategory,
    ClusterMember,
    ClusterOrganisation,
    IndustrialEcosystem,
    Label,
)
from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Industry


class LabelSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=ClusterOrganisation.objects.all()
    )

    class Meta:
        model = Label
        fields = ["id", "organisation", "name", "level", "grade", "issuer", "valid_from",
                  "valid_until", "source"]  # fmt: skip


class NestedLabelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Label
        fields = ["name", "level", "grade", "issuer", "valid_from", "valid_until"]


class ClusterMemberSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=ClusterOrganisation.objects.all()
    )
    nace = serializers.SlugRelatedField(
        slug_field="code", queryset=Industry.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = ClusterMember
        fields = ["id", "organisation", "name", "member_type", "size_class", "nace", "city",
                  "website"]  # fmt: skip


def _strings(value, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise serializers.ValidationError(f'{field} must be a list of texts, e.g. ["mobility"].')
    return [v.strip() for v in value if v.strip()]


class ClusterOrganisationSerializer(serializers.ModelSerializer):
    """A profile as the public sees it (no contact persons, no internal notes)."""

    url = serializers.HyperlinkedIdentityField(
        view_name="clusterorganisation-detail", lookup_field="slug"
    )
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    sectors = serializers.SlugRelatedField(
        slug_field="code", queryset=Industry.objects.all(), many=True, required=False
    )
    categories = serializers.SlugRelatedField(
        slug_field="slug", queryset=ClusterCategory.objects.all(), many=True, required=False
    )
    ecosystems = serializers.SlugRelatedField(
        slug_field="code", queryset=IndustrialEcosystem.objects.all(), many=True, required=False
    )
    labels = NestedLabelSerializer(many=True, read_only=True)
    member_total = serializers.IntegerField(read_only=True, allow_null=True)
    score = serializers.SerializerMethodField(
        help_text="Search relevance when the list is searched with ?q= (higher is better)"
    )

    class Meta:
        model = ClusterOrganisation
        fields = [
            "url", "slug", "name", "acronym", "legal_form", "organisation_type", "founding_year",
            "region", "address", "postcode", "city", "latitude", "longitude", "website", "email",
            "description", "description_language", "descriptions", "sectors", "categories",
            "ecosystems", "technologies", "keywords", "members_sme", "members_large",
            "members_rto", "members_university", "members_public", "members_other",
            "member_total", "staff_fte", "international_activities", "offers", "looking_for",
            "status", "is_public", "labels", "source", "source_date", "updated_at", "score",
        ]  # fmt: skip

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_score(self, obj: ClusterOrganisation) -> float | None:
        return getattr(obj, "search_score", None)

    def validate_keywords(self, value):
        return _strings(value, "keywords")

    def validate_technologies(self, value):
        return _strings(value, "technologies")

    def validate_descriptions(self, value):
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise serializers.ValidationError(
                'descriptions must map a language code to a text, e.g. {"fr": "…"}.'
            )
        return value


class ClusterSearchResultSerializer(serializers.ModelSerializer):
    """One search hit: enough to show and link it, with its score."""

    url = serializers.HyperlinkedIdentityField(
        view_name="clusterorganisation-detail", lookup_field="slug"
    )
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    score = serializers.FloatField(source="search_score", read_only=True)

    class Meta:
        model = ClusterOrganisation
        fields = ["url", "slug", "name", "acronym", "region", "city", "status", "score"]
