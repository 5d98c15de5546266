"""Routes of the programme feature (under /events/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from clusterdialogue.events.programme import views
from clusterdialogue.portal.navigation.registry import Entry

urlpatterns: list = [
    path("", views.event_list, name="event-list"),
    path("new/", views.event_create, name="event-create"),
    path("<slug:slug>/", views.event_detail, name="event-detail"),
    path("<slug:slug>/edit/", views.event_edit, name="event-edit"),
    path("<slug:slug>/programme/", views.session_add, name="session-add"),
    path("<slug:slug>/programme/<int:pk>/remove/", views.session_remove, name="session-remove"),
]

MENU = [
    Entry(
        "events-list",
        _("Missions and B2B events"),
        "events:event-list",
        active=("events:",),
    )
]
