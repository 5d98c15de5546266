"""The signed-in home: the account's roles and data, and a section for each role held."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clusterdialogue.accounts.home.selectors import (
    cluster_home_list,
    contact_person_list,
    notification_list_unread,
    secretariat_home,
    territory_home_list,
)
from clusterdialogue.accounts.selectors import role_assignment_list
from clusterdialogue.common.permissions import can


@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    """The user's roles, then "my cluster", "my territory" and the secretariat's work for the
    roles they hold (a registered member is shown where to start)."""
    user = request.user
    clusters = cluster_home_list(user=user)
    territories = territory_home_list(user=user)
    secretariat = secretariat_home() if can(user, "accounts.administer") else None
    context = {
        "roles": role_assignment_list(user=user),
        "contacts": contact_person_list(user=user),
        "can_invite": can(user, "accounts.invite"),
        "is_reviewer": can(user, "accounts.review_changes"),
        "clusters": clusters,
        "notifications": notification_list_unread(user=user) if clusters else None,
        "territories": territories,
        "secretariat": secretariat,
        "member_only": not (clusters or territories or secretariat),
    }
    return render(request, "accounts/home.html", context)
