"""The pipeline's REST API: collaborations (signed-in users), statistics and the network (public).

Writes go through the same service functions as the pages, which check the user's rights; a
refusal comes back as 403 with the reason, invalid input as 400 naming the field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.collaboration.api.serializers_pipeline import (
    CollaborationSerializer,
    DocumentCreateSerializer,
    DocumentSerializer,
    MoveSerializer,
    StageChangeSerializer,
    network_graph_data,
    statistics_row_data,
)
from clusterdialogue.collaboration.forms_pipeline import NetworkFilterForm, StatisticsFilterForm
from clusterdialogue.collaboration.models import Collaboration
from clusterdialogue.collaboration.permissions_pipeline import (
    user_can_delete_collaboration,
    user_can_edit_collaboration,
    user_can_view_collaborations,
)
from clusterdialogue.collaboration.selectors_pipeline import (
    collaboration_queryset,
    collaboration_years,
)
from clusterdialogue.collaboration.services import pipeline as services
from clusterdialogue.collaboration.services import pipeline_documents as documents
from clusterdialogue.collaboration.views_network import (
    PipelineOptions,
    graph_for,
    statistics_for,
)

OPTION_PARAMETERS = [
    OpenApiParameter("network", str, description="Network slug (default: the default network)"),
    OpenApiParameter("kind", str, enum=Collaboration.Kind.values, description="Only this kind"),
    OpenApiParameter("examples", bool, description="Include collaborations marked as examples"),
]


class CollaborationPermission(BasePermission):
    """Signed-in users read; partners' managers and representatives and the secretariat write
    (deleting a whole collaboration: the secretariat and the partners' representatives)."""

    message = "Collaborations are for signed-in users; changes for those who act for a partner."

    def has_permission(self, request: Any, view: Any) -> bool:
        return user_can_view_collaborations(request.user)

    def has_object_permission(self, request: Any, view: Any, obj: Collaboration) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if getattr(view, "action", None) == "destroy":
            return user_can_delete_collaboration(request.user, obj)
        return user_can_edit_collaboration(request.user, obj)


def _refused(error: DjangoValidationError) -> ValidationError:
    return ValidationError(getattr(error, "message_dict", None) or {"detail": error.messages})


class CollaborationViewSet(viewsets.ModelViewSet):
    """Collaborations followed in the pipeline, with their stage log and documents.

    Create and edit as JSON with partner slugs; the stage changes only through
    ``POST /api/collaborations/{id}/move/``.
    """

    queryset = Collaboration.objects.all()
    serializer_class = CollaborationSerializer
    permission_classes = [CollaborationPermission]
    filterset_fields = ["kind", "stage", "is_example"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return collaboration_queryset().prefetch_related("documents__uploaded_by")

    def _fields(self, serializer: CollaborationSerializer) -> dict:
        return dict(serializer.validated_data)

    def perform_create(self, serializer: CollaborationSerializer) -> None:
        try:
            serializer.instance = services.collaboration_create(
                user=self.request.user, **self._fields(serializer)
            )
        except DjangoValidationError as error:
            raise _refused(error) from error

    def perform_update(self, serializer: CollaborationSerializer) -> None:
        fields = self._fields(serializer)
        fields.pop("note", None)
        try:
            serializer.instance = services.collaboration_update(
                collaboration=serializer.instance, user=self.request.user, **fields
            )
        except DjangoValidationError as error:
            raise _refused(error) from error

    def perform_destroy(self, instance: Collaboration) -> None:
        services.collaboration_delete(collaboration=instance, user=self.request.user)

    @extend_schema(request=MoveSerializer, responses={201: StageChangeSerializer})
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str | None = None) -> Response:
        """Move the collaboration to a following stage on a date (with a note, an amount)."""
        collaboration = self.get_object()
        move = MoveSerializer(data=request.data)
        move.is_valid(raise_exception=True)
        try:
            change = services.collaboration_move(
                collaboration=collaboration, user=request.user, **move.validated_data
            )
        except DjangoValidationError as error:
            raise _refused(error) from error
        return Response(StageChangeSerializer(change).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DocumentCreateSerializer, responses={201: DocumentSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def documents(self, request: Request, pk: str | None = None) -> Response:
        """Attach a document: a file (multipart ``file``) or a link (``url``)."""
        collaboration = self.get_object()
        upload = DocumentCreateSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            document = documents.collaboration_document_add(
                collaboration=collaboration, user=request.user, **upload.validated_data
            )
        except DjangoValidationError as error:
            raise _refused(error) from error
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"documents/(?P<document_pk>\d+)")
    def document_delete(self, request: Request, pk: str | None = None, document_pk=None):
        """Remove a document (and its stored file)."""
        collaboration = self.get_object()
        document = get_object_or_404(collaboration.documents, pk=document_pk)
        documents.collaboration_document_delete(document=document, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _valid(form: StatisticsFilterForm) -> StatisticsFilterForm:
    if form.is_bound and not form.is_valid():
        raise ValidationError(form.errors.get_json_data())
    return form


class CollaborationStatisticsViewSet(viewsets.ViewSet):
    """Relations, applications, success rate and funding won per territory and year (public)."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=OPTION_PARAMETERS, responses=OpenApiTypes.OBJECT)
    def list(self, request: Request) -> Response:
        options = PipelineOptions.from_form(
            _valid(StatisticsFilterForm(request.query_params or None))
        )
        network = options.network
        _facts, stats = statistics_for(options)
        return Response(
            {
                "network": network.slug if network else None,
                "years": stats.years,
                "totals": [statistics_row_data(row) for row in stats.totals],
                "by_year": [statistics_row_data(row) for row in stats.by_year],
            }
        )


class CollaborationNetworkViewSet(viewsets.ViewSet):
    """The network of relations: nodes (clusters), edges (pairs of partners) and metrics."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            *OPTION_PARAMETERS,
            OpenApiParameter("until", int, description="Only links made until this year"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def list(self, request: Request) -> Response:
        form = NetworkFilterForm(request.query_params or None, years=collaboration_years())
        options = PipelineOptions.from_form(_valid(form))
        graph = graph_for(options, user=request.user)
        network = options.network
        return Response({"network": network.slug if network else None, **network_graph_data(graph)})
