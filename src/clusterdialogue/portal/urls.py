from django.urls import path

from clusterdialogue.portal import views
from clusterdialogue.portal.search import urls as search

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("map/", views.europe_map, name="map"),
    path("map/data.geojson", views.map_data, name="map-data"),
    path("map/territories.geojson", views.territories_geojson, name="territories-geojson"),
    path("map/outlines.geojson", views.outlines_geojson, name="outlines-geojson"),
    path("regions/<str:code>/", views.region_dashboard, name="region"),
    path("categories/", views.categories, name="categories"),
    path("categories/<str:code>/", views.category_view, name="category"),
    path("compare/", views.compare, name="compare"),
    *search.urlpatterns,
]
