"""The demo administrator that ``make run`` creates on a fresh machine."""

from __future__ import annotations

import secrets


def demo_admin_ensure(*, username: str = "admin") -> str | None:
    """Create a superuser with a random password; return the password, or None if it exists."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        return None
    password = secrets.token_urlsafe(12)
    user_model.objects.create_superuser(username=username, email="", password=password)
    return password
