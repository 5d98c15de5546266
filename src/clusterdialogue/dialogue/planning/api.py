"""API of the meeting planner: a group's proposed next meetings with their reasons, and
confirming one as proposed or overridden with a reason.

Same rules as the planner page (``planning.plan``, ``planning.confirm_meeting``); a group the
caller may not see answers 404. Reasons come as data (``code``, ``params``) and as a sentence in
the request's language (``text``), so a client may word them itself.

ROUTES lists (prefix, viewset, basename) for the API router.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.common.permissions import can
from clusterdialogue.core.scheduling import PlanningError, Proposal, reason_params_plain
from clusterdialogue.dialogue.groups.selectors import group_get_visible
from clusterdialogue.dialogue.meetings.api import MeetingSerializer
from clusterdialogue.dialogue.models import WorkingGroup
from clusterdialogue.dialogue.planning import services
from clusterdialogue.dialogue.planning.reasons import reason_display


class PlanOptionsSerializer(serializers.Serializer):
    """The planner's settings, as the ``dialogue plan`` command takes them."""

    start = serializers.DateField(required=False, help_text="First day to plan from; today.")
    meetings = serializers.IntegerField(min_value=1, max_value=20, default=4)
    per_year = serializers.IntegerField(min_value=1, max_value=12, default=2)
    days = serializers.IntegerField(min_value=1, max_value=5, default=2)
    include_associates = serializers.BooleanField(default=False)


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    params = serializers.DictField()
    text = serializers.CharField(help_text="The reason in the request's language.")


class ProposalSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(help_text="Index in the plan, from 1.")
    host_territory = serializers.CharField(source="territory", help_text="Region code.")
    city = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    reasons = serializers.SerializerMethodField()

    def get_reasons(self, proposal: Proposal) -> list[dict[str, Any]]:
        return [
            {"code": r.code, "params": reason_params_plain(r.params), "text": reason_display(r)}
            for r in proposal.reasons
        ]


class PlanSerializer(serializers.Serializer):
    group = serializers.CharField()
    options = PlanOptionsSerializer()
    proposals = ProposalSerializer(many=True)


class ConfirmSerializer(PlanOptionsSerializer):
    """Which proposal to confirm, and what to change (a change needs ``override_reason``)."""

    meeting = serializers.IntegerField(min_value=1, help_text="The proposal's index in the plan.")
    host_territory = serializers.CharField(required=False, help_text="Region code, e.g. DE1.")
    city = serializers.CharField(required=False, allow_blank=True)
    confirmed_start = serializers.DateField(required=False, help_text="Another first day.")
    confirmed_end = serializers.DateField(required=False, help_text="Another last day.")
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")


def _options(data: dict[str, Any]) -> dict[str, Any]:
    keys = ("meetings", "per_year", "days", "include_associates")
    return {"start": data.get("start") or dt.date.today(), **{key: data[key] for key in keys}}


def _proposals(group: WorkingGroup, options: dict[str, Any]) -> list[Proposal]:
    try:
        return services.meetings_plan_for_group(group=group, **options)
    except PlanningError as error:
        raise ApiValidationError({"detail": str(error)}) from error


class PlanViewSet(viewsets.ViewSet):
    """``GET /api/dialogue/plans/<group>/`` proposes; ``POST …/confirm/`` confirms one."""

    permission_classes = [IsAuthenticated]
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def _group(self, slug: str, rule: str) -> WorkingGroup:
        group = group_get_visible(user=self.request.user, slug=slug)
        if not can(self.request.user, rule, group):
            raise PermissionDenied("Your account may not plan this group's meetings.")
        return group

    @extend_schema(parameters=[PlanOptionsSerializer], responses=PlanSerializer)
    def retrieve(self, request: Request, slug: str | None = None) -> Response:
        """The group's next meetings as the planner proposes them, with the reasons."""
        group = self._group(slug or "", "planning.plan")
        query = PlanOptionsSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        options = _options(query.validated_data)
        proposals = _proposals(group, options)
        body = {"group": group.slug, "options": options, "proposals": proposals}
        return Response(PlanSerializer(body).data)

    @extend_schema(request=ConfirmSerializer, responses={201: MeetingSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, slug: str | None = None) -> Response:
        """Store a proposal as a confirmed meeting; another host, city or dates is an override
        and needs ``override_reason``."""
        group = self._group(slug or "", "planning.confirm_meeting")
        body = ConfirmSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        proposals = _proposals(group, _options(data))
        chosen = next((p for p in proposals if p.meeting == data["meeting"]), None)
        if chosen is None:
            raise ApiValidationError(
                {"meeting": f"The plan has {len(proposals)} proposals; give one of 1 to "
                 f"{len(proposals)}."}
            )  # fmt: skip
        host = None
        if code := data.get("host_territory"):
            host = group.network.territories.filter(region__code=code.strip().upper()).first()
            if host is None:
                raise ApiValidationError(
                    {"host_territory": f"{code} is not a territory of the group's network."}
                )
        try:
            meeting = services.meeting_confirm_from_plan(
                group=group, proposal=chosen, host_territory=host, city=data.get("city"),
                start=data.get("confirmed_start"), end=data.get("confirmed_end"),
                override_reason=data["override_reason"],
            )  # fmt: skip
        except DjangoValidationError as error:
            raise ApiValidationError(error.message_dict) from error
        return Response(MeetingSerializer(meeting, context={"request": request}).data, status=201)


ROUTES: list = [("dialogue/plans", PlanViewSet, "dialogue-plan")]
