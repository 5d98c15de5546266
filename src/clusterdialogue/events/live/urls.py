"""Routes of the live view (under /events/)."""

from django.urls import path

from clusterdialogue.events.live import views

urlpatterns: list = [
    path("<slug:slug>/live/", views.live, name="live"),
    path("<slug:slug>/live/meetings/<int:pk>/mark/", views.meeting_mark, name="meeting-mark"),
    path("<slug:slug>/live/place/", views.meeting_place, name="meeting-place"),
    path("<slug:slug>/tables/", views.table_lists, name="table-lists"),
]
