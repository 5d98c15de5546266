"""Collaboration URLs; each area keeps its routes in its own module."""

from clusterdialogue.collaboration.urls import board, calls, pipeline

app_name = "collaboration"
urlpatterns = [*board.urlpatterns, *calls.urlpatterns, *pipeline.urlpatterns]
