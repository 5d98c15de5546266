"""Routes of the matching proposals (under /events/)."""

from django.urls import path

from clusterdialogue.events.proposals import views

urlpatterns: list = [path("<slug:slug>/proposals/", views.proposals, name="proposals")]
