"""Routes of the meeting outcomes (under /events/)."""

from django.urls import path

from clusterdialogue.events.outcomes import views

urlpatterns: list = [
    path("<slug:slug>/meetings/<int:pk>/outcome/", views.outcome_record, name="outcome-record"),
]
