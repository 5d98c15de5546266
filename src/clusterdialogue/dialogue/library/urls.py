"""Routes of the library feature (under /dialogue/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from clusterdialogue.dialogue.library import views
from clusterdialogue.portal.navigation.registry import Entry

urlpatterns = [
    path("library/", views.library, name="library"),
    path("library/compare/", views.compare, name="library-compare"),
    path("library/instruments/new/", views.instrument_create, name="library-instrument-create"),
    path("library/instruments/<int:pk>/", views.instrument_detail, name="library-instrument"),
    path(
        "library/instruments/<int:pk>/edit/", views.instrument_edit, name="library-instrument-edit"
    ),
    path(
        "library/instruments/<int:pk>/documents/",
        views.instrument_document_upload,
        name="library-instrument-document",
    ),
    path(
        "library/documents/<int:pk>/",
        views.instrument_document_download,
        name="library-document",
    ),
    path("library/cases/new/", views.case_create, name="library-case-create"),
    path("library/cases/<int:pk>/", views.case_detail, name="library-case"),
    path("library/cases/<int:pk>/edit/", views.case_edit, name="library-case-edit"),
]

MENU = [
    Entry("dialogue-library", _("Policy library"), "dialogue:library", active=("dialogue:library",))
]
