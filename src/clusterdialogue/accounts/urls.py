"""Account routes: the signed-in home, sign-in, invitations, personal data."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from clusterdialogue.accounts.audit import urls as audit
from clusterdialogue.accounts.home import urls as home
from clusterdialogue.accounts.invitations import urls as invitations
from clusterdialogue.accounts.personal_data import urls as personal_data

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
    *invitations.urlpatterns,
    *personal_data.urlpatterns,
    *audit.urlpatterns,
]
