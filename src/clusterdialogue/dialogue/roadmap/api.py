"""API of the roadmap feature (read-only): roadmaps with objectives, actions and progress.

ROUTES lists (prefix, viewset, basename) for the API router.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers, viewsets

from clusterdialogue.dialogue.groups.selectors import group_list_visible
from clusterdialogue.dialogue.models import Roadmap, RoadmapAction
from clusterdialogue.dialogue.roadmap.permissions import user_can_view_roadmap
from clusterdialogue.dialogue.roadmap.selectors import roadmap_detail


class ActionSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(read_only=True)
    territory = serializers.CharField(source="territory.region.code", default=None)

    class Meta:
        model = RoadmapAction
        fields = ["id", "title", "owner", "territory", "due_on", "status", "is_example"]


class RoadmapSerializer(serializers.ModelSerializer):
    group = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    objectives = serializers.SerializerMethodField()
    page = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Roadmap
        fields = [
            "id", "group", "title", "start_year", "end_year", "status", "lessons", "source",
            "is_example", "objectives", "page",
        ]  # fmt: skip

    def get_objectives(self, roadmap: Roadmap) -> list[dict[str, Any]]:
        """Objectives with their actions and each indicator's value, target and progress."""
        return [
            {
                "kind": row["objective"].kind,
                "text": row["objective"].text,
                "actions": ActionSerializer(row["actions"], many=True).data,
                "indicators": [
                    {
                        "name": p.indicator.name,
                        "unit": p.indicator.unit,
                        "target": None if p.indicator.target is None else str(p.indicator.target),
                        "value": None if p.value is None else str(p.value),
                        "percent": p.percent,
                        "computed": p.computed,
                        "metric": p.indicator.metric_key,
                        "note": str(p.note),
                    }
                    for p in row["progress"]
                ],
            }
            for row in roadmap_detail(roadmap=roadmap)
        ]


class RoadmapViewSet(viewsets.ReadOnlyModelViewSet):
    """Roadmaps of the groups the user sees; drafts only for the group's members."""

    serializer_class = RoadmapSerializer

    def get_queryset(self) -> Any:
        user = self.request.user
        roadmaps = Roadmap.objects.filter(group__in=group_list_visible(user=user))
        visible = [r.pk for r in roadmaps.select_related("group") if user_can_view_roadmap(user, r)]
        return Roadmap.objects.filter(pk__in=visible).select_related("group")


ROUTES: list = [("dialogue/roadmaps", RoadmapViewSet, "dialogue-roadmap")]
