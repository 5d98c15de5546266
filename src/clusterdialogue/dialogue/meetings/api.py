"""API of the meetings feature: meetings with their agenda (read) and action items.

Same rules as the pages (``meetings.*``): the querysets hold only what the caller may see;
changing an action's status needs ``meetings.manage_meeting`` on its meeting.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.common.permissions import can
from clusterdialogue.dialogue.meetings import selectors, services
from clusterdialogue.dialogue.models import ActionItem, AgendaItem, Meeting


class AgendaItemSerializer(serializers.ModelSerializer):
    presenter = serializers.CharField(source="presenter_label", read_only=True)
    documents = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "order", "title", "presenter", "duration_minutes", "documents"]

    def get_documents(self, item: AgendaItem) -> list[dict]:
        return [{"title": d.title, "url": d.file.url} for d in item.documents.all()]


class MeetingSerializer(serializers.ModelSerializer):
    group = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    agenda = AgendaItemSerializer(source="agenda_items", many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "group", "number", "title", "city", "venue", "timezone", "start", "end",
            "starts_at", "ends_at", "status", "previous", "published_at", "is_example", "url",
            "agenda",
        ]  # fmt: skip


class ActionItemSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    owner = serializers.CharField(source="owner.name", read_only=True, default="")

    class Meta:
        model = ActionItem
        fields = ["id", "meeting", "title", "owner", "territory", "due_date", "status", "done_at", "is_example"]  # fmt: skip
        read_only_fields = fields


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings the caller may see, with their agenda; ``?group=<slug>`` narrows to one group."""

    serializer_class = MeetingSerializer

    def get_queryset(self):
        rows = selectors.meeting_visible(user=self.request.user)
        if group := self.request.query_params.get("group"):
            rows = rows.filter(group__slug=group)
        return (
            rows.select_related("group")
            .prefetch_related("agenda_items__documents", "agenda_items__presenter")
            .order_by("start", "number")
        )


class ActionItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Action items of the meetings the caller may see; ``?status=open`` for the open ones."""

    serializer_class = ActionItemSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        rows = ActionItem.objects.filter(
            meeting__in=selectors.meeting_visible(user=self.request.user)
        )
        if status := self.request.query_params.get("status"):
            rows = rows.filter(status=status)
        if group := self.request.query_params.get("group"):
            rows = rows.filter(meeting__group__slug=group)
        return rows.select_related("owner", "meeting").order_by("due_date", "pk")

    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request: Request, pk: str | None = None) -> Response:
        """Mark an action done, dropped or open again (the group's managers)."""
        item = self.get_object()
        if not can(request.user, "meetings.manage_meeting", item.meeting):
            return Response({"detail": "Your account may not change this action."}, status=403)
        try:
            services.action_set_status(action=item, status=request.data.get("status", ""))
        except DjangoValidationError as error:
            return Response(error.message_dict, status=400)
        return Response(ActionItemSerializer(item).data)


ROUTES: list = [
    ("dialogue/meetings", MeetingViewSet, "dialogue-meeting"),
    ("dialogue/actions", ActionItemViewSet, "dialogue-action"),
]
