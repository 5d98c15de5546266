"""Routes of the pipeline: the board, collaborations, their documents, the statistics."""

from django.urls import path

from clusterdialogue.collaboration.pipeline.views import collaborations, documents, statistics

urlpatterns: list = [
    path("pipeline/", collaborations.pipeline_board, name="pipeline"),
    path("pipeline/new/", collaborations.collaboration_create, name="collaboration-create"),
    path("pipeline/<int:pk>/", collaborations.collaboration_detail, name="collaboration-detail"),
    path("pipeline/<int:pk>/edit/", collaborations.collaboration_edit, name="collaboration-edit"),
    path("pipeline/<int:pk>/move/", collaborations.collaboration_move, name="collaboration-move"),
    path(
        "pipeline/<int:pk>/delete/",
        collaborations.collaboration_delete,
        name="collaboration-delete",
    ),
    path(
        "pipeline/<int:pk>/documents/",
        documents.document_add,
        name="collaboration-document-add",
    ),
    path(
        "pipeline/<int:pk>/documents/<int:document_pk>/",
        documents.document_download,
        name="collaboration-document",
    ),
    path(
        "pipeline/<int:pk>/documents/<int:document_pk>/delete/",
        documents.document_delete,
        name="collaboration-document-delete",
    ),
    path("statistics/", statistics.pipeline_statistics_page, name="statistics"),
]
