"""Routes of the smart-specialisation pages (under /analytics/)."""

from django.urls import path
from django.views.generic import RedirectView

from clusterdialogue.analytics.network import views as network
from clusterdialogue.analytics.region import views as region

app_name = "analytics"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="analytics:network"), name="index"),
    path("network/", network.network_analytics, name="network"),
    path("regions/<str:code>/", region.region_analytics, name="region"),
]
