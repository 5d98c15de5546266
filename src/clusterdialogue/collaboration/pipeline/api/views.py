"""The pipeline's REST API: collaborations (signed-in users), statistics and the network (public).

Writes go through the same service functions as the pages, which check the user's rights; a
refusal comes back as 403 with the reason, invalid input as 400 naming the field.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.collaboration.models import Collaboration
from clusterdialogue.collaboration.pipeline import services
from clusterdialogue.collaboration.pipeline.api.serializers import (
    CollaborationSerializer,
    DocumentCreateSerializer,
    DocumentSerializer,
    MoveSerializer,
    StageChangeSerializer,
    statistics_row_data,
)
from clusterdialogue.collaboration.pipeline.forms import StatisticsFilterForm
from clusterdialogue.collaboration.pipeline.selectors import (
    PipelineOptions,
    collaboration_queryset,
    statistics_for,
)
from clusterdialogue.common.permissions import RulePermission

OPTION_PARAMETERS = [
    OpenApiParameter("network", str, description="Network slug (default: the default network)"),
    OpenApiParameter("kind", str, enum=Collaboration.Kind.values, description="Only this kind"),
    OpenApiParameter("examples", bool, description="Include collaborations marked as examples"),
]


def _refused(error: DjangoValidationError) -> ValidationError:
    return ValidationError(getattr(error, "message_dict", None) or {"detail": error.messages})


class CollaborationViewSet(viewsets.ModelViewSet):
    """Collaborations followed in the pipeline, with their stage log and documents.

    Create and edit as JSON with partner slugs; the stage changes only through
    ``POST /api/collaborations/{id}/move/``.
    """

    queryset = Collaboration.objects.all()
    serializer_class = CollaborationSerializer
    permission_classes = [RulePermission]
    permission_rules = {
        "list": "pipeline.view",
        "retrieve": "pipeline.view",
        "create": "pipeline.create",
        "update": "pipeline.edit",
        "partial_update": "pipeline.edit",
        "destroy": "pipeline.delete",
        "move": "pipeline.edit",
        "documents": "pipeline.edit",
        "document_delete": "pipeline.edit",
    }
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
            document = services.collaboration_document_add(
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
        services.collaboration_document_delete(document=document, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def filter_form_valid(form: StatisticsFilterForm) -> StatisticsFilterForm:
    if form.is_bound and not form.is_valid():
        raise ValidationError(form.errors.get_json_data())
    return form


class CollaborationStatisticsViewSet(viewsets.ViewSet):
    """Relations, applications, success rate and funding won per territory and year (public)."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=OPTION_PARAMETERS, responses=OpenApiTypes.OBJECT)
    def list(self, request: Request) -> Response:
        options = PipelineOptions.from_form(
            filter_form_valid(StatisticsFilterForm(request.query_params or None))
        )
        network = options.network
        _facts, stats = statistics_for(options=options)
        return Response(
            {
                "network": network.slug if network else None,
                "years": stats.years,
                "totals": [statistics_row_data(row) for row in stats.totals],
                "by_year": [statistics_row_data(row) for row in stats.by_year],
            }
        )
