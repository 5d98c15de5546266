"""The calls API: funding calls (filters), their matching clusters, consortium proposals, the
secretariat's import, and starting a joint application from a proposal.

Reading and computing proposals is open to everyone (only public profiles take part);
importing is the secretariat's; starting a collaboration is for those who may act for the lead.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.collaboration.calls.api.serializers import (
    CallImportReportSerializer,
    CallImportSerializer,
    CallMatchSerializer,
    CollaborationStartedSerializer,
    ConsortiumRequestSerializer,
    ConsortiumResultSerializer,
    ConsortiumStartSerializer,
    FundingCallSerializer,
    consortium_result_data,
)
from clusterdialogue.collaboration.calls.filters import FundingCallFilterSet
from clusterdialogue.collaboration.calls.selectors import (
    consortium_lead_choices,
    consortium_proposals,
    funding_call_list,
    funding_call_matches,
)
from clusterdialogue.collaboration.calls.services import (
    collaboration_start_from_proposal,
    funding_calls_import,
)
from clusterdialogue.collaboration.models import FundingCall
from clusterdialogue.common.errors import ServiceError
from clusterdialogue.common.permissions import RulePermission
from clusterdialogue.core.io.errors import DataFileError


class FundingCallViewSet(viewsets.ReadOnlyModelViewSet):
    """Funding calls, nearest deadline first; filter by ``status``, ``programme``, ``is_example``
    and deadline."""

    queryset = FundingCall.objects.all()
    serializer_class = FundingCallSerializer
    filterset_class = FundingCallFilterSet
    permission_classes = [RulePermission]
    permission_rules = {"import_calls": "calls.import"}

    def get_queryset(self):
        return funding_call_list()

    @extend_schema(
        parameters=[OpenApiParameter("top", int, description="How many clusters (default 10)")],
        responses=CallMatchSerializer(many=True),
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def matches(self, request: Request, pk: str | None = None) -> Response:
        """The public clusters whose profiles best match the call's topic, with reasons."""
        try:
            top = max(1, min(100, int(request.query_params.get("top", 10))))
        except ValueError:
            raise ValidationError({"top": ["Give a whole number, e.g. ?top=10."]}) from None
        matches = funding_call_matches(call=self.get_object(), top=top)
        return Response(CallMatchSerializer(matches, many=True).data)

    @extend_schema(request=ConsortiumRequestSerializer, responses=ConsortiumResultSerializer)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def consortia(self, request: Request, pk: str | None = None) -> Response:
        """Propose the best consortia a lead can form for the call (computes; stores nothing).

        ``fit`` of a candidate = (its match to the call's topic + its match to the lead) / 2;
        ``score`` = total fit + territory_weight × network territories covered. When no
        consortium can meet the call's rules, ``feasible`` is false and ``reasons`` says why.
        """
        call = self.get_object()
        serializer = ConsortiumRequestSerializer(
            data=request.data, leads=consortium_lead_choices(user=request.user)
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            result = consortium_proposals(
                call=call,
                lead=data["lead"],
                size=data.get("size"),
                territory_weight=data["territory_weight"],
                pinned=data["pinned"],
                excluded=data["excluded"],
                proposals=data["proposals"],
            )
        except ServiceError as error:
            raise ValidationError({"lead": [str(error)]}) from None
        return Response(consortium_result_data(call=call, result=result))

    @extend_schema(
        request={"multipart/form-data": CallImportSerializer},
        responses={201: CallImportReportSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
        filterset_class=None,
        pagination_class=None,
    )
    def import_calls(self, request: Request) -> Response:
        """Import a CSV or JSON file of calls (secretariat only); a bad file changes nothing."""
        serializer = CallImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        try:
            report = funding_calls_import(
                source=upload.read(),
                name=upload.name,
                is_example=serializer.validated_data["is_example"],
            )
        except DataFileError as error:
            raise ValidationError({"file": [str(error)]}) from None
        data = {
            "file": report.file,
            "is_example": report.is_example,
            "summary": report.summary,
            "rows": [vars(row) for row in report.rows],
        }
        return Response(CallImportReportSerializer(data).data, status=status.HTTP_201_CREATED)


class ConsortiumViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Start a joint application (stage "identified") from a consortium proposal.

    Allowed to a manager of the lead cluster, its territory's representative and the
    secretariat; the members must meet the call's rules.
    """

    serializer_class = ConsortiumStartSerializer
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ConsortiumStartSerializer, responses={201: CollaborationStartedSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = ConsortiumStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:  # PermissionDenied (403) for users who may not act for the lead
            collaboration = collaboration_start_from_proposal(
                user=request.user,
                call=data["call"],
                lead=data["lead"],
                partner_slugs=data["partners"],
                title=data["title"],
            )
        except ServiceError as error:
            raise ValidationError({"partners": [str(error)]}) from None
        return Response(
            CollaborationStartedSerializer(collaboration).data, status=status.HTTP_201_CREATED
        )
