"""Personal data pages: a person's data as JSON, and its erasure (account or contact)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clusterdialogue.accounts.audit.services import audit_record
from clusterdialogue.accounts.models import AuditEvent
from clusterdialogue.accounts.personal_data.forms import EraseForm
from clusterdialogue.accounts.personal_data.services import (
    account_erase,
    person_erase,
    personal_data_export,
)
from clusterdialogue.clusters.models import ContactPerson
from clusterdialogue.common.http import posted
from clusterdialogue.common.permissions import require


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
    form = EraseForm(posted(request))
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
    audit_record(action=AuditEvent.Action.EXPORT, target="own personal data", request=request)
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
    audit_record(
        action=AuditEvent.Action.EXPORT, target=f"contact person #{contact.pk}", request=request
    )
    return _json_download(personal_data_export(contact=contact), f"contact-{contact.pk}")


@login_required
def contact_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase one contact person everywhere, history included, after a confirmation."""
    contact = _contact(request, pk)
    organisation = contact.organisation
    form = EraseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        person_erase(contact=contact, actor=request.user)
        messages.success(request, _("The contact person was erased, with their history."))
        return redirect(organisation)
    context = {"contact": contact, "form": form}
    return render(
        request, "accounts/contact_erase.html", context, status=400 if form.errors else 200
    )
