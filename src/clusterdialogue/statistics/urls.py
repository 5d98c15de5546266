from django.urls import path

from clusterdialogue.statistics import views

app_name = "statistics"
urlpatterns = [
    path("regions/<str:code>/growth/", views.region_growth, name="region-growth"),
]
