"""The cluster organisation directory: profiles, labels, contact persons, members, changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Industry


class IndustrialEcosystem(models.Model):
    """One of the EU's 14 industrial ecosystems (2021 update of the EU industrial strategy)."""

    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClusterCategory(models.Model):
    """A cluster category a profile declares (e.g. a European Cluster Observatory category)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "cluster categories"

    def __str__(self) -> str:
        return self.name


class SmartSpecialisationPriority(models.Model):
    """A priority of a region's smart-specialisation strategy (S3)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="s3_priorities")
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["region__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unique_s3_priority")
        ]

    def __str__(self) -> str:
        return f"{self.region.code}: {self.name}"


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
