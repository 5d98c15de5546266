"""The shared vocabularies profiles refer to: EU industrial ecosystems, cluster categories, S3."""

from __future__ import annotations

from django.db import models

from clusterdialogue.regions.models import Region


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
