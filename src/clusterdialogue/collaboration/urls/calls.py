"""Routes of the calls area: funding calls, their matching clusters, the consortium builder."""

from django.urls import path

from clusterdialogue.collaboration import views_calls

urlpatterns: list = [
    path("calls/", views_calls.call_list, name="call-list"),
    path("calls/import/", views_calls.call_import, name="call-import"),
    path("calls/<int:pk>/", views_calls.call_detail, name="call-detail"),
    path("calls/<int:pk>/consortium/", views_calls.call_consortium, name="call-consortium"),
    path(
        "calls/<int:pk>/consortium/start/",
        views_calls.call_consortium_start,
        name="call-consortium-start",
    ),
]
