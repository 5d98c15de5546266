"""Account pages: invitations and personal data (export, erasure); the home is in ``home/``."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clusterdialogue.accounts.forms import EraseForm, InvitationAcceptForm, InvitationForm
from clusterdialogue.accounts.selectors import invitation_list_sent
from clusterdialogue.accounts.services import (
    InvitationError,
    account_erase,
    invitation_accept,
    invitation_create,
    invitation_get_usable,
    person_erase,
    personal_data_export,
)
from clusterdialogue.clusters.models import ContactPerson
from clusterdialogue.common.permissions import require


def _posted(request: HttpRequest) -> Any:
    """The posted data for a form: bound on POST even when empty, so it reports what is missing."""
    return request.POST if request.method == "POST" else None


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
    form = InvitationForm(_posted(request), inviter=request.user, initial=initial)
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
    form = InvitationAcceptForm(None if request.POST.get("existing") else _posted(request))
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


def _json_download(data: dict[str, Any], name: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


@login_required
def personal_data(request: HttpRequest) -> HttpResponse:
    """What the platform holds about the signed-in person, with export and erasure."""
    form = EraseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if request.POST.get("what") == "account":
            summary = account_erase(user=request.user, actor=request.user)
            logout(request)
            messages.success(request, _("Your account and your contact data were erased."))
            return render(request, "accounts/erased.html", {"summary": summary})
        contacts = list(ContactPerson.objects.filter(user=request.user))
        for contact in contacts:
            person_erase(contact=contact, actor=request.user)
        messages.success(request, _("Your contact data was erased (%d entries).") % len(contacts))
        return redirect("accounts:personal_data")
    context = {"data": personal_data_export(user=request.user), "form": form}
    return render(
        request, "accounts/personal_data.html", context, status=400 if form.errors else 200
    )


@login_required
def personal_data_export_view(request: HttpRequest) -> HttpResponse:
    """All the signed-in person's data as a JSON file."""
    data = personal_data_export(user=request.user)
    return _json_download(data, f"cluster-dialogue-{slugify(request.user.username)}")


def _contact(request: HttpRequest, pk: int) -> ContactPerson:
    contact = get_object_or_404(ContactPerson.objects.select_related("organisation"), pk=pk)
    require(
        request.user,
        "clusters.erase_contact",
        contact,
        message=_("Only the person or the secretariat may export or erase this contact's data."),
    )
    return contact


@login_required
def contact_export(request: HttpRequest, pk: int) -> HttpResponse:
    """One contact person's data as JSON (for the person, or the secretariat on request)."""
    contact = _contact(request, pk)
    return _json_download(personal_data_export(contact=contact), f"contact-{contact.pk}")


@login_required
def contact_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase one contact person everywhere, history included, after a confirmation."""
    contact = _contact(request, pk)
    organisation = contact.organisation
    form = EraseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        person_erase(contact=contact, actor=request.user)
        messages.success(request, _("The contact person was erased, with their history."))
        return redirect(organisation)
    context = {"contact": contact, "form": form}
    return render(
        request, "accounts/contact_erase.html", context, status=400 if form.errors else 200
    )
