"""Imported statistics (one row per region × industry × indicator × year) and mapping results."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdialogue.regions.models import Region


class Dataset(models.Model):
    """A source of statistics: a Eurostat dataset, or a user's long-format CSV."""

    code = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=300)
    source = models.CharField(max_length=500, blank=True)
    licence = models.CharField(max_length=300, blank=True)
    file_name = models.CharField(max_length=300, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    observation_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Industry(models.Model):
    """An industry or category code as statistics use it (``C29``, ``C``, ``G451``, ``B-E``)."""

    class Scheme(models.TextChoices):
        NACE_SECTION = "nace_section", _("NACE Rev. 2 section")
        NACE_DIVISION = "nace_division", _("NACE Rev. 2 division")
        NACE_GROUP = "nace_group", _("NACE Rev. 2 group")
        NACE_A10 = "nace_a10", _("NACE Rev. 2 A*10 grouping")
        CUSTOM = "custom", _("Custom category")

    code = models.CharField(max_length=32, unique=True)
    scheme = models.CharField(max_length=16, choices=Scheme.choices, db_index=True)
    section = models.CharField(max_length=8, blank=True)
    name_en = models.CharField(max_length=400)
    name_fr = models.CharField(max_length=400, blank=True)
    name_de = models.CharField(max_length=400, blank=True)
    name_it = models.CharField(max_length=400, blank=True)
    name_es = models.CharField(max_length=400, blank=True)
    name_nl = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "industries"

    def __str__(self) -> str:
        return f"{self.code} {self.name_en}"

    def name_in(self, language: str) -> str:
        """The title in ``language`` (``fr``, ``de``, …), falling back to English."""
        return getattr(self, f"name_{language[:2]}", "") or self.name_en


class Observation(models.Model):
    """One figure: a region's value of an indicator in an industry and year, with its flags.

    A missing figure is stored as ``value = NULL`` only when it carries a flag (e.g. ``c`` for
    confidential); it is never zero.
    """

    # The unique key (dataset, region, …) serves lookups by dataset and region; separate indexes
    # on each foreign key would only slow the import of a million figures.
    dataset = models.ForeignKey(
        Dataset, on_delete=models.CASCADE, related_name="observations", db_index=False
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="observations", db_index=False
    )
    industry = models.ForeignKey(
        Industry, on_delete=models.PROTECT, related_name="observations", db_index=False
    )
    indicator = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    value = models.FloatField(null=True, blank=True)
    flag = models.CharField(max_length=8, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "region", "industry", "indicator", "year"],
                name="unique_observation",
            )
        ]
        indexes = [models.Index(fields=["dataset", "indicator", "year"])]

    def __str__(self) -> str:
        return f"{self.dataset_id}:{self.indicator} {self.region_id} {self.industry_id} {self.year}"


class MappingResult(models.Model):
    """Cluster mapping of one region in one category and year (LQ, ECO stars, CMP flags)."""

    class Source(models.TextChoices):
        PUBLISHED = "published", _("published by the source")
        CHILDREN_SUM = "children_sum", _("sum of the lower-level regions")

    scheme = models.CharField(max_length=16, choices=Industry.Scheme.choices)
    level = models.PositiveSmallIntegerField()
    year = models.PositiveSmallIntegerField()
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="mapping_results")
    category = models.ForeignKey(Industry, on_delete=models.CASCADE, related_name="+")
    employment = models.FloatField()
    establishments = models.FloatField(null=True, blank=True)
    share = models.FloatField(help_text=_("Category's share of the region's employment"))
    lq = models.FloatField(verbose_name="LQ")
    lq_rank = models.PositiveIntegerField(null=True, blank=True)
    size_star = models.BooleanField(default=False)
    specialisation_star = models.BooleanField(default=False)
    focus_star = models.BooleanField(default=False)
    stars = models.PositiveSmallIntegerField(default=0)
    strong = models.BooleanField(null=True)
    strong10 = models.BooleanField(null=True)
    significant = models.BooleanField(null=True)
    qualifying = models.BooleanField(null=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.PUBLISHED)
    # The dataset the year's figures come from (e.g. sbs_r_nuts2021), for the series break.
    dataset = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "year", "region", "category"], name="unique_mapping_result"
            )
        ]
        indexes = [
            models.Index(fields=["scheme", "year", "category", "level"]),
            models.Index(fields=["region", "scheme", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.category_id} {self.year}: LQ {self.lq:.2f}"
