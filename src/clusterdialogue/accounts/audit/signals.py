"""Sign-ins, role and permission changes reach the audit log from Django's signals, so every
path (pages, admin, API, shell) is recorded."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from clusterdialogue.accounts.audit.services import audit_record
from clusterdialogue.accounts.models import AuditEvent, RoleAssignment
from clusterdialogue.common.http import current_request

ADMIN_FLAGS = ("is_staff", "is_superuser", "is_active")


def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(action=AuditEvent.Action.SIGN_IN, actor=user, target=user.get_username(),
                 request=request)  # fmt: skip


def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(action=AuditEvent.Action.SIGN_OUT, actor=user, target=user.get_username(),
                     request=request)  # fmt: skip


def _sign_in_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    # The password never reaches the log (Django masks it in ``credentials`` already).
    audit_record(action=AuditEvent.Action.SIGN_IN_FAILED, target=str(credentials.get("username", ""))[:150],
                 request=request)  # fmt: skip


def _related(instance: Any, field: str) -> Any:
    """A related row, or ``None`` when a cascade has deleted it already."""
    try:
        return getattr(instance, field)
    except (ObjectDoesNotExist, KeyError):
        return None


def _role_text(assignment: RoleAssignment) -> str:
    scopes = (_related(assignment, f) for f in ("organisation", "territory", "network"))
    scope = next((s for s in scopes if s is not None), None)
    where = f" ({scope})" if scope else ""
    user = _related(assignment, "user")
    who = user.get_username() if user is not None else f"account #{assignment.user_id}"
    return f"{who}: {assignment.get_role_display()}{where}"


def _role_saved(
    sender: Any, instance: RoleAssignment, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        audit_record(action=AuditEvent.Action.ROLE_GRANTED, actor=instance.granted_by,
                     target=_role_text(instance), request=current_request())  # fmt: skip


def _role_deleted(sender: Any, instance: RoleAssignment, **kwargs: Any) -> None:
    audit_record(action=AuditEvent.Action.ROLE_REMOVED, target=_role_text(instance),
                 request=current_request())  # fmt: skip


def _flags_before(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or not instance.pk:
        return
    old = sender._default_manager.filter(pk=instance.pk).values(*ADMIN_FLAGS).first()
    changed = {
        k: [old[k], getattr(instance, k)]
        for k in ADMIN_FLAGS
        if old and old[k] != getattr(instance, k)
    }
    if changed:
        audit_record(action=AuditEvent.Action.PERMISSION_CHANGED, target=instance.get_username(),
                     request=current_request(), detail=changed)  # fmt: skip


def _groups_or_permissions(
    sender: Any, instance: Any, action: str, pk_set: Any, model: Any, **kwargs: Any
) -> None:
    if action not in ("post_add", "post_remove", "post_clear") or not hasattr(
        instance, "get_username"
    ):
        return
    audit_record(
        action=AuditEvent.Action.PERMISSION_CHANGED, target=instance.get_username(),
        request=current_request(),
        detail={"change": action.removeprefix("post_"), model._meta.label_lower: sorted(pk_set or [])},
    )  # fmt: skip


def connect() -> None:
    user_model = get_user_model()
    user_logged_in.connect(_signed_in, dispatch_uid="audit-sign-in")
    user_logged_out.connect(_signed_out, dispatch_uid="audit-sign-out")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="audit-sign-in-failed")
    post_save.connect(_role_saved, sender=RoleAssignment, dispatch_uid="audit-role-saved")
    post_delete.connect(_role_deleted, sender=RoleAssignment, dispatch_uid="audit-role-deleted")
    pre_save.connect(_flags_before, sender=user_model, dispatch_uid="audit-user-flags")
    for field in ("groups", "user_permissions"):
        through = getattr(user_model, field).through
        m2m_changed.connect(_groups_or_permissions, sender=through, dispatch_uid=f"audit-{field}")
