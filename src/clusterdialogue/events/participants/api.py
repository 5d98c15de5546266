"""API of the participants feature: who takes part, for those who may see it (read).

Organisers and the secretariat see every registration with its status; approved participants
see the other approved participants. ``?event=<slug>`` narrows to one event.
"""

from __future__ import annotations

from django.db.models import Q
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from clusterdialogue.accounts.permissions import user_is_secretariat
from clusterdialogue.events.models import Participant


class ParticipantSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Participant
        fields = [
            "id", "event", "name", "organisation", "organisation_name", "type", "status",
            "interests",
        ]  # fmt: skip


class ParticipantViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ParticipantSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        user = self.request.user
        if not getattr(user, "is_authenticated", False):
            return Participant.objects.none()  # the schema generator, before IsAuthenticated
        rows = Participant.objects.select_related("event", "organisation")
        if not user_is_secretariat(user):
            rows = rows.filter(
                Q(event__organisers=user)
                | Q(
                    status=Participant.Status.APPROVED,
                    event__participants__user=user,
                    event__participants__status=Participant.Status.APPROVED,
                )
            ).distinct()
        if event := self.request.query_params.get("event"):
            rows = rows.filter(event__slug=event)
        return rows.order_by("event__start", "organisation__name", "name", "pk")


ROUTES: list = [("event-participants", ParticipantViewSet, "event-participant")]
