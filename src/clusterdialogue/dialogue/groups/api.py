"""API of the groups feature: the groups a user may see, with members for those who read internal.

ROUTES lists (prefix, viewset, basename) for the API router.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from clusterdialogue.common.permissions import can
from clusterdialogue.dialogue.groups.selectors import group_list_visible
from clusterdialogue.dialogue.models import GroupMember, WorkingGroup


class GroupMemberSerializer(serializers.ModelSerializer):
    territory = serializers.CharField(source="territory.region.code", default=None)

    class Meta:
        model = GroupMember
        fields = ["id", "name", "role", "organisation", "territory", "joined_on", "left_on"]


class WorkingGroupSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    archived = serializers.BooleanField(source="is_archived", read_only=True)
    members = serializers.SerializerMethodField()
    page = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = WorkingGroup
        fields = [
            "slug", "name", "parent", "description", "founded_year", "is_public", "archived",
            "source", "is_example", "members", "page",
        ]  # fmt: skip

    @extend_schema_field(GroupMemberSerializer(many=True, allow_null=True))
    def get_members(self, group: WorkingGroup) -> Any:
        """Members for those who read the group's internal material; ``null`` for the others."""
        request = self.context.get("request")
        if request is None or not can(request.user, "dialogue.read_internal", group):
            return None
        members = group.members.filter(left_on__isnull=True).select_related("territory__region")
        return GroupMemberSerializer(members, many=True).data


class WorkingGroupViewSet(viewsets.ReadOnlyModelViewSet):
    """Working groups visible to the user (public ones, and internal ones they belong to)."""

    serializer_class = WorkingGroupSerializer
    lookup_field = "slug"

    def get_queryset(self) -> Any:
        return group_list_visible(user=self.request.user)


ROUTES: list = [("dialogue/groups", WorkingGroupViewSet, "dialogue-group")]
