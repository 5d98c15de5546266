"""Routes of the partner suggestions."""

from django.urls import path

from clusterdialogue.collaboration.suggestions import views

urlpatterns: list = [
    path("recommendations/<slug:slug>/", views.recommendations_page, name="recommendations"),
]
