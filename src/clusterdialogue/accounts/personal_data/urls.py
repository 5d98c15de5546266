"""Personal data routes (under /accounts/)."""

from django.urls import path

from clusterdialogue.accounts.personal_data import views

urlpatterns = [
    path("personal-data/", views.personal_data, name="personal_data"),
    path("personal-data/export/", views.personal_data_export_view, name="personal_data_export"),
    path("contacts/<int:pk>/export/", views.contact_export, name="contact_export"),
    path("contacts/<int:pk>/erase/", views.contact_erase, name="contact_erase"),
]
