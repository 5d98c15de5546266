"""Regions (the NUTS hierarchy and any custom regions), networks of regions and their territories."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A statistical region, identified by its code (NUTS codes are unique across versions).

    ``versions`` lists the NUTS versions the code is valid in, comma-separated (``"2013,2016"``,
    ``"2013,2016,2021,2024"``); codes that changed between versions are linked by
    :class:`RegionCodeChange`. ``geometry`` is the boundary in NUTS 2016, the platform's default
    version; the boundaries in other versions (2021, 2024) are :class:`RegionBoundary` rows.
    """

    class Kind(models.TextChoices):
        NUTS = "nuts", _("NUTS region")
        EXTRA_REGIO = "extra_regio", _("Extra-regio (not attributable to a region)")
        AGGREGATE = "aggregate", _("Aggregate of countries")
        CUSTOM = "custom", _("Custom region")

    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=200)
    level = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    country_code = models.CharField(max_length=8, blank=True, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.NUTS)
    versions = models.CharField(max_length=64, blank=True, help_text=_("e.g. 2013,2016"))
    geometry = models.JSONField(null=True, blank=True, help_text=_("GeoJSON geometry, EPSG:4326"))
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("portal:region", args=[self.code])

    @property
    def version_list(self) -> list[str]:
        return [v for v in self.versions.split(",") if v]


class RegionCodeChange(models.Model):
    """How a code of one NUTS version relates to a code of a later version."""

    class Relation(models.TextChoices):
        RECODED = "recoded", _("same territory, new code")
        SPLIT = "split", _("split into several regions")
        MERGED = "merged", _("merged with other regions")
        BOUNDARY = "boundary", _("boundary changed")

    old_code = models.CharField(max_length=16, db_index=True)
    new_code = models.CharField(max_length=16, db_index=True)
    old_version = models.CharField(max_length=8)
    new_version = models.CharField(max_length=8)
    relation = models.CharField(max_length=16, choices=Relation.choices)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["old_code", "new_code"]
        constraints = [
            models.UniqueConstraint(fields=["old_code", "new_code"], name="unique_code_change")
        ]

    def __str__(self) -> str:
        return f"{self.old_code} ({self.old_version}) → {self.new_code} ({self.new_version})"


class RegionBoundary(models.Model):
    """A region's name and boundary in one NUTS version other than the default (2016).

    A code kept from 2016 to 2021 may have kept its territory or had its boundary moved; the
    code changes (:class:`RegionCodeChange`) say which, and only a recoding carries figures over.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="boundaries")
    version = models.CharField(max_length=8)
    name = models.CharField(max_length=200)
    geometry = models.JSONField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["region", "version"]
        constraints = [
            models.UniqueConstraint(fields=["region", "version"], name="unique_region_boundary")
        ]

    def __str__(self) -> str:
        return f"{self.region.code} (NUTS {self.version})"


class Network(models.Model):
    """A network of regions that run cluster policy together, e.g. the Four Motors for Europe."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    is_default = models.BooleanField(
        default=False, help_text=_("The network the portal shows first.")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Territory(models.Model):
    """A member of a network: a region at its own NUTS level, with a role and a join date."""

    class Role(models.TextChoices):
        PARTNER = "partner", _("Partner")
        ASSOCIATE = "associate", _("Associate")
        OBSERVER = "observer", _("Observer")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="territories")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="territories")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PARTNER)
    joined_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["network", "role", "name"]
        verbose_name_plural = "territories"
        constraints = [
            models.UniqueConstraint(fields=["network", "region"], name="unique_territory_region")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.region.code})"
