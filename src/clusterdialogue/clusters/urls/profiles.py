"""Routes of the profiles area: the profile page, its history and editing, proposed changes."""

from django.urls import path

from clusterdialogue.clusters import views_changes, views_profiles

urlpatterns: list = [
    # Before "<slug>/": the queue's address is not a profile's.
    path("changes/", views_changes.change_queue, name="change_queue"),
    path("changes/<int:pk>/", views_changes.change_detail, name="change_detail"),
    path("changes/<int:pk>/approve/", views_changes.change_approve, name="change_approve"),
    path("changes/<int:pk>/reject/", views_changes.change_reject, name="change_reject"),
    path("<slug:slug>/", views_profiles.cluster_detail, name="detail"),
    path("<slug:slug>/history/", views_profiles.cluster_history, name="history"),
    path("<slug:slug>/edit/", views_profiles.cluster_edit, name="edit"),
    path("<slug:slug>/members/add/", views_profiles.member_add, name="member_add"),
    path("<slug:slug>/members/<int:pk>/edit/", views_profiles.member_edit, name="member_edit"),
    path(
        "<slug:slug>/members/<int:pk>/delete/", views_profiles.member_delete, name="member_delete"
    ),
]
