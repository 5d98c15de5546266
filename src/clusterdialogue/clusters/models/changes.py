"""Profile changes proposed by a cluster's managers, waiting for (or past) validation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdialogue.clusters.models.organisations import ClusterOrganisation


class ProfileChange(models.Model):
    """A change a cluster manager proposed; it goes live once the territory validates it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for validation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="changes"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(help_text=_("field → {old, new}"))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_status_display()})"
