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


def demo_secretariat_ensure(*, username: str = "secretariat") -> str | None:
    """Create a demo secretariat user of the default network; return its password, or None.

    The secretariat administers the network from the site (invitations, validation) without
    being a Django superuser. The password is random and shown once.
    """
    from django.contrib.auth import get_user_model

    from clusterdialogue.accounts.models import Role
    from clusterdialogue.accounts.services import role_assign
    from clusterdialogue.regions.selectors import network_default

    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        return None
    password = secrets.token_urlsafe(12)
    user = user_model.objects.create_user(username=username, email="", password=password)
    role_assign(user=user, role=Role.SECRETARIAT, network=network_default())
    return password
