"""Routes of the participants feature (under /events/)."""

from django.urls import path

from clusterdialogue.events.participants import views

urlpatterns: list = [
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/participants/", views.participant_list, name="participant-list"),
    path("<slug:slug>/participants/<int:pk>/", views.participant_detail, name="participant-detail"),
    path(
        "<slug:slug>/participants/<int:pk>/decide/",
        views.participant_decide,
        name="participant-decide",
    ),
    path(
        "<slug:slug>/participants/<int:pk>/withdraw/",
        views.participant_withdraw,
        name="participant-withdraw",
    ),
    path("<slug:slug>/unavailability/", views.unavailability, name="unavailability"),
]
