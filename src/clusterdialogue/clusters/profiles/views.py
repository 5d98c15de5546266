"""The profile page of a cluster organisation, its history, and its editing (or proposals)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clusterdialogue.clusters.models import ClusterMember, ClusterOrganisation, ProfileChange
from clusterdialogue.clusters.profiles import services
from clusterdialogue.clusters.profiles.forms import MemberForm, ProfileForm
from clusterdialogue.clusters.profiles.selectors import (
    contacts_visible,
    labels_with_validity,
    organisation_helix_bars,
    organisation_history,
)
from clusterdialogue.clusters.search.similar import cluster_similar
from clusterdialogue.clusters.selectors import organisation_territory
from clusterdialogue.collaboration.suggestions.selectors import profile_partner_suggestions
from clusterdialogue.common.http import posted
from clusterdialogue.common.permissions import can, require

# Long texts take a whole row of the edit form.
WIDE_FIELDS = (
    "description", "offers", "looking_for", "international_activities", "keywords",
    "technologies", "source", "note",
)  # fmt: skip


def _organisation(request: HttpRequest, slug: str) -> ClusterOrganisation:
    """The organisation behind ``slug``, if this user may see it (else 404, hiding its existence)."""
    organisation = get_object_or_404(
        ClusterOrganisation.objects.select_related("region"), slug=slug
    )
    if not can(request.user, "clusters.view", organisation):
        raise Http404("No such cluster profile.")
    return organisation


# The page's buttons, each the answer of one rule (clusters.permissions, accounts.permissions).
BUTTON_RULES = {
    "can_edit": "clusters.edit",
    "can_propose": "clusters.propose_change",
    "can_validate": "clusters.validate",
    "can_manage_members": "clusters.manage_members",
    "can_invite": "accounts.invite_manager",
}


def _permissions(user: Any, organisation: ClusterOrganisation) -> dict[str, bool]:
    return {flag: can(user, rule, organisation) for flag, rule in BUTTON_RULES.items()}


def cluster_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """All the facts of one profile, with the actions this user may take on it."""
    organisation = _organisation(request, slug)
    permissions = _permissions(request.user, organisation)
    contacts = contacts_visible(organisation=organisation, user=request.user)
    pending = (
        organisation.changes.filter(status=ProfileChange.Status.PENDING).select_related(
            "proposed_by"
        )
        if permissions["can_propose"]
        else []
    )
    context = {
        "organisation": organisation,
        "tab": "profile",
        "territory": organisation_territory(organisation=organisation),
        "criteria": organisation.entry_criteria,
        "helix": organisation_helix_bars(organisation=organisation),
        "labels": labels_with_validity(organisation=organisation),
        "sectors": [
            (s.code, s.name_in(get_language() or "en")) for s in organisation.sectors.all()
        ],
        "members": organisation.members.select_related("nace"),
        "contacts": [(c, can(request.user, "clusters.erase_contact", c)) for c in contacts],
        "hidden_contacts": organisation.contacts.count() - len(contacts),
        "pending": pending,
        "similar": cluster_similar(organisation=organisation, limit=5),
        # Partner suggestions of the matchmaking engine (empty, never an error, without data).
        "recommendations": profile_partner_suggestions(organisation=organisation),
        **permissions,
    }
    return render(request, "clusters/profile/detail.html", context)


def cluster_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Who changed what in the profile, and when; with the proposals decided for it."""
    organisation = _organisation(request, slug)
    decided = organisation.changes.exclude(status=ProfileChange.Status.PENDING).select_related(
        "proposed_by", "reviewed_by"
    )
    context = {
        "organisation": organisation,
        "tab": "history",
        "territory": organisation_territory(organisation=organisation),
        "entries": organisation_history(organisation=organisation),
        "decided": decided,
        **_permissions(request.user, organisation),
    }
    return render(request, "clusters/profile/history.html", context)


@login_required
def cluster_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Edit a profile: reviewers' edits apply at once, a manager's become a proposal."""
    organisation = _organisation(request, slug)
    require(
        request.user,
        "clusters.propose_change",
        organisation,
        message=_(
            "Only the cluster's managers, its territory's representative and the secretariat "
            "edit this profile."
        ),
    )
    direct = can(request.user, "clusters.edit", organisation)
    form = ProfileForm(
        posted(request), organisation=organisation, reviewer=direct, prefix="profile"
    )
    if request.method == "POST" and form.is_valid():
        try:
            if direct:
                diff = services.organisation_update(
                    organisation=organisation, data=form.cleaned_data, user=request.user
                )
                message = _("Saved: %s.") % ", ".join(diff) if diff else _("Nothing was changed.")
                messages.success(request, message)
                return redirect(organisation)
            change = services.profile_change_propose(
                organisation=organisation, data=form.cleaned_data, user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if change is None:
                messages.info(request, _("Nothing was changed, so nothing was proposed."))
                return redirect(organisation)
            messages.success(
                request,
                _(
                    "Your change was sent for validation to the territory's representative. The "
                    "public profile shows the current values until it is approved."
                ),
            )
            return redirect("clusters:change_detail", pk=change.pk)
    context = {
        "organisation": organisation,
        "form": form,
        "direct": direct,
        "wide_fields": WIDE_FIELDS,
    }
    return render(
        request, "clusters/profile/edit.html", context, status=400 if form.errors else 200
    )


def _members_organisation(request: HttpRequest, slug: str) -> ClusterOrganisation:
    organisation = _organisation(request, slug)
    require(
        request.user,
        "clusters.manage_members",
        organisation,
        message=_(
            "Only the cluster's managers, its territory's representative and the secretariat "
            "change its members."
        ),
    )
    return organisation


@login_required
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a member to the cluster's list."""
    organisation = _members_organisation(request, slug)
    form = MemberForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_create(
                organisation=organisation, data=form.cleaned_data, user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%s was added to the members.") % member.name)
            return redirect(f"{organisation.get_absolute_url()}#members")
    return _member_form(request, organisation, form, member=None)


@login_required
def member_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a member's facts."""
    organisation = _members_organisation(request, slug)
    member = get_object_or_404(ClusterMember, pk=pk, organisation=organisation)
    form = MemberForm(posted(request), instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(member=member, data=form.cleaned_data, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%s was saved.") % member.name)
            return redirect(f"{organisation.get_absolute_url()}#members")
    return _member_form(request, organisation, form, member=member)


def _member_form(
    request: HttpRequest, organisation: ClusterOrganisation, form: MemberForm, member: Any
) -> HttpResponse:
    context = {"organisation": organisation, "form": form, "member": member}
    status = 400 if form.errors else 200
    return render(request, "clusters/profile/member_form.html", context, status=status)


@login_required
def member_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Ask, then remove a member from the cluster's list."""
    organisation = _members_organisation(request, slug)
    member = get_object_or_404(ClusterMember, pk=pk, organisation=organisation)
    if request.method == "POST":
        services.member_delete(member=member, user=request.user)
        messages.success(request, _("%s was removed from the members.") % member.name)
        return redirect(f"{organisation.get_absolute_url()}#members")
    context = {"organisation": organisation, "member": member}
    return render(request, "clusters/profile/member_delete.html", context)
