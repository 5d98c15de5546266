"""Personal data: what the platform holds about a person, as JSON, and its erasure.

Contact persons are personal data. Their history rows (django-simple-history) and any proposed
change that quoted them hold the same data, so erasure removes or scrubs those too; a deletion
must not leave the person's name in a history table.
"""

from __future__ import annotations

import re
from typing import Any

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from clusterdialogue.accounts.audit.services import audit_actor_forget, audit_record
from clusterdialogue.accounts.models import AuditEvent, Invitation, RoleAssignment
from clusterdialogue.clusters.models import ContactPerson, ProfileChange
from clusterdialogue.common.http import current_request
from clusterdialogue.common.permissions import can, require

ERASED = "[erased]"
CONTACT_FIELDS = ("name", "role", "email", "phone", "public_consent")


def _contact_json(contact: ContactPerson) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "organisation": contact.organisation.name,
        **{field: getattr(contact, field) for field in CONTACT_FIELDS},
        "history": [
            {
                "date": row.history_date.isoformat(),
                "type": row.get_history_type_display(),
                "by": str(row.history_user) if row.history_user else None,
                **{field: getattr(row, field) for field in CONTACT_FIELDS},
            }
            for row in contact.history.select_related("history_user").order_by("history_date")
        ],
    }


def personal_data_export(*, user: Any = None, contact: ContactPerson | None = None) -> dict:
    """Everything stored about a signed-in person (``user``) or one contact person, as JSON."""
    if (user is None) == (contact is None):
        raise ValueError("Pass either user or contact.")
    data: dict[str, Any] = {"exported_at": timezone.now().isoformat()}
    if contact is not None:
        data["contact_persons"] = [_contact_json(contact)]
        return data
    data["account"] = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }
    data["roles"] = [
        {
            "role": a.get_role_display(),
            "scope": str(a.organisation or a.territory or a.network or ""),
        }
        for a in RoleAssignment.objects.filter(user=user).select_related(
            "organisation", "territory__region", "network"
        )
    ]
    data["contact_persons"] = [
        _contact_json(c)
        for c in ContactPerson.objects.filter(user=user).select_related("organisation")
    ]
    data["invitations_received"] = (
        [
            {"email": i.email, "role": i.get_role_display(), "created_at": i.created_at.isoformat()}
            for i in Invitation.objects.filter(email__iexact=user.email)
        ]
        if user.email
        else []
    )
    data["invitations_sent"] = [
        {"email": i.email, "role": i.get_role_display(), "created_at": i.created_at.isoformat()}
        for i in Invitation.objects.filter(invited_by=user)
    ]
    data["proposed_changes"] = [
        {
            "organisation": c.organisation.name,
            "created_at": c.created_at.isoformat(),
            "status": c.get_status_display(),
            "changes": c.changes,
        }
        for c in ProfileChange.objects.filter(proposed_by=user).select_related("organisation")
    ]
    data["sign_in_log"] = _sign_in_log(user.username)
    data["working_group_memberships"] = [
        {
            "group": m.group.name, "role": m.get_role_display(), "name": m.name,
            "email": m.email, "organisation": m.organisation,
            "territory": m.territory.name if m.territory else "",
            "joined_on": m.joined_on.isoformat() if m.joined_on else None,
            "left_on": m.left_on.isoformat() if m.left_on else None,
        }
        for m in _person_rows("dialogue", "GroupMember", user).select_related("group", "territory")
    ]  # fmt: skip
    data["event_registrations"] = [
        {
            "event": p.event.title, "organisation": p.organisation.name, "name": p.name,
            "email": p.email, "type": p.get_type_display(), "status": p.get_status_display(),
            "interests": p.interests, "registered_at": p.registered_at.isoformat(),
        }
        for p in _person_rows("events", "Participant", user).select_related("event", "organisation")
    ]  # fmt: skip
    return data


def _person_rows(app_label: str, model_name: str, user: Any) -> Any:
    """Rows of another app that name the person: linked to the account or with its e-mail.

    Read through the app registry: the accounts app stays below the apps that use it.
    """
    model = apps.get_model(app_label, model_name)
    condition = Q(user=user)
    if user.email:
        condition |= Q(email__iexact=user.email)
    return model.objects.filter(condition)


ERASED_NAME = "Erased person"


