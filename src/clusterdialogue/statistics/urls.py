"""Routes of the statistics pages (under /statistics/)."""

from clusterdialogue.statistics.growth import urls as growth

app_name = "statistics"
urlpatterns = [*growth.urlpatterns]
