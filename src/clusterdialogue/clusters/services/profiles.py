"""Editing cluster profiles: direct edits, proposed changes and their validation, members.

A profile edit by the secretariat or the territory's representative applies at once. A cluster
manager's edit is stored as a :class:`ProfileChange` holding the difference (field → ``{"old",
"new"}`` in JSON form) and goes live when a reviewer approves it. Approval refuses a change whose
``old`` values no longer match the profile (someone edited those fields since), unless the
reviewer explicitly overwrites them.

Values are kept in JSON form so a proposal survives unchanged in the database: decimals and dates
as strings, related objects as their natural keys (industry codes, category slugs, ecosystem
codes), keyword lists as lists.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from clusterdialogue.clusters.models import (
    ClusterCategory,
    ClusterMember,
    ClusterOrganisation,
    IndustrialEcosystem,
    ProfileChange,
)
from clusterdialogue.clusters.permissions import (
    user_can_edit_organisation,
    user_can_manage_members,
    user_can_propose_change,
    user_can_validate_organisation,
)
from clusterdialogue.clusters.search.index import search_index_update
from clusterdialogue.statistics.models import Industry

# Fields anyone who looks after a profile may edit (or propose), in the form's order.
PROFILE_FIELDS: tuple[str, ...] = (
    "name", "acronym", "legal_form", "organisation_type", "founding_year",
    "address", "postcode", "city", "latitude", "longitude", "website", "email",
    "description", "description_language", "sectors", "categories", "ecosystems",
    "keywords", "technologies",
    "members_sme", "members_large", "members_rto", "members_university", "members_public",
    "members_other", "staff_fte", "international_activities", "offers", "looking_for",
    "source", "source_date", "note",
)  # fmt: skip
# Fields only reviewers set: whether the profile is listed and its status in the network.
REVIEWER_FIELDS: tuple[str, ...] = ("status", "is_public")
# Many-to-many fields: the related model and the natural key stored in a proposal.
RELATED_FIELDS: dict[str, tuple[type, str]] = {
    "sectors": (Industry, "code"),
    "categories": (ClusterCategory, "slug"),
    "ecosystems": (IndustrialEcosystem, "code"),
}


class ProfileChangeError(Exception):
    """A proposed change cannot be applied; the message says why and what to do."""


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


def value_to_json(organisation: ClusterOrganisation, field: str) -> Any:
    """The current value of one profile field, in the JSON form proposals store."""
    if field in RELATED_FIELDS:
        _, key = RELATED_FIELDS[field]
        if organisation.pk is None:
            return []
        return sorted(getattr(organisation, field).values_list(key, flat=True))
    return plain_to_json(getattr(organisation, field))


def plain_to_json(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return value


def cleaned_to_json(field: str, value: Any) -> Any:
    """A form's cleaned value (objects, decimals, dates) in the JSON form proposals store."""
    if field in RELATED_FIELDS:
        _, key = RELATED_FIELDS[field]
        return sorted(getattr(item, key) for item in (value or []))
    return plain_to_json(value)


def profile_diff(*, organisation: ClusterOrganisation, data: dict[str, Any]) -> dict[str, Any]:
    """The fields ``data`` (cleaned form values) changes, as ``field → {"old", "new"}``."""
    diff = {}
    for field, value in data.items():
        old = value_to_json(organisation, field)
        new = cleaned_to_json(field, value)
        if _normalise(old) != _normalise(new):
            diff[field] = {"old": old, "new": new}
    return diff


def _normalise(value: Any) -> Any:
    """Equal meaning, equal form: empty text and no value are the same; decimals as numbers."""
    if value in ("", None, []):
        return None
    if isinstance(value, str):
        try:
            return decimal.Decimal(value) if value.replace(".", "", 1).isdigit() else value
        except decimal.InvalidOperation:  # pragma: no cover - guarded by isdigit
            return value
    return value


def _apply(organisation: ClusterOrganisation, diff: dict[str, Any]) -> list[tuple[str, Any]]:
    """Set the plain fields from ``diff``'s new values; return the related ones to set after save."""
    related = []
    for field, change in diff.items():
        new = change["new"]
        if field in RELATED_FIELDS:
            model, key = RELATED_FIELDS[field]
            objects = list(model.objects.filter(**{f"{key}__in": new or []}))
            missing = set(new or []) - {getattr(o, key) for o in objects}
            if missing:
                raise ProfileChangeError(
                    f"{field}: {', '.join(sorted(missing))} no longer exist(s); reject the "
                    "change and ask the manager to choose again."
                )
            related.append((field, objects))
            continue
        model_field = ClusterOrganisation._meta.get_field(field)
        if new is None and not model_field.null:
            new = [] if field in ("keywords", "technologies") else ""
        setattr(organisation, field, model_field.to_python(new) if new is not None else None)
    return related


