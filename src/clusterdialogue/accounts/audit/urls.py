"""Audit log route (under /accounts/)."""

from django.urls import path

from clusterdialogue.accounts.audit import views

urlpatterns = [path("audit/", views.audit_log, name="audit_log")]
