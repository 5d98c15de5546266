"""Reads for the profile page: visible contacts, labels, history, and field values as text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone, translation

from clusterdialogue.clusters.models import ClusterOrganisation, ContactPerson
from clusterdialogue.clusters.profiles.services import RELATED_FIELDS, plain_to_json
from clusterdialogue.common.permissions import can

EMPTY = "—"


def contacts_visible(*, organisation: ClusterOrganisation, user: Any) -> list[ContactPerson]:
    """The organisation's contact persons this user may see (all if signed in, else consenting)."""
    return [c for c in organisation.contacts.all() if can(user, "clusters.view_contact", c)]


def field_label(name: str) -> str:
    """The field's name as users read it (its verbose name, capitalised)."""
    verbose = str(ClusterOrganisation._meta.get_field(name).verbose_name)
    return verbose[:1].upper() + verbose[1:]


def field_text(name: str) -> str:
    """:func:`field_label`, or the raw name for a field that no longer exists."""
    try:
        return field_label(name)
    except Exception:  # a field that no longer exists: its raw name
        return name


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


def value_text(name: str, value: Any) -> str:
    """:func:`value_display`, or the stored value as text for a field that no longer exists."""
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
                        label=field_text(change.field),
                        old=value_text(change.field, plain_to_json(change.old)),
                        new=value_text(change.field, plain_to_json(change.new)),
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


def organisation_helix_bars(*, organisation: ClusterOrganisation) -> list[dict[str, Any]]:
    """The triple-helix composition as bars (share of the members with a known type)."""
    labels = {
        "industry": translation.gettext("Industry"),
        "research": translation.gettext("Research"),
        "government": translation.gettext("Government"),
        "other": translation.gettext("Other"),
    }
    helix = organisation.triple_helix
    total = sum(v or 0 for v in helix.values())
    return [
        {
            "key": key,
            "label": labels[key],
            "count": value,
            "percent": round(100 * (value or 0) / total) if total else 0,
        }
        for key, value in helix.items()
    ]
