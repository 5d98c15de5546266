"""API of the groups feature: the groups a user may see, with members for those who read internal,
and the members themselves (read by the group's members, written by its managers).

ROUTES lists (prefix, viewset, basename) for the API router.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import IsAuthenticatedOrReadOnly

from clusterdialogue.common.permissions import can
from clusterdialogue.dialogue.groups import services
from clusterdialogue.dialogue.groups.selectors import group_list_visible
from clusterdialogue.dialogue.models import GroupMember, WorkingGroup
from clusterdialogue.regions.models import Territory


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


@extend_schema_field(OpenApiTypes.STR)
class TerritoryCodeField(serializers.Field):
    """A territory given by its region code (``DE1``); the serializer finds it in the group's
    network (a region can be a territory of several networks)."""

    def to_representation(self, territory: Territory) -> str:
        return territory.region.code

    def to_internal_value(self, code: Any) -> str:
        if not isinstance(code, str) or not code.strip():
            raise ApiValidationError("Give the territory's region code, e.g. DE1.")
        return code.strip().upper()


class MemberWriteSerializer(serializers.ModelSerializer):
    """A member as the group's managers write it; the services check the rest."""

    group = serializers.SlugRelatedField(slug_field="slug", queryset=WorkingGroup.objects.all())
    territory = TerritoryCodeField(required=False, allow_null=True)
    user = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        write_only=True,
        help_text="The account (username) that acts with this member's role.",
    )
    has_account = serializers.SerializerMethodField()

    class Meta:
        model = GroupMember
        fields = [
            "id", "group", "name", "role", "organisation", "territory", "email", "user",
            "has_account", "joined_on", "left_on",
        ]  # fmt: skip
        # Members read the list; e-mail addresses and accounts stay with the managers' forms.
        extra_kwargs = {"email": {"write_only": True}}

    def get_has_account(self, member: GroupMember) -> bool:
        return member.user_id is not None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        group = attrs.get("group") or getattr(self.instance, "group", None)
        code = attrs.get("territory")
        if code is not None and group is not None:
            territory = group.network.territories.filter(region__code=code).first()
            if territory is None:
                raise ApiValidationError(
                    {"territory": f"{code} is not a territory of the group's network."}
                )
            attrs["territory"] = territory
        if self.instance is not None and "group" in attrs and attrs["group"] != group:
            raise ApiValidationError({"group": "A member cannot be moved to another group."})
        return attrs


class GroupMemberViewSet(viewsets.ModelViewSet):
    """Members of the groups whose internal material the caller reads; ``?group=<slug>``.

    Adding, changing and removing a member needs ``groups.manage_members`` on its group (the
    secretariat, the group's chair and secretariat). Without an account given, a new member is
    linked to the one active account with their e-mail.
    """

    serializer_class = MemberWriteSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return GroupMember.objects.none()  # the schema generator reads the model only
        user = self.request.user
        groups = [
            g.pk for g in group_list_visible(user=user) if can(user, "dialogue.read_internal", g)
        ]
        rows = GroupMember.objects.filter(group_id__in=groups)
        if slug := self.request.query_params.get("group"):
            rows = rows.filter(group__slug=slug)
        return rows.select_related("group", "territory__region").order_by(
            "group__slug", "role", "name"
        )

    def _require_manager(self, group: WorkingGroup) -> None:
        if not can(self.request.user, "groups.manage_members", group):
            raise PermissionDenied("Your account may not change this group's members.")

    def _apply(self, write: Any) -> Any:
        try:
            return write()
        except DjangoValidationError as error:
            raise ApiValidationError(error.message_dict) from error

    def perform_create(self, serializer: MemberWriteSerializer) -> None:
        data = dict(serializer.validated_data)
        group = data.pop("group")
        self._require_manager(group)
        serializer.instance = self._apply(lambda: services.member_add(group=group, data=data))

    def perform_update(self, serializer: MemberWriteSerializer) -> None:
        member = serializer.instance
        self._require_manager(member.group)
        data = {k: v for k, v in serializer.validated_data.items() if k != "group"}
        serializer.instance = self._apply(lambda: services.member_update(member=member, data=data))

    def perform_destroy(self, member: GroupMember) -> None:
        self._require_manager(member.group)
        services.member_remove(member=member)


ROUTES: list = [
    ("dialogue/groups", WorkingGroupViewSet, "dialogue-group"),
    ("dialogue/members", GroupMemberViewSet, "dialogue-member"),
]
