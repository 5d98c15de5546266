"""Routes of the proposed changes: the validation queue, one change, approve and reject."""

from django.urls import path

from clusterdialogue.clusters.changes import views

urlpatterns: list = [
    path("changes/", views.change_queue, name="change_queue"),
    path("changes/<int:pk>/", views.change_detail, name="change_detail"),
    path("changes/<int:pk>/approve/", views.change_approve, name="change_approve"),
    path("changes/<int:pk>/reject/", views.change_reject, name="change_reject"),
]
