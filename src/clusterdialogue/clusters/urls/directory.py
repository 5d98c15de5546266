"""Routes of the directory area: the searchable list of cluster organisations and its map data."""

from django.urls import path

from clusterdialogue.clusters import views_directory

urlpatterns: list = [
    path("", views_directory.directory_list, name="list"),
    path("map.json", views_directory.directory_map_data, name="map-data"),
]