def _save_with_history(
    organisation: ClusterOrganisation,
    related: list[tuple[str, Any]],
    *,
    changed: list[str],
    user: Any,
    reason: str,
) -> None:
    # Check only the changed fields: imported profiles may carry old values a form would refuse.
    organisation.full_clean(
        exclude=[f.name for f in organisation._meta.fields if f.name not in changed],
        validate_unique=False,
    )
    # django-simple-history reads these two attributes for the new history row.
    organisation._history_user = user
    # The history table keeps at most 100 characters of the reason.
    organisation._change_reason = reason if len(reason) <= 100 else reason[:99] + "…"
    organisation.save()
    for field, objects in related:
        getattr(organisation, field).set(objects)
    search_index_update(organisation_ids=[organisation.pk])


@transaction.atomic
def organisation_update(
    *, organisation: ClusterOrganisation, data: dict[str, Any], user: Any
) -> dict[str, Any]:
    """Apply an edit at once (secretariat or representative); return the difference applied."""
    if not user_can_edit_organisation(user, organisation):
        raise PermissionDenied(f"You may not edit the profile of {organisation} directly.")
    diff = profile_diff(organisation=organisation, data=data)
    if diff:
        related = _apply(organisation, diff)
        _save_with_history(
            organisation,
            related,
            changed=list(diff),
            user=user,
            reason=f"Edited by {user}: {', '.join(diff)}",
        )
    return diff


@transaction.atomic
def profile_change_propose(
    *, organisation: ClusterOrganisation, data: dict[str, Any], user: Any
) -> ProfileChange | None:
    """Store a cluster manager's edit as a proposal; None when it changes nothing."""
    if not user_can_propose_change(user, organisation):
        raise PermissionDenied(f"You may not propose changes to the profile of {organisation}.")
    forbidden = set(data) - set(PROFILE_FIELDS)
    if forbidden:
        raise PermissionDenied(
            f"Only reviewers set {', '.join(sorted(forbidden))}; leave them out of the proposal."
        )
    diff = profile_diff(organisation=organisation, data=data)
    if not diff:
        return None
    return ProfileChange.objects.create(organisation=organisation, proposed_by=user, changes=diff)


def profile_change_stale_fields(*, change: ProfileChange) -> dict[str, dict[str, Any]]:
    """The fields whose current value differs from the proposal's ``old`` value."""
    organisation = change.organisation
    stale = {}
    for field, values in change.changes.items():
        current = value_to_json(organisation, field)
        if _normalise(current) != _normalise(values.get("old")):
            stale[field] = {"old": values.get("old"), "current": current, "new": values.get("new")}
    return stale


def _check_reviewable(change: ProfileChange, user: Any) -> None:
    if not user_can_validate_organisation(user, change.organisation):
        raise PermissionDenied(
            f"Only the secretariat or the representative of {change.organisation}'s territory "
            "validate its changes."
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
    related = _apply(organisation, change.changes)
    _save_with_history(
        organisation,
        related,
        changed=list(change.changes),
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


def _check_members(organisation: ClusterOrganisation, user: Any) -> None:
    if not user_can_manage_members(user, organisation):
        raise PermissionDenied(f"You may not change the members of {organisation}.")


@transaction.atomic
def member_create(
    *, organisation: ClusterOrganisation, data: dict[str, Any], user: Any
) -> ClusterMember:
    """Add a member to the organisation (managers' member edits apply directly)."""
    _check_members(organisation, user)
    member = ClusterMember(organisation=organisation, **data)
    member.full_clean()
    member.save()
    # Member names are searchable; keep the directory's search index in step.
    search_index_update(organisation_ids=[organisation.pk])
    return member


@transaction.atomic
def member_update(*, member: ClusterMember, data: dict[str, Any], user: Any) -> ClusterMember:
    """Change a member's facts; the member stays with its organisation."""
    _check_members(member.organisation, user)
    for field, value in data.items():
        setattr(member, field, value)
    member.full_clean()
    member.save()
    search_index_update(organisation_ids=[member.organisation_id])
    return member


@transaction.atomic
def member_delete(*, member: ClusterMember, user: Any) -> None:
    """Remove a member from the organisation's list."""
    _check_members(member.organisation, user)
    member.delete()
    search_index_update(organisation_ids=[member.organisation_id])
