"""Routes of the transfer area: directory downloads and the secretariat's import page."""

from django.urls import path, re_path

from clusterdialogue.clusters import views_transfer

urlpatterns = [
    re_path(r"^export\.(?P<format>csv|xlsx|json)$", views_transfer.cluster_export, name="export"),
    path("import/", views_transfer.cluster_import, name="import"),
]