def _memberships_and_registrations_erase(user: Any) -> dict[str, int]:
    """Working-group memberships and event registrations stay (the group's and the event's
    records need them) without the person: no name, e-mail, account or interests; the history
    rows that held them are removed."""
    members = list(_person_rows("dialogue", "GroupMember", user))
    for member in members:
        member.name, member.email, member.user = ERASED_NAME, "", None
        member.save()
    history = apps.get_model("dialogue", "GroupMember").history.model
    history_deleted, _ = (
        history.objects.filter(id__in=[m.pk for m in members]).exclude(name=ERASED_NAME).delete()
    )
    participants = list(_person_rows("events", "Participant", user))
    for participant in participants:
        participant.name, participant.user, participant.interests = ERASED_NAME, None, ""
        # The e-mail is unique per event: a reserved, invalid address keeps the rows apart.
        participant.email = f"erased-{participant.pk}@erased.invalid"
        participant.save()
    return {
        "group_memberships": len(members),
        "event_registrations": len(participants),
        "membership_history_rows": history_deleted,
    }


def _sign_in_log(username: str) -> list[dict[str, Any]]:
    from axes.models import AccessLog

    return [
        {"time": log.attempt_time.isoformat(), "ip_address": log.ip_address}
        for log in AccessLog.objects.filter(username=username).order_by("attempt_time")
    ]


def _scrub(value: Any, pattern: re.Pattern[str]) -> Any:
    """``value`` (JSON) with every occurrence of the pattern replaced by ``[erased]``."""
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, pattern) for key, item in value.items()}
    return value


def _identifiers_pattern(*texts: str) -> re.Pattern[str] | None:
    terms = sorted({t.strip() for t in texts if t and t.strip()}, key=len, reverse=True)
    if not terms:
        return None
    # Whole words only: erasing "Ana" must not turn "Analysis" into "[erased]lysis".
    alternatives = "|".join(re.escape(t) for t in terms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _profile_changes_scrub(pattern: re.Pattern[str]) -> int:
    """Scrub the identifiers from proposed changes and review comments; return rows changed."""
    count = 0
    for change in ProfileChange.objects.all().iterator():
        changes = _scrub(change.changes, pattern)
        comment = _scrub(change.review_comment, pattern)
        if changes != change.changes or comment != change.review_comment:
            change.changes, change.review_comment = changes, comment
            change.save(update_fields=["changes", "review_comment"])
            count += 1
    return count


@transaction.atomic
def person_erase(*, contact: ContactPerson, actor: Any) -> dict[str, int]:
    """Erase a contact person everywhere: the row, its history, admin log and quoted changes.

    Allowed to the person themselves and to the secretariat (on the person's request).
    """
    require(
        actor,
        "clusters.erase_contact",
        contact,
        message="Only the person or the secretariat may erase this contact.",
    )
    pattern = _identifiers_pattern(contact.name, contact.email, contact.phone)
    pk = contact.pk
    contact.delete()
    # Deleting records a last history row holding the data; remove it with the others.
    history_deleted, _ = ContactPerson.history.model.objects.filter(id=pk).delete()
    admin_log_deleted, _ = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ContactPerson), object_id=str(pk)
    ).delete()
    changes_scrubbed = _profile_changes_scrub(pattern) if pattern else 0
    audit_record(
        action=AuditEvent.Action.ERASURE, actor=actor, target=f"contact person #{pk}",
        request=current_request(), detail={"history_rows": history_deleted},
    )  # fmt: skip
    return {
        "contact_persons": 1,
        "history_rows": history_deleted,
        "admin_log_rows": admin_log_deleted,
        "changes_scrubbed": changes_scrubbed,
    }


@transaction.atomic
def account_erase(*, user: Any, actor: Any) -> dict[str, int]:
    """Delete an account with its contact persons, invitations and sign-in records.

    History rows of profiles keep who edited them only as an empty reference afterwards.
    """
    if actor.pk != user.pk and not can(actor, "accounts.administer"):
        raise PermissionDenied("Only the person or the secretariat may delete this account.")
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    summary = {"contact_persons": 0, "history_rows": 0, "changes_scrubbed": 0}
    for contact in ContactPerson.objects.filter(user=user):
        result = person_erase(contact=contact, actor=actor)
        for key in summary:
            summary[key] += result[key]
    if user.email:
        summary["invitations"] = Invitation.objects.filter(email__iexact=user.email).delete()[0]
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=user.username).delete()
    audit_record(
        action=AuditEvent.Action.ERASURE, actor=actor if actor.pk != user.pk else None,
        target=f"account #{user.pk}", request=current_request(),
    )  # fmt: skip
    summary.update(_memberships_and_registrations_erase(user))
    audit_actor_forget(user=user)
    user.delete()
    summary["accounts"] = 1
    return summary
