"""Serializers of the pipeline API: collaborations, moves, documents, statistics, the graph.

Serializers only shape data; creating, changing and moving go through the service functions
(:mod:`clusterdialogue.collaboration.pipeline.services`), called by the viewset.
"""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.models import Collaboration, CollaborationDocument, StageChange
from clusterdialogue.collaboration.pipeline.selectors import StatisticsRow
from clusterdialogue.common.uploads import uploaded_document_check


class StageChangeSerializer(serializers.ModelSerializer):
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    changed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = StageChange
        fields = ["stage", "stage_label", "date", "note", "changed_by"]


class DocumentSerializer(serializers.ModelSerializer):
    """A document; ``download`` is the permission-checked address of an uploaded file."""

    download = serializers.SerializerMethodField()
    uploaded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = CollaborationDocument
        fields = ["id", "title", "url", "download", "uploaded_by", "uploaded_at"]

    def get_download(self, document: CollaborationDocument) -> str | None:
        if not document.file:
            return None
        return reverse(
            "collaboration:collaboration-document", args=[document.collaboration_id, document.pk]
        )


class CollaborationSerializer(serializers.ModelSerializer):
    """A collaboration. ``stage`` is read-only: move it with ``POST .../move/``."""

    partners = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=ClusterOrganisation.objects.all()
    )
    lead = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=ClusterOrganisation.objects.all(),
        required=False,
        allow_null=True,
    )
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    stage_changes = StageChangeSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    note = serializers.CharField(
        write_only=True, required=False, allow_blank=True, help_text="Note of the first log entry"
    )

    class Meta:
        model = Collaboration
        fields = [
            "id", "title", "kind", "stage", "stage_label", "partners", "lead", "call", "post",
            "description", "outcome", "funding_requested", "funding_won", "started_on",
            "is_example", "stage_changes", "documents", "created_at", "note",
        ]  # fmt: skip
        read_only_fields = ["stage", "created_at"]

    def validate_partners(self, value: list) -> list:
        if not value:
            raise serializers.ValidationError("Give at least one partner cluster (its slug).")
        return value


class MoveSerializer(serializers.Serializer):
    """A move to a following stage (see the allowed moves in the pipeline's documentation)."""

    stage = serializers.ChoiceField(choices=Collaboration.Stage.choices)
    date = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    expected_stage = serializers.ChoiceField(
        choices=Collaboration.Stage.choices, required=False, allow_null=True, default=None
    )


class DocumentCreateSerializer(serializers.Serializer):
    """A file (multipart upload) or a link."""

    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    file = serializers.FileField(
        required=False, allow_null=True, default=None, validators=[uploaded_document_check]
    )
    url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")


def statistics_row_data(row: StatisticsRow) -> dict:
    rate = row.success_rate
    return {
        "territory": row.name,
        "year": row.year,
        "collaborations": row.collaborations if row.year is None else None,
        "relations": row.relations,
        "applications": row.applications,
        "funded": row.funded,
        "rejected": row.rejected,
        "success_rate": None if rate is None else round(rate, 4),
        "funding_requested": float(row.funding_requested),
        "funding_won": float(row.funding_won),
    }
