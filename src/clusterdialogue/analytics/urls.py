"""Routes of the smart-specialisation pages (under /analytics/)."""

from django.urls import path
from django.views.generic import RedirectView

from clusterdialogue.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="analytics:network"), name="index"),
    path("network/", views.network_analytics, name="network"),
    path("regions/<str:code>/", views.region_analytics, name="region"),
]
