"""API of the programme feature: the events a caller may see, with their programme (read)."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from clusterdialogue.events.models import Event, Session
from clusterdialogue.events.programme.selectors import event_visible


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "kind", "title", "start", "end", "location"]


class EventSerializer(serializers.ModelSerializer):
    host_territory = serializers.CharField(source="host_territory.region.code", read_only=True)
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    categories = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    programme = SessionSerializer(source="sessions", many=True, read_only=True)
    page = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Event
        fields = [
            "slug", "kind", "title", "network", "host_territory", "city", "venue", "timezone",
            "start", "end", "categories", "keywords", "description", "logistics",
            "registration_opens", "registration_closes", "cap_per_cluster", "tables",
            "request_expiry_hours", "is_public", "is_example", "page", "programme",
        ]  # fmt: skip


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Events the caller may see (public ones, and those they organise or take part in)."""

    serializer_class = EventSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return (
            event_visible(user=self.request.user)
            .prefetch_related("sessions", "categories")
            .order_by("start", "slug")
        )


ROUTES: list = [("events", EventViewSet, "event")]
