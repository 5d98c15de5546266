"""The user's notifications: the list (marking them read) and opening one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from clusterdialogue.collaboration.notifications.selectors import notification_list
from clusterdialogue.collaboration.notifications.services import notifications_mark_read

PAGE_SIZE = 30


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's notifications; POST marks them all (or ``id``) as read."""
    if request.method == "POST":
        ids = request.POST.getlist("id") or None
        notifications_mark_read(
            user=request.user, ids=[int(i) for i in ids if i.isdigit()] if ids else None
        )
        return redirect("collaboration:notifications")
    page = Paginator(notification_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "collaboration/board/notifications.html", {"page": page})


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification as read and go to what it is about."""
    notification = get_object_or_404(notification_list(user=request.user), pk=pk)
    notifications_mark_read(user=request.user, ids=[notification.pk])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("collaboration:notifications")
