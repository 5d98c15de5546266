from django.urls import path

from clusterdialogue.portal.search import views

urlpatterns = [
    path("search/", views.search_page, name="search"),
]
