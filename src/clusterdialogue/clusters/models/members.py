"""The companies and institutions that are members of a cluster."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdialogue.clusters.models.organisations import ClusterOrganisation
from clusterdialogue.statistics.models import Industry


class ClusterMember(models.Model):
    """A company or institution that is a member of a cluster."""

    class MemberType(models.TextChoices):
        SME = "sme", _("SME")
        LARGE = "large", _("Large firm")
        RTO = "rto", _("Research and technology organisation")
        UNIVERSITY = "university", _("University")
        PUBLIC = "public", _("Public body")
        OTHER = "other", _("Other")

    class SizeClass(models.TextChoices):
        MICRO = "micro", _("Micro (< 10)")
        SMALL = "small", _("Small (10–49)")
        MEDIUM = "medium", _("Medium (50–249)")
        LARGE = "large", _("Large (250+)")

    organisation = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(max_length=300)
    member_type = models.CharField(max_length=16, choices=MemberType.choices)
    size_class = models.CharField(max_length=8, choices=SizeClass.choices, blank=True)
    nace = models.ForeignKey(
        Industry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    city = models.CharField(max_length=120, blank=True)
    website = models.URLField(max_length=300, blank=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_member_name")
        ]

    def __str__(self) -> str:
        return self.name
