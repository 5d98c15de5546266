"""Routes of the board area: offers and requests, notifications, partner recommendations."""

from django.urls import path

from clusterdialogue.collaboration import views_board, views_recommendations

urlpatterns: list = [
    path("board/", views_board.board_list, name="board"),
    path("board/new/", views_board.post_create, name="post-create"),
    path("board/<int:pk>/", views_board.post_detail, name="post-detail"),
    path("board/<int:pk>/edit/", views_board.post_edit, name="post-edit"),
    path("board/<int:pk>/status/", views_board.post_status, name="post-status"),
    path("board/<int:pk>/delete/", views_board.post_delete, name="post-delete"),
    path("board/<int:pk>/follow/", views_board.post_follow, name="post-follow"),
    path("board/<int:pk>/interest/", views_board.post_interest, name="post-interest"),
    path("notifications/", views_board.notifications, name="notifications"),
    path("notifications/<int:pk>/", views_board.notification_open, name="notification-open"),
    path(
        "recommendations/<slug:slug>/",
        views_recommendations.recommendations_page,
        name="recommendations",
    ),
]
