"""Editing cluster profiles: direct edits, proposed changes, members.

A profile edit by the secretariat or the territory's representative applies at once. A cluster
manager's edit is stored as a :class:`ProfileChange` holding the difference (field → ``{"old",
"new"}`` in JSON form) and goes live when a reviewer approves it
(:mod:`clusterdialogue.clusters.changes.services`).

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

from clusterdialogue.clusters.models import (
    ClusterCategory,
    ClusterMember,
    ClusterOrganisation,
    IndustrialEcosystem,
    ProfileChange,
)
from clusterdialogue.clusters.search.index import search_index_update
from clusterdialogue.common.permissions import require
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


def value_to_json(organisation: ClusterOrganisation, field: str) -> Any:
    """The current value of one profile field, in the JSON form proposals store."""
    if field in RELATED_FIELDS:
        _, key = RELATED_FIELDS[field]
        if organisation.pk is None:
            return []
        return sorted(getattr(organisation, field).values_list(key, flat=True))
    return plain_to_json(getattr(organisation, field))


def plain_to_json(value: Any) -> Any:
    """A model value (decimal, date, list) in the JSON form proposals store."""
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
        if not values_equal(old, new):
            diff[field] = {"old": old, "new": new}
    return diff


def values_equal(first: Any, second: Any) -> bool:
    """Whether two values in JSON form mean the same (no value and empty text alike)."""
    return _normalise(first) == _normalise(second)


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


def organisation_diff_apply(
    *, organisation: ClusterOrganisation, diff: dict[str, Any], user: Any, reason: str
) -> None:
    """Write ``diff``'s new values to the profile, with a history row saying who and why.

    Raises :class:`ProfileChangeError` when a related value no longer exists, and Django's
    ``ValidationError`` when a changed field holds a value the model refuses.
    """
    related = _apply(organisation, diff)
    # Check only the changed fields: imported profiles may carry old values a form would refuse.
    organisation.full_clean(
        exclude=[f.name for f in organisation._meta.fields if f.name not in diff],
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
    require(
        user,
        "clusters.edit",
        organisation,
        message=f"You may not edit the profile of {organisation} directly.",
    )
    diff = profile_diff(organisation=organisation, data=data)
    if diff:
        organisation_diff_apply(
            organisation=organisation,
            diff=diff,
            user=user,
            reason=f"Edited by {user}: {', '.join(diff)}",
        )
    return diff


@transaction.atomic
def profile_change_propose(
    *, organisation: ClusterOrganisation, data: dict[str, Any], user: Any
) -> ProfileChange | None:
    """Store a cluster manager's edit as a proposal; None when it changes nothing."""
    require(
        user,
        "clusters.propose_change",
        organisation,
        message=f"You may not propose changes to the profile of {organisation}.",
    )
    forbidden = set(data) - set(PROFILE_FIELDS)
    if forbidden:
        raise PermissionDenied(
            f"Only reviewers set {', '.join(sorted(forbidden))}; leave them out of the proposal."
        )
    diff = profile_diff(organisation=organisation, data=data)
    if not diff:
        return None
    return ProfileChange.objects.create(organisation=organisation, proposed_by=user, changes=diff)


def _check_members(organisation: ClusterOrganisation, user: Any) -> None:
    require(
        user,
        "clusters.manage_members",
        organisation,
        message=f"You may not change the members of {organisation}.",
    )


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
