"""Routes of the B2B meetings (under /events/)."""

from django.urls import path

from clusterdialogue.events.b2b import views

urlpatterns: list = [
    path("<slug:slug>/participants/<int:pk>/request/", views.request_create, name="request-create"),
    path("<slug:slug>/requests/", views.my_requests, name="my-requests"),
    path("<slug:slug>/requests/<int:pk>/respond/", views.request_respond, name="request-respond"),
    path("<slug:slug>/requests/<int:pk>/cancel/", views.request_cancel, name="request-cancel"),
    path("<slug:slug>/meetings/add/", views.meeting_add, name="meeting-add"),
]
