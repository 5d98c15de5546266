"""Invitation routes (under /accounts/)."""

from django.urls import path

from clusterdialogue.accounts.invitations import views

urlpatterns = [
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("invitations/new/", views.invitation_create_view, name="invitation_create"),
    path("invitations/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
]
