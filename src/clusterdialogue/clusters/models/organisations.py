"""A cluster organisation's profile: who it is, where, what it does, its members in figures."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterdialogue.clusters.models.vocabularies import (
    ClusterCategory,
    IndustrialEcosystem,
    SmartSpecialisationPriority,
)
from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Industry


class ClusterOrganisation(models.Model):
    """A cluster organisation's profile, as the European Cluster Collaboration Platform keeps it."""

    class Status(models.TextChoices):
        PROVISIONAL = "provisional", _("Provisional (not yet meeting the entry criteria)")
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")

    name = models.CharField(max_length=300)
    acronym = models.CharField(max_length=60, blank=True)
    slug = models.SlugField(max_length=320, unique=True)
    legal_form = models.CharField(max_length=200, blank=True)
    organisation_type = models.CharField(
        max_length=300, blank=True, help_text=_("As the organisation or its source states it")
    )
    founding_year = models.PositiveSmallIntegerField(null=True, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="cluster_organisations"
    )
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=20, blank=True)
    city = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    website = models.URLField(max_length=300, blank=True)
    email = models.EmailField(blank=True, help_text=_("The organisation's general address"))
    description = models.TextField(blank=True)
    description_language = models.CharField(max_length=8, blank=True)
    descriptions = models.JSONField(
        default=dict, blank=True, help_text=_("Translations: language code → text")
    )
    sectors = models.ManyToManyField(Industry, blank=True, related_name="cluster_organisations")
    categories = models.ManyToManyField(ClusterCategory, blank=True, related_name="organisations")
    technologies = models.JSONField(default=list, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    ecosystems = models.ManyToManyField(
        IndustrialEcosystem, blank=True, related_name="organisations"
    )
    s3_priorities = models.ManyToManyField(
        SmartSpecialisationPriority, blank=True, related_name="organisations"
    )
    members_sme = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("SMEs"))
    members_large = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("large firms")
    )
    members_rto = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("research and technology organisations")
    )
    members_university = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("universities")
    )
    members_public = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("public bodies")
    )
    members_other = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("others"))
    staff_fte = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        verbose_name=_("management staff (FTE)"),
    )
    international_activities = models.TextField(blank=True)
    offers = models.TextField(blank=True, help_text=_("What the cluster offers partners"))
    looking_for = models.TextField(blank=True, help_text=_("What it looks for in partners"))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROVISIONAL)
    is_public = models.BooleanField(default=True)
    source = models.TextField(blank=True, help_text=_("Where the profile's facts come from"))
    source_date = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    MEMBER_FIELDS = (
        "members_sme", "members_large", "members_rto", "members_university", "members_public",
        "members_other",
    )  # fmt: skip

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["region"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("clusters:detail", args=[self.slug])

    @property
    def member_total(self) -> int | None:
        counts = [getattr(self, f) for f in self.MEMBER_FIELDS]
        return None if all(c is None for c in counts) else sum(c or 0 for c in counts)

    @property
    def triple_helix(self) -> dict[str, int | None]:
        """Members grouped as industry, research and government (the triple helix)."""

        def total(*fields: str) -> int | None:
            values = [getattr(self, f) for f in fields]
            return None if all(v is None for v in values) else sum(v or 0 for v in values)

        return {
            "industry": total("members_sme", "members_large"),
            "research": total("members_rto", "members_university"),
            "government": total("members_public"),
            "other": total("members_other"),
        }

    @property
    def member_type_count(self) -> int:
        return sum(1 for f in self.MEMBER_FIELDS if (getattr(self, f) or 0) > 0)

    @property
    def entry_criteria(self) -> list[tuple[str, bool]]:
        """The European Cluster Collaboration Platform's entry criteria, met or not."""
        return [
            (_("at least 0.5 FTE management staff"), (self.staff_fte or 0) >= 0.5),
            (_("at least 15 committed members"), (self.member_total or 0) >= 15),
            (_("at least two member types"), self.member_type_count >= 2),
            (_("a website"), bool(self.website)),
        ]

    @property
    def meets_entry_criteria(self) -> bool:
        return all(met for _, met in self.entry_criteria)
