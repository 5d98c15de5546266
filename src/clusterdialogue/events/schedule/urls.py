"""Routes of the schedule (under /events/)."""

from django.urls import path

from clusterdialogue.events.schedule import views

urlpatterns: list = [
    path("<slug:slug>/schedule/", views.schedule, name="schedule"),
    path("<slug:slug>/agenda/", views.agenda, name="agenda"),
    path("<slug:slug>/agenda.ics", views.agenda_ics, name="agenda-ics"),
    path("<slug:slug>/agenda.pdf", views.agenda_pdf, name="agenda-pdf"),
]
