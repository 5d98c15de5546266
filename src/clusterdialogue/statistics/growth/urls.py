"""Routes of the growth page (under /statistics/)."""

from django.urls import path

from clusterdialogue.statistics.growth import views

urlpatterns = [
    path("regions/<str:code>/growth/", views.region_growth, name="region-growth"),
]
