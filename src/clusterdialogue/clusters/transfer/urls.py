"""Routes of the transfer feature: directory downloads and the secretariat's import page."""

from django.urls import path, re_path

from clusterdialogue.clusters.transfer import views

urlpatterns: list = [
    re_path(r"^export\.(?P<format>csv|xlsx|json)$", views.cluster_export, name="export"),
    path("import/", views.cluster_import, name="import"),
]
