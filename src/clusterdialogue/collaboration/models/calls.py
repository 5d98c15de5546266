"""Funding calls (imported from the programmes' files, or examples)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class FundingCall(models.Model):
    """A funding call: Horizon Europe, Interreg Europe, Single Market Programme/Euroclusters …"""

    reference = models.CharField(max_length=120, blank=True, help_text=_("The call's identifier"))
    programme = models.CharField(max_length=200)
    title = models.CharField(max_length=400)
    topic = models.TextField(blank=True)
    opening = models.DateField()
    deadline = models.DateField()
    min_partners = models.PositiveSmallIntegerField(default=1)
    min_countries = models.PositiveSmallIntegerField(default=1)
    max_partners = models.PositiveSmallIntegerField(null=True, blank=True)
    eligible_countries = models.JSONField(
        default=list, blank=True, help_text=_("Country codes (Eurostat style); empty = any")
    )
    url = models.URLField(max_length=500, blank=True)
    source = models.CharField(max_length=300, blank=True)
    is_example = models.BooleanField(
        default=False, help_text=_("An example call for demonstration, not a real call")
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "title"]

    def __str__(self) -> str:
        return f"{self.programme}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("collaboration:call-detail", args=[self.pk])
