"""Proposed profile changes: the reviewers' queue, one change with its diff, approve, reject."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdialogue.accounts.permissions import user_is_reviewer
from clusterdialogue.clusters.forms import ApproveForm, RejectForm
from clusterdialogue.clusters.models import ProfileChange
from clusterdialogue.clusters.permissions import (
    user_can_validate_organisation,
    user_manages_organisation,
)
from clusterdialogue.clusters.selectors_profiles import (
    profile_change_list_proposed,
    profile_change_queue,
    profile_change_rows,
)
from clusterdialogue.clusters.services.profiles import (
    ProfileChangeError,
    ProfileChangeStale,
    profile_change_approve,
    profile_change_reject,
)


@login_required
def change_queue(request: HttpRequest) -> HttpResponse:
    """Reviewers: the changes waiting for validation. Managers: their proposals and status."""
    reviewer = user_is_reviewer(request.user)
    queue = list(profile_change_queue(user=request.user)) if reviewer else []
    proposals = profile_change_list_proposed(user=request.user)[:100]
    context = {
        "reviewer": reviewer,
        "queue": [(change, profile_change_rows(change=change)) for change in queue],
        "proposals": proposals,
    }
    return render(request, "clusters/profile/change_queue.html", context)


def _change(request: HttpRequest, pk: int) -> tuple[ProfileChange, bool]:
    """The change, if this user may see it, and whether they may validate it."""
    change = get_object_or_404(
        ProfileChange.objects.select_related("organisation__region", "proposed_by", "reviewed_by"),
        pk=pk,
    )
    can_validate = user_can_validate_organisation(request.user, change.organisation)
    allowed = (
        can_validate
        or change.proposed_by_id == request.user.pk
        or user_manages_organisation(request.user, change.organisation)
    )
    if not allowed:
        raise PermissionDenied(
            _("Only the people who look after %s see its proposed changes.") % change.organisation
        )
    return change, can_validate


@login_required
def change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One proposed change: old and new values side by side, and the review forms."""
    change, can_validate = _change(request, pk)
    rows = profile_change_rows(change=change)
    context = {
        "change": change,
        "organisation": change.organisation,
        "rows": rows,
        "stale": any(row.current is not None for row in rows),
        "can_validate": can_validate and change.status == ProfileChange.Status.PENDING,
        "approve_form": ApproveForm(),
        "reject_form": RejectForm(),
    }
    return render(request, "clusters/profile/change_detail.html", context)


def _check_validator(request: HttpRequest, change: ProfileChange, can_validate: bool) -> None:
    if not can_validate:
        raise PermissionDenied(
            _("Only the secretariat or the representative of %s's territory validate its changes.")
            % change.organisation
        )


@login_required
@require_POST
def change_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply the change to the profile (refused if the fields changed since, unless forced)."""
    change, can_validate = _change(request, pk)
    _check_validator(request, change, can_validate)
    form = ApproveForm(request.POST)
    form.is_valid()
    try:
        profile_change_approve(
            change=change,
            user=request.user,
            force=form.cleaned_data.get("force", False),
            comment=form.cleaned_data.get("comment", ""),
        )
    except ProfileChangeStale as error:
        messages.error(request, str(error))
        return redirect("clusters:change_detail", pk=change.pk)
    except (ProfileChangeError, ValidationError) as error:
        text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, _("The change could not be applied: %s") % text)
        return redirect("clusters:change_detail", pk=change.pk)
    messages.success(
        request, _("The change to %s is approved and now public.") % change.organisation
    )
    return redirect("clusters:change_queue")


@login_required
@require_POST
def change_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Reject the change with a comment the manager will read."""
    change, can_validate = _change(request, pk)
    _check_validator(request, change, can_validate)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the change is rejected, so the manager can fix it."))
        return redirect("clusters:change_detail", pk=change.pk)
    try:
        profile_change_reject(
            change=change, user=request.user, comment=form.cleaned_data["comment"]
        )
    except ProfileChangeError as error:
        messages.error(request, str(error))
        return redirect("clusters:change_detail", pk=change.pk)
    messages.success(request, _("The change to %s was rejected.") % change.organisation)
    return redirect("clusters:change_queue")
