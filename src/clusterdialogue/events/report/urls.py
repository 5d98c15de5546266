"""Routes of the organiser's report (under /events/)."""

from django.urls import path

from clusterdialogue.events.report import views

urlpatterns: list = [
    path("<slug:slug>/report/", views.report, name="report"),
    path("<slug:slug>/report.csv", views.report_csv, name="report-csv"),
    path("<slug:slug>/report.pdf", views.report_pdf, name="report-pdf"),
]
