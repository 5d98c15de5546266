"""API of the B2B meetings: the caller's requests (sent and received), and answering one.

``POST /api/event-requests/{id}/respond/`` with ``{"answer": "accept"}`` (or ``"decline"``) is
for the participant the request is addressed to (rule ``b2b.respond``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.common.permissions import can
from clusterdialogue.events.b2b import selectors, services
from clusterdialogue.events.models import MeetingRequest


class MeetingRequestSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    requester_name = serializers.CharField(source="requester.name", read_only=True)
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = MeetingRequest
        fields = [
            "id", "event", "requester", "requester_name", "partner", "partner_name", "priority",
            "message", "status", "created_at", "expires_at", "responded_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_status(self, request: MeetingRequest) -> str:
        """The status as it stands (a pending request past its expiry reads "expired")."""
        return selectors.meeting_request_status(request=request)


class MeetingRequestViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MeetingRequestSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        rows = selectors.meeting_requests_visible(user=self.request.user)
        if event := self.request.query_params.get("event"):
            rows = rows.filter(event__slug=event)
        return rows.select_related("event", "requester", "partner").order_by("-created_at", "-pk")

    @action(detail=True, methods=["post"])
    def respond(self, request: Request, pk: str | None = None) -> Response:
        """Accept or decline a request addressed to you: ``{"answer": "accept" | "decline"}``."""
        item = self.get_object()
        if not can(request.user, "b2b.respond", item):
            return Response({"detail": "Only the participant asked may answer."}, status=403)
        answer = request.data.get("answer", "")
        if answer not in ("accept", "decline"):
            return Response({"answer": ["Use accept or decline."]}, status=400)
        try:
            services.meeting_request_respond(
                request=item, by=item.partner, accept=answer == "accept"
            )
        except DjangoValidationError as error:
            return Response(error.message_dict, status=400)
        item.refresh_from_db()
        return Response(MeetingRequestSerializer(item).data)


ROUTES: list = [("event-requests", MeetingRequestViewSet, "event-request")]
