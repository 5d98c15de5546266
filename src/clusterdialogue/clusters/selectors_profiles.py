"""Reads for the profile page: visible contacts, proposed changes as readable rows, history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone, translation

from clusterdialogue.accounts.permissions import (
    user_is_secretariat,
    user_managed_organisation_ids,
    user_represented_territories,
)
from clusterdialogue.clusters.models import ClusterOrganisation, ContactPerson, ProfileChange
from clusterdialogue.clusters.permissions import user_can_view_contact
from clusterdialogue.clusters.selectors import cluster_in_territory_q
from clusterdialogue.clusters.services.profiles import (
    RELATED_FIELDS,
    plain_to_json,
    profile_change_stale_fields,
)

EMPTY = "—"


def contacts_visible(*, organisation: ClusterOrganisation, user: Any) -> list[ContactPerson]:
    """The organisation's contact persons this user may see (all if signed in, else consenting)."""
    return [c for c in organisation.contacts.all() if user_can_view_contact(user, c)]


def organisations_reviewed_by(*, user: Any) -> QuerySet[ClusterOrganisation]:
    """The organisations whose changes the user validates (all for the secretariat)."""
    if user_is_secretariat(user):
        return ClusterOrganisation.objects.all()
    territories = user_represented_territories(user)
    if not territories:
        return ClusterOrganisation.objects.none()
    condition = cluster_in_territory_q(territory=territories[0])
    for territory in territories[1:]:
        condition |= cluster_in_territory_q(territory=territory)
    return ClusterOrganisation.objects.filter(condition)


def profile_change_queue(*, user: Any) -> QuerySet[ProfileChange]:
    """Pending changes the user validates, oldest first (the order they should be handled)."""
    return (
        ProfileChange.objects.filter(
            status=ProfileChange.Status.PENDING,
            organisation__in=organisations_reviewed_by(user=user),
        )
        .select_related("organisation__region", "proposed_by")
        .order_by("created_at")
    )


def profile_change_list_proposed(*, user: Any) -> QuerySet[ProfileChange]:
    """Changes the user proposed, or proposed for an organisation they manage; newest first."""
    return ProfileChange.objects.filter(
        Q(proposed_by=user) | Q(organisation_id__in=user_managed_organisation_ids(user))
    ).select_related("organisation", "proposed_by", "reviewed_by")


def field_label(name: str) -> str:
    """The field's name as users read it (its verbose name, capitalised)."""
    verbose = str(ClusterOrganisation._meta.get_field(name).verbose_name)
    return verbose[:1].upper() + verbose[1:]


def value_display(name: str, value: Any) -> str:
    """A stored JSON value of a profile field as text: names for codes, choices' labels."""
    if value in (None, "", []):
        return EMPTY
    if name in RELATED_FIELDS:
        model, key = RELATED_FIELDS[name]
        objects = {getattr(o, key): o for o in model.objects.filter(**{f"{key}__in": value})}
        language = translation.get_language() or "en"
        return "; ".join(_related_text(objects.get(item), item, language) for item in value)
    model_field = ClusterOrganisation._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return translation.gettext("yes") if value else translation.gettext("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _related_text(obj: Any, key: str, language: str) -> str:
    if obj is None:
        return f"{key} (no longer exists)"
    if hasattr(obj, "name_in"):
        return f"{obj.code} {obj.name_in(language)}"
    return str(obj)


@dataclass
class ChangeRow:
    """One changed field of a proposal, ready to show old and new side by side."""

    field: str
    label: str
    old: str
    new: str
    current: str | None = None  # set when the profile changed since the proposal


def profile_change_rows(*, change: ProfileChange) -> list[ChangeRow]:
    """The proposal's changed fields, readable, flagging those changed since (when pending)."""
    stale = (
        profile_change_stale_fields(change=change)
        if change.status == ProfileChange.Status.PENDING
        else {}
    )
    rows = []
    for name, values in change.changes.items():
        try:
            label = field_label(name)
        except Exception:  # a field that no longer exists: show its raw name
            label = name
        rows.append(
            ChangeRow(
                field=name,
                label=label,
                old=_safe_display(name, values.get("old")),
                new=_safe_display(name, values.get("new")),
                current=_safe_display(name, stale[name]["current"]) if name in stale else None,
            )
        )
    return rows


def _safe_display(name: str, value: Any) -> str:
    try:
        return value_display(name, value)
    except Exception:  # an unknown field: its stored value as text
        return EMPTY if value in (None, "", []) else str(value)


@dataclass
class HistoryEntry:
    """One version of a profile: when, who, why, and which fields changed from what to what."""

    date: Any
    user: Any
    kind: str
    reason: str
    changes: list[ChangeRow] = field(default_factory=list)


def organisation_history(
    *, organisation: ClusterOrganisation, limit: int = 100
) -> list[HistoryEntry]:
    """The profile's versions, newest first, each with its differences from the one before."""
    records = list(
        organisation.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        rows = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                rows.append(
                    ChangeRow(
                        field=change.field,
                        label=_safe_label(change.field),
                        old=_safe_display(change.field, _jsonish(change.old)),
                        new=_safe_display(change.field, _jsonish(change.new)),
                    )
                )
        entries.append(
            HistoryEntry(
                date=record.history_date,
                user=record.history_user,
                kind=record.get_history_type_display(),
                reason=record.history_change_reason or "",
                changes=rows,
            )
        )
    return entries


def _safe_label(name: str) -> str:
    try:
        return field_label(name)
    except Exception:
        return name


def _jsonish(value: Any) -> Any:
    return plain_to_json(value)


def labels_with_validity(*, organisation: ClusterOrganisation) -> list[tuple[Any, bool]]:
    """The organisation's labels, each with whether it is valid today."""
    today = timezone.localdate()
    return [
        (
            label,
            (label.valid_until is None or label.valid_until >= today)
            and (label.valid_from is None or label.valid_from <= today),
        )
        for label in organisation.labels.all()
    ]
