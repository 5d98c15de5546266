"""The notifications API: one's own notifications, marking them read."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.collaboration.models import Notification
from clusterdialogue.collaboration.notifications.selectors import notification_list
from clusterdialogue.collaboration.notifications.services import notifications_mark_read


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "message", "url", "created_at", "read_at"]
        read_only_fields = fields


class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """Your own notifications, newest first; ``?unread=true`` for the unread ones."""

    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = None
    queryset = Notification.objects.none()  # for the schema; the user's own are read below

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        notifications = notification_list(user=self.request.user)
        if self.request.query_params.get("unread", "").lower() in ("1", "true", "on", "yes"):
            notifications = notifications.filter(read_at__isnull=True)
        return notifications

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        """Mark this notification as read."""
        notification = self.get_object()
        notifications_mark_read(user=request.user, ids=[notification.pk])
        notification.refresh_from_db()
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses={200: None})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        """Mark all your notifications as read; answers how many were unread."""
        return Response({"marked": notifications_mark_read(user=request.user)})
