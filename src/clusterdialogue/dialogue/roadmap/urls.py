"""Routes of the roadmap feature (under /dialogue/)."""

from django.urls import path

from clusterdialogue.dialogue.roadmap import views

R = "<slug:slug>/roadmaps/<int:pk>/"

urlpatterns: list = [
    path("<slug:slug>/roadmaps/", views.roadmap_list, name="roadmap-list"),
    path("<slug:slug>/roadmaps/new/", views.roadmap_create, name="roadmap-create"),
    path(R, views.roadmap_detail, name="roadmap-detail"),
    path(f"{R}edit/", views.roadmap_edit, name="roadmap-edit"),
    path(f"{R}close/", views.roadmap_close, name="roadmap-close"),
    path(f"{R}draft-next/", views.roadmap_draft_next, name="roadmap-draft-next"),
    path(f"{R}objectives/new/", views.objective_form, name="roadmap-objective-add"),
    path(f"{R}objectives/<int:part>/", views.objective_form, name="roadmap-objective-edit"),
    path(f"{R}actions/new/", views.action_form, name="roadmap-action-add"),
    path(f"{R}actions/<int:part>/", views.action_form, name="roadmap-action-edit"),
    path(f"{R}indicators/new/", views.indicator_form, name="roadmap-indicator-add"),
    path(f"{R}indicators/<int:part>/", views.indicator_form, name="roadmap-indicator-edit"),
    path(f"{R}indicators/<int:part>/values/new/", views.value_add, name="roadmap-value-add"),
    path(f"{R}<str:kind>s/<int:part>/delete/", views.part_delete, name="roadmap-part-delete"),
    path(f"{R}export/<str:table>.csv", views.roadmap_export, name="roadmap-export"),
]
