"""Quality and status labels of cluster organisations (ESCA, national and regional labels)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterdialogue.clusters.models.organisations import ClusterOrganisation


class Label(models.Model):
    """A quality or status label: ESCA Bronze/Silver/Gold, a national label, with validity."""

    class Level(models.TextChoices):
        EUROPEAN = "european", _("European")
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")

    organisation = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="labels"
    )
    name = models.CharField(max_length=200, help_text=_("e.g. ESCA Gold, pôle de compétitivité"))
    level = models.CharField(max_length=16, choices=Level.choices)
    grade = models.CharField(max_length=100, blank=True, help_text=_("e.g. Gold, phase V"))
    issuer = models.CharField(max_length=200, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    source = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "-valid_until"]

    def __str__(self) -> str:
        return f"{self.name} {self.grade}".strip()
