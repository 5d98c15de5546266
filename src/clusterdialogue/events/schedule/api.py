"""API of the schedule: the caller's agenda, one row per scheduled meeting (read).

``?event=<slug>`` narrows to one event; times are ISO 8601 with their offset.
"""

from __future__ import annotations

from django.db.models import Q
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from clusterdialogue.events.models import ScheduledMeeting


class AgendaSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(source="request.event", slug_field="slug", read_only=True)
    start = serializers.DateTimeField(source="session.start", read_only=True)
    end = serializers.DateTimeField(source="session.end", read_only=True)
    slot = serializers.CharField(source="session.title", read_only=True)
    participant = serializers.SerializerMethodField()
    partner = serializers.SerializerMethodField()
    partner_organisation = serializers.SerializerMethodField()

    class Meta:
        model = ScheduledMeeting
        fields = [
            "id", "event", "slot", "start", "end", "table", "pinned", "participant", "partner",
            "partner_organisation",
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


ROUTES: list = [("event-agenda", AgendaViewSet, "event-agenda")]
