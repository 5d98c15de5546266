"""Account routes: the signed-in home, sign-in, invitations, personal data."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from clusterdialogue.accounts import views
from clusterdialogue.accounts.home import urls as home

app_name = "accounts"
urlpatterns: list = [
    *home.urlpatterns,
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:home"),
        ),
        name="password_change",
    ),
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("invitations/new/", views.invitation_create_view, name="invitation_create"),
    path("invitations/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
    path("personal-data/", views.personal_data, name="personal_data"),
    path("personal-data/export/", views.personal_data_export_view, name="personal_data_export"),
    path("contacts/<int:pk>/export/", views.contact_export, name="contact_export"),
    path("contacts/<int:pk>/erase/", views.contact_erase, name="contact_erase"),
]
