"""Validating proposed profile changes: approve (refused when stale unless forced) or reject.

Approval refuses a change whose ``old`` values no longer match the profile (someone edited those
fields since), unless the reviewer explicitly overwrites them. The proposals themselves are made
on the profile's edit page (``profile_change_propose`` in
:mod:`clusterdialogue.clusters.profiles.services`).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from clusterdialogue.clusters.models import ClusterOrganisation, ProfileChange
from clusterdialogue.clusters.profiles.services import (
    ProfileChangeError,
    organisation_diff_apply,
    value_to_json,
    values_equal,
)
from clusterdialogue.common.permissions import require


class ProfileChangeStale(ProfileChangeError):
    """The profile changed since the proposal, in the fields the proposal changes."""

    def __init__(self, fields: dict[str, dict[str, Any]]) -> None:
        self.fields = fields
        names = ", ".join(fields)
        super().__init__(
            f"The profile was changed after this proposal was made, in: {names}. Approving it "
            "would overwrite the newer values. Reject it (the manager can propose again) or "
            "approve with 'overwrite the newer values'."
        )


def profile_change_stale_fields(*, change: ProfileChange) -> dict[str, dict[str, Any]]:
    """The fields whose current value differs from the proposal's ``old`` value."""
    organisation = change.organisation
    stale = {}
    for field, values in change.changes.items():
        current = value_to_json(organisation, field)
        if not values_equal(current, values.get("old")):
            stale[field] = {"old": values.get("old"), "current": current, "new": values.get("new")}
    return stale


def _check_reviewable(change: ProfileChange, user: Any) -> None:
    require(
        user,
        "clusters.validate",
        change.organisation,
        message=(
            f"Only the secretariat or the representative of {change.organisation}'s territory "
            "validate its changes."
        ),
    )
    if change.status != ProfileChange.Status.PENDING:
        raise ProfileChangeError(
            f"This change was already {change.get_status_display().lower()}; nothing to do."
        )


@transaction.atomic
def profile_change_approve(
    *, change: ProfileChange, user: Any, force: bool = False, comment: str = ""
) -> ProfileChange:
    """Apply a pending proposal to the profile and record who validated it, and when.

    Raises :class:`ProfileChangeStale` if the fields were changed since, unless ``force``.
    """
    change = ProfileChange.objects.select_for_update().get(pk=change.pk)
    organisation = ClusterOrganisation.objects.select_for_update().get(pk=change.organisation_id)
    change.organisation = organisation
    _check_reviewable(change, user)
    stale = profile_change_stale_fields(change=change)
    if stale and not force:
        raise ProfileChangeStale(stale)
    organisation_diff_apply(
        organisation=organisation,
        diff=change.changes,
        user=user,
        reason=(
            f"Change #{change.pk} by {change.proposed_by or 'a former user'}, approved by "
            f"{user}: {', '.join(change.changes)}"
        ),
    )
    change.status = ProfileChange.Status.APPROVED
    change.reviewed_by = user
    change.reviewed_at = timezone.now()
    change.review_comment = comment
    change.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment"])
    return change


@transaction.atomic
def profile_change_reject(*, change: ProfileChange, user: Any, comment: str) -> ProfileChange:
    """Reject a pending proposal with a comment the manager reads; the profile stays as it is."""
    change = (
        ProfileChange.objects.select_for_update()
        .select_related("organisation__region")
        .get(pk=change.pk)
    )
    _check_reviewable(change, user)
    if not comment.strip():
        raise ProfileChangeError("Say why the change is rejected, so the manager can fix it.")
    change.status = ProfileChange.Status.REJECTED
    change.reviewed_by = user
    change.reviewed_at = timezone.now()
    change.review_comment = comment.strip()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment"])
    return change
