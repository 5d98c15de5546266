"""Routes of the cooperation board: offers and requests."""

from django.urls import path

from clusterdialogue.collaboration.board import views

urlpatterns: list = [
    path("board/", views.board_list, name="board"),
    path("board/new/", views.post_create, name="post-create"),
    path("board/<int:pk>/", views.post_detail, name="post-detail"),
    path("board/<int:pk>/edit/", views.post_edit, name="post-edit"),
    path("board/<int:pk>/status/", views.post_status, name="post-status"),
    path("board/<int:pk>/delete/", views.post_delete, name="post-delete"),
    path("board/<int:pk>/follow/", views.post_follow, name="post-follow"),
    path("board/<int:pk>/interest/", views.post_interest, name="post-interest"),
]
