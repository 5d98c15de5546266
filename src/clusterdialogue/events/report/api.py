"""API of the organiser's report: ``GET /api/event-report/{slug}/`` (rule ``report.view``)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.common.permissions import can
from clusterdialogue.events.programme.selectors import event_get_visible
from clusterdialogue.events.report.selectors import ReportRow, event_report

FIELDS = ("requested", "accepted", "scheduled", "held", "no_show", "follow_ups", "cross_territory")


def _row(row: ReportRow) -> dict:
    data = {"label": row.label, **{name: getattr(row, name) for name in FIELDS}}
    data["cross_territory_share"] = row.cross_territory_share
    data["outcomes"] = dict(row.outcomes)
    return data


class ReportRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    requested = serializers.IntegerField()
    accepted = serializers.IntegerField()
    scheduled = serializers.IntegerField()
    held = serializers.IntegerField()
    no_show = serializers.IntegerField()
    follow_ups = serializers.IntegerField()
    cross_territory = serializers.IntegerField()
    cross_territory_share = serializers.FloatField(allow_null=True)
    outcomes = serializers.DictField(child=serializers.IntegerField())


class EventReportSerializer(serializers.Serializer):
    event = serializers.CharField()
    overall = ReportRowSerializer()
    territories = ReportRowSerializer(many=True)


class EventReportViewSet(viewsets.ViewSet):
    """The report's figures of one event: overall and by territory."""

    permission_classes = [IsAuthenticated]
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    @extend_schema(
        parameters=[OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH)],
        responses=EventReportSerializer,
    )
    def retrieve(self, request: Request, slug: str | None = None) -> Response:
        event = event_get_visible(user=request.user, slug=slug or "")
        if not can(request.user, "report.view", event):
            raise PermissionDenied
        report = event_report(event=event)
        return Response(
            {
                "event": event.slug,
                "overall": _row(report.overall),
                "territories": [_row(row) for row in report.territories],
            }
        )


ROUTES: list = [("event-report", EventReportViewSet, "event-report")]
