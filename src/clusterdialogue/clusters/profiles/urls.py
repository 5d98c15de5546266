"""Routes of the profiles: the profile page, its history, its editing, and its members."""

from django.urls import path

from clusterdialogue.clusters.profiles import views

urlpatterns: list = [
    path("<slug:slug>/", views.cluster_detail, name="detail"),
    path("<slug:slug>/history/", views.cluster_history, name="history"),
    path("<slug:slug>/edit/", views.cluster_edit, name="edit"),
    path("<slug:slug>/members/add/", views.member_add, name="member_add"),
    path("<slug:slug>/members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("<slug:slug>/members/<int:pk>/delete/", views.member_delete, name="member_delete"),
]
