"""Routes of the notifications."""

from django.urls import path

from clusterdialogue.collaboration.notifications import views

urlpatterns: list = [
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/", views.notification_open, name="notification-open"),
]
