"""Routes of the groups feature (under /dialogue/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from clusterdialogue.dialogue.groups import views
from clusterdialogue.portal.navigation.registry import Entry

urlpatterns: list = [
    path("", views.group_list, name="group-list"),
    path("new/", views.group_create, name="group-create"),
    path("<slug:slug>/", views.group_detail, name="group-detail"),
    path("<slug:slug>/edit/", views.group_edit, name="group-edit"),
    path("<slug:slug>/archive/", views.group_archive, name="group-archive"),
    path("<slug:slug>/members/new/", views.member_form, name="member-add"),
    path("<slug:slug>/members/<int:pk>/", views.member_form, name="member-edit"),
    path("<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member-remove"),
    path("<slug:slug>/documents/new/", views.document_upload, name="document-upload"),
    path("<slug:slug>/documents/<int:pk>/", views.document_download, name="document-download"),
]

MENU = [
    Entry(
        "dialogue-groups",
        _("Working groups"),
        "dialogue:group-list",
        rule="groups.browse_groups",
        active=("dialogue:group-", "dialogue:member-", "dialogue:document-"),
    )
]
