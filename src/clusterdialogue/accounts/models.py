"""Roles of people in a network, and invitations to take one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdialogue.regions.models import Network, Territory


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    TERRITORY_REPRESENTATIVE = "territory_representative", _("Territory representative")
    CLUSTER_MANAGER = "cluster_manager", _("Cluster manager")
    MEMBER = "member", _("Registered member")


class RoleAssignment(models.Model):
    """A user's role, scoped to a network, a territory or a cluster organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    network = models.ForeignKey(Network, null=True, blank=True, on_delete=models.CASCADE)
    territory = models.ForeignKey(Territory, null=True, blank=True, on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        "clusters.ClusterOrganisation", null=True, blank=True, on_delete=models.CASCADE
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "network", "territory", "organisation"],
                name="unique_role_assignment",
            )
        ]

    def __str__(self) -> str:
        scope = self.organisation or self.territory or self.network or ""
        return f"{self.user} – {self.get_role_display()} {scope}".strip()


class Invitation(models.Model):
    """An invitation, sent by e-mail, to create an account with a role."""

    email = models.EmailField()
    role = models.CharField(max_length=32, choices=Role.choices)
    network = models.ForeignKey(Network, null=True, blank=True, on_delete=models.CASCADE)
    territory = models.ForeignKey(Territory, null=True, blank=True, on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        "clusters.ClusterOrganisation", null=True, blank=True, on_delete=models.CASCADE
    )
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} as {self.get_role_display()}"


class AuditEvent(models.Model):
    """A security-relevant event: a sign-in, a role or permission change, an erasure, an export.

    ``actor_name`` keeps who it was when the account is later erased (then it reads "erased
    account"); the log is read by the secretariat at ``/accounts/audit/``.
    """

    class Action(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        SIGN_OUT = "sign_out", _("Signed out")
        ROLE_GRANTED = "role_granted", _("Role granted")
        ROLE_REMOVED = "role_removed", _("Role removed")
        PERMISSION_CHANGED = "permission_changed", _("Permissions changed")
        ERASURE = "erasure", _("Personal data erased")
        EXPORT = "export", _("Data exported")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=24, choices=Action.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    target = models.CharField(_("concerning"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.target}"
