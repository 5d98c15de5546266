"""Routes of the calls: funding calls, their matching clusters, the consortium builder."""

from django.urls import path

from clusterdialogue.collaboration.calls import views

urlpatterns: list = [
    path("calls/", views.call_list, name="call-list"),
    path("calls/import/", views.call_import, name="call-import"),
    path("calls/<int:pk>/", views.call_detail, name="call-detail"),
    path("calls/<int:pk>/consortium/", views.call_consortium, name="call-consortium"),
    path(
        "calls/<int:pk>/consortium/start/",
        views.call_consortium_start,
        name="call-consortium-start",
    ),
]
