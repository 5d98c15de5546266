"""Directory URLs; each area of the directory keeps its routes in its own module."""

from clusterdialogue.clusters.urls import directory, profiles, transfer

app_name = "clusters"
urlpatterns = [*directory.urlpatterns, *transfer.urlpatterns, *profiles.urlpatterns]
