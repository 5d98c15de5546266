"""Routes of the directory: the searchable list of cluster organisations and its map data."""

from django.urls import path

from clusterdialogue.clusters.directory import views

urlpatterns: list = [
    path("", views.directory_list, name="list"),
    path("map.json", views.directory_map_data, name="map-data"),
]
