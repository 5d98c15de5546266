"""Routes of the network of relations."""

from django.urls import path

from clusterdialogue.collaboration.network import views

urlpatterns: list = [
    path("network/", views.network_page, name="network"),
]
