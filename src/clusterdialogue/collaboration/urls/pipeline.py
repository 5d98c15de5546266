"""Routes of the pipeline area: the board, collaborations, statistics and the network graph."""

from django.urls import path

from clusterdialogue.collaboration import views_network, views_pipeline, views_pipeline_documents

urlpatterns: list = [
    path("pipeline/", views_pipeline.pipeline_board, name="pipeline"),
    path("pipeline/new/", views_pipeline.collaboration_create, name="collaboration-create"),
    path("pipeline/<int:pk>/", views_pipeline.collaboration_detail, name="collaboration-detail"),
    path("pipeline/<int:pk>/edit/", views_pipeline.collaboration_edit, name="collaboration-edit"),
    path("pipeline/<int:pk>/move/", views_pipeline.collaboration_move, name="collaboration-move"),
    path(
        "pipeline/<int:pk>/delete/",
        views_pipeline.collaboration_delete,
        name="collaboration-delete",
    ),
    path(
        "pipeline/<int:pk>/documents/",
        views_pipeline_documents.document_add,
        name="collaboration-document-add",
    ),
    path(
        "pipeline/<int:pk>/documents/<int:document_pk>/",
        views_pipeline_documents.document_download,
        name="collaboration-document",
    ),
    path(
        "pipeline/<int:pk>/documents/<int:document_pk>/delete/",
        views_pipeline_documents.document_delete,
        name="collaboration-document-delete",
    ),
    path("statistics/", views_network.pipeline_statistics_page, name="statistics"),
    path("network/", views_network.network_page, name="network"),
]
