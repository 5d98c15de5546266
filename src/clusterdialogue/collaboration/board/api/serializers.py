"""Serializers of the board's API: posts (with their matches) and interests.

They only shape data; the writes go through ``board.services``."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.board.forms import network_territories
from clusterdialogue.collaboration.models import CooperationPost, Interest, PostMatch
from clusterdialogue.regions.models import Territory


@extend_schema_field(OpenApiTypes.STR)
class TerritoryCodeField(serializers.RelatedField):
    """A territory of the network, written as its region code (``FRK``, ``DE1``, ``ES51`` …)."""

    def get_queryset(self):
        return network_territories()

    def to_representation(self, value: Territory) -> str:
        return value.region.code

    def to_internal_value(self, data: Any) -> Territory:
        found = self.get_queryset().filter(region__code=str(data).strip().upper()).first()
        if found is None:
            codes = ", ".join(t.region.code for t in self.get_queryset())
            raise serializers.ValidationError(
                f"{data!r} is not the region code of a territory of the network; use one of: "
                f"{codes}."
            )
        return found


class PostMatchSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = PostMatch
        fields = ["organisation", "organisation_name", "score", "reasons", "notified_at"]


class CooperationPostSerializer(serializers.ModelSerializer):
    """An offer or a request. ``organisation`` (slug) is set when posting and never changes."""

    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=ClusterOrganisation.objects.all()
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    keywords = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, default=list
    )
    territories_sought = TerritoryCodeField(many=True, required=False)
    matches = PostMatchSerializer(many=True, read_only=True)
    interest_count = serializers.IntegerField(read_only=True, default=0)
    following = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = CooperationPost
        fields = [
            "id", "page", "organisation", "organisation_name", "kind", "topic", "title",
            "description", "keywords", "deadline", "territories_sought", "status",
            "created_at", "updated_at", "interest_count", "following", "matches",
        ]  # fmt: skip
        read_only_fields = ["status", "created_at", "updated_at"]

    def get_following(self, post: CooperationPost) -> bool:
        user = getattr(self.context.get("request"), "user", None)
        return bool(user and user.is_authenticated and post.followers.filter(pk=user.pk).exists())

    def get_page(self, post: CooperationPost) -> str:
        return post.get_absolute_url()

    def validate_organisation(self, value: ClusterOrganisation) -> ClusterOrganisation:
        if self.instance is not None and value.pk != self.instance.organisation_id:
            raise serializers.ValidationError(
                "A post stays with the cluster that posted it; post anew for another cluster."
            )
        return value


class PostStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CooperationPost.Status.choices)


class InterestSerializer(serializers.ModelSerializer):
    """A cluster's interest in a post; ``organisation`` is one the user acts for."""

    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=ClusterOrganisation.objects.all()
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    user = serializers.CharField(source="user.get_username", read_only=True, default=None)

    class Meta:
        model = Interest
        fields = ["id", "organisation", "organisation_name", "user", "message", "created_at"]
        read_only_fields = ["created_at"]
