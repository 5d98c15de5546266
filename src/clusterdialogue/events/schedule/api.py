"""API of the schedule: the caller's agenda, one row per scheduled meeting (read).

``?event=<slug>`` narrows to one event; times are ISO 8601 with their offset.
``POST /api/event-agenda/{id}/outcome/`` with ``{"kind": "follow_up", "note": "..."}`` records
what came of a meeting once it is over (rule ``outcomes.record``; see ``outcomes.services``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.common.permissions import can
from clusterdialogue.events.models import MeetingOutcome, ScheduledMeeting
from clusterdialogue.events.outcomes import selectors as outcome_selectors
from clusterdialogue.events.outcomes import services as outcome_services


class AgendaSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(source="request.event", slug_field="slug", read_only=True)
    start = serializers.DateTimeField(source="session.start", read_only=True)
    end = serializers.DateTimeField(source="session.end", read_only=True)
    slot = serializers.CharField(source="session.title", read_only=True)
    participant = serializers.SerializerMethodField()
    partner = serializers.SerializerMethodField()
    partner_organisation = serializers.SerializerMethodField()
    outcome = serializers.SerializerMethodField()

    class Meta:
        model = ScheduledMeeting
        fields = [
            "id", "event", "slot", "start", "end", "table", "pinned", "participant", "partner",
            "partner_organisation", "status", "outcome",
        ]  # fmt: skip

    def _sides(self, meeting: ScheduledMeeting):
        user = self.context["request"].user
        own, other = meeting.request.requester, meeting.request.partner
        if own.user_id != user.pk:
            own, other = other, own
        return own, other

    def get_participant(self, meeting: ScheduledMeeting) -> str:
        return self._sides(meeting)[0].name

    def get_partner(self, meeting: ScheduledMeeting) -> str:
        return self._sides(meeting)[1].name

    def get_partner_organisation(self, meeting: ScheduledMeeting) -> str:
        return self._sides(meeting)[1].organisation.slug

    def get_outcome(self, meeting: ScheduledMeeting) -> dict | None:
        outcome = MeetingOutcome.objects.filter(meeting=meeting).first()
        if outcome is None:
            return None
        return {
            "kind": outcome.kind,
            "note": outcome.note,
            "recorded_at": outcome.recorded_at.isoformat(),
            "collaboration": outcome.collaboration_id,
        }


class AgendaViewSet(viewsets.ReadOnlyModelViewSet):
    """The caller's scheduled meetings, in time order."""

    serializer_class = AgendaSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return ScheduledMeeting.objects.none()  # the schema generator has no real user
        rows = ScheduledMeeting.objects.filter(
            Q(request__requester__user=user) | Q(request__partner__user=user)
        )
        if event := self.request.query_params.get("event"):
            rows = rows.filter(request__event__slug=event)
        return rows.select_related(
            "session", "request__event", "request__requester__organisation",
            "request__partner__organisation",
        ).order_by("session__start", "table")  # fmt: skip

    @action(detail=True, methods=["post"])
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        """Record what came of one of your meetings: ``{"kind": ..., "note": ...}``."""
        meeting = self.get_object()
        if not can(request.user, "outcomes.record", meeting):
            return Response({"detail": "Only the meeting's participants record it."}, status=403)
        try:
            outcome_services.meeting_outcome_record(
                meeting=meeting,
                kind=str(request.data.get("kind", "")),
                note=str(request.data.get("note", "")),
                by=outcome_selectors.meeting_side_of(meeting=meeting, user=request.user),
                user=request.user,
            )
        except DjangoValidationError as error:
            return Response(error.message_dict, status=400)
        meeting.refresh_from_db()
        return Response(self.get_serializer(meeting).data)


ROUTES: list = [("event-agenda", AgendaViewSet, "event-agenda")]
