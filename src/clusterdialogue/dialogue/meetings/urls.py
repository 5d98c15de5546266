"""Routes of the meetings feature (under /dialogue/)."""

from django.urls import path

from clusterdialogue.dialogue.meetings import views

M = "<slug:slug>/meetings/<int:number>/"

urlpatterns = [
    path("<slug:slug>/meetings/", views.meeting_list, name="meeting-list"),
    path("<slug:slug>/meetings/new/", views.meeting_create, name="meeting-create"),
    path("<slug:slug>/meetings.ics", views.group_ics, name="meeting-feed"),
    path("<slug:slug>/minutes/", views.minutes_archive, name="minutes-archive"),
    path(M, views.meeting_detail, name="meeting-detail"),
    path(M + "meeting.ics", views.meeting_ics, name="meeting-ics"),
    path(M + "agenda.pdf", views.agenda_pdf, name="meeting-agenda-pdf"),
    path(M + "minutes.pdf", views.minutes_pdf, name="meeting-minutes-pdf"),
    path(M + "agenda/", views.agenda_item_add, name="meeting-agenda-add"),
    path(M + "agenda/<int:pk>/", views.agenda_item_change, name="meeting-agenda-change"),
    path(
        M + "agenda/<int:pk>/documents/", views.agenda_document_attach, name="meeting-document-add"
    ),
    path(M + "register/", views.registration_create, name="meeting-register"),
    path(M + "attendance/", views.attendance_record, name="meeting-attendance"),
    path(M + "minutes/", views.minutes_write, name="meeting-minutes"),
    path(M + "decisions/", views.decision_add, name="meeting-decision-add"),
    path(M + "actions/", views.action_add, name="meeting-action-add"),
    path(M + "actions/<int:pk>/", views.action_status, name="meeting-action-status"),
    path(M + "publish/", views.minutes_publish, name="meeting-publish"),
    path(M + "next/", views.meeting_create_next, name="meeting-create-next"),
    path(M + "send/", views.meeting_send, name="meeting-send"),
]
