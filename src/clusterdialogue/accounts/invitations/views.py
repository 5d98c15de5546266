"""Invitation pages: the invitations sent, a new invitation, accepting one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdialogue.accounts.invitations.forms import InvitationAcceptForm, InvitationForm
from clusterdialogue.accounts.invitations.selectors import invitation_list_sent
from clusterdialogue.accounts.invitations.services import (
    InvitationError,
    invitation_accept,
    invitation_create,
    invitation_get_usable,
)
from clusterdialogue.common.http import posted
from clusterdialogue.common.permissions import require


@login_required
def _require_inviter(request: HttpRequest) -> None:
    require(
        request.user,
        "accounts.invite",
        message=_("Your account has no role that lets it invite people."),
    )


@login_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    """Invitations sent, with their state and link (for passing on without e-mail)."""
    _require_inviter(request)
    context = {"invitations": invitation_list_sent(user=request.user)[:200], "now": timezone.now()}
    return render(request, "accounts/invitation_list.html", context)


@login_required
def invitation_create_view(request: HttpRequest) -> HttpResponse:
    """Invite someone; afterwards show the link, whether or not the e-mail went out."""
    _require_inviter(request)
    initial = {key: request.GET[key] for key in ("role", "organisation") if key in request.GET}
    form = InvitationForm(posted(request), inviter=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = invitation_create(
                inviter=request.user,
                email=data["email"],
                role=data["role"],
                network=data["network"],
                territory=data["territory"],
                organisation=data["organisation"],
                site_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "accounts/invitation_sent.html", {"sent": sent})
    status = 400 if form.errors else 200
    return render(request, "accounts/invitation_form.html", {"form": form}, status=status)


def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee chooses a user name and password (or uses the account they are signed in to)."""
    try:
        invitation = invitation_get_usable(token=token)
    except InvitationError as error:
        return render(request, "accounts/invitation_invalid.html", {"error": error}, status=410)
    form = InvitationAcceptForm(None if request.POST.get("existing") else posted(request))
    if request.method == "POST":
        try:
            if request.POST.get("existing") and request.user.is_authenticated:
                user = invitation_accept(invitation=invitation, user=request.user)
            elif form.is_valid():
                user = invitation_accept(
                    invitation=invitation,
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                user = None
        except InvitationError as error:
            return render(request, "accounts/invitation_invalid.html", {"error": error}, status=410)
        except ValidationError as error:
            form.add_error(None, error)
            user = None
        if user is not None:
            messages.success(
                request,
                _("Welcome! You are now %(role)s%(scope)s.")
                % {
                    "role": invitation.get_role_display().lower(),
                    "scope": f" – {invitation.organisation or invitation.territory}"
                    if invitation.organisation or invitation.territory
                    else "",
                },
            )
            if invitation.organisation is not None:
                return redirect(invitation.organisation)
            return redirect("accounts:home")
    status = 400 if form.errors else 200
    context = {"invitation": invitation, "form": form}
    return render(request, "accounts/invitation_accept.html", context, status=status)
