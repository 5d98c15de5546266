"""Signing in and out, and the refusal of further attempts after too many failures."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def axes_on(settings):
    """django-axes as in production (the test settings switch it off for client.login)."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    return settings


def test_sign_in_and_out(client, axes_on, roles_world):
    response = client.post(
        reverse("accounts:login"), {"username": "role_manager", "password": "password"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
    home = client.get(reverse("accounts:home")).content.decode()
    assert "Cluster manager" in home and "Example cluster A" in home
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 302


def test_wrong_password_says_so(client, axes_on, roles_world):
    response = client.post(
        reverse("accounts:login"), {"username": "role_manager", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "do not match" in response.content.decode()


def test_after_five_failures_the_next_attempt_is_refused(client, axes_on, roles_world):
    url = reverse("accounts:login")
    for _ in range(4):
        response = client.post(url, {"username": "role_manager", "password": "wrong"})
        assert response.status_code == 200
    fifth = client.post(url, {"username": "role_manager", "password": "wrong"})
    assert fifth.status_code == 429
    # Even the right password is refused now, with a clear message.
    response = client.post(url, {"username": "role_manager", "password": "password"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed sign-in attempts" in html
    assert "after 5 failures" in html and "15 minutes" in html
    assert "_auth_user_id" not in client.session


def test_pages_that_need_an_account_send_to_sign_in(client):
    response = client.get(reverse("clusters:change_queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_navigation_shows_the_queue_to_reviewers_only(client, roles_world):
    home = reverse("clusters:detail", args=["example-cluster-a"])
    assert "Sign in" in client.get(home).content.decode()
    client.force_login(roles_world.user("manager"))
    assert "Validation queue" not in client.get(home).content.decode()
    client.force_login(roles_world.user("representative"))
    html = client.get(home).content.decode()
    assert "Validation queue" in html and "Sign out" in html
