"""Contact persons of cluster organisations: personal data, public only with consent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterdialogue.clusters.models.organisations import ClusterOrganisation


class ContactPerson(models.Model):
    """A contact person of a cluster: personal data, public only with the person's consent."""

    organisation = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    public_consent = models.BooleanField(
        default=False, help_text=_("The person agreed to be shown to the public")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_persons",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return self.name
