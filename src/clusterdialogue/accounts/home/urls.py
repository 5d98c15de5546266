"""Route of the signed-in home (included by the accounts routes, at the account's address)."""

from django.urls import path

from clusterdialogue.accounts.home import views

urlpatterns: list = [path("", views.account_home, name="home")]
