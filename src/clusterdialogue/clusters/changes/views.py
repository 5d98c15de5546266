"""Proposed profile changes: the reviewers' queue, one change with its diff, approve, reject."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdialogue.clusters.changes.forms import ApproveForm, RejectForm
from clusterdialogue.clusters.changes.selectors import (
    profile_change_list_proposed,
    profile_change_queue,
    profile_change_rows,
)
from clusterdialogue.clusters.changes.services import (
    ProfileChangeStale,
    profile_change_approve,
    profile_change_reject,
)
from clusterdialogue.clusters.models import ProfileChange
from clusterdialogue.clusters.profiles.services import ProfileChangeError
from clusterdialogue.common.permissions import can, require


@login_required
def change_queue(request: HttpRequest) -> HttpResponse:
    """Reviewers: the changes waiting for validation. Managers: their proposals and status."""
    reviewer = can(request.user, "clusters.review_queue")
    queue = list(profile_change_queue(user=request.user)) if reviewer else []
    proposals = profile_change_list_proposed(user=request.user)[:100]
    context = {
        "reviewer": reviewer,
        "queue": [(change, profile_change_rows(change=change)) for change in queue],
        "proposals": proposals,
    }
    return render(request, "clusters/profile/change_queue.html", context)


def _change(request: HttpRequest, pk: int) -> ProfileChange:
    """The change, if this user may see it (else 403).

    Its proposer sees it (even after losing the role), and whoever acts for the organisation.
    """
    change = get_object_or_404(
        ProfileChange.objects.select_related("organisation__region", "proposed_by", "reviewed_by"),
        pk=pk,
    )
    if change.proposed_by_id != request.user.pk:
        require(
            request.user,
            "clusters.act_for",
            change.organisation,
            message=_("Only the people who look after %s see its proposed changes.")
            % change.organisation,
        )
    return change


@login_required
def change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One proposed change: old and new values side by side, and the review forms."""
    change = _change(request, pk)
    can_validate = can(request.user, "clusters.validate", change.organisation)
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


def _change_to_validate(request: HttpRequest, pk: int) -> ProfileChange:
    """The change, if this user may see it and validate it (else 403)."""
    change = _change(request, pk)
    require(
        request.user,
        "clusters.validate",
        change.organisation,
        message=_(
            "Only the secretariat or the representative of %s's territory validate its changes."
        )
        % change.organisation,
    )
    return change


@login_required
@require_POST
def change_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply the change to the profile (refused if the fields changed since, unless forced)."""
    change = _change_to_validate(request, pk)
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
    change = _change_to_validate(request, pk)
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
