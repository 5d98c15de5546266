"""The cooperation board: offers and requests, the clusters proposed for them, interests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.regions.models import Territory


class CooperationPost(models.Model):
    """An offer or a request a cluster posts for others to answer (as on the ECCP and b2match)."""

    class Kind(models.TextChoices):
        OFFER = "offer", _("Offer")
        REQUEST = "request", _("Request")

    class Topic(models.TextChoices):
        JOINT_PROJECT = "joint_project", _("Joint EU project application")
        PARTNER_SEARCH = "partner_search", _("Partner search")
        MISSION = "mission", _("Fact-finding / interclustering mission")
        EXPERTISE = "expertise", _("Expertise or service")
        TECHNOLOGY = "technology", _("Technology cooperation")
        EVENT = "event", _("Event or B2B meeting")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="cooperation_posts"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    topic = models.CharField(max_length=20, choices=Topic.choices)
    title = models.CharField(max_length=200)
    description = models.TextField()
    keywords = models.JSONField(default=list, blank=True)
    deadline = models.DateField(null=True, blank=True)
    territories_sought = models.ManyToManyField(Territory, blank=True, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="followed_posts"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("collaboration:post-detail", args=[self.pk])


class PostMatch(models.Model):
    """A cluster the engine proposed for a post, with its score and reasons."""

    post = models.ForeignKey(CooperationPost, on_delete=models.CASCADE, related_name="matches")
    organisation = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField()
    reasons = models.TextField(blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["post", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["post", "organisation"], name="unique_post_match")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} for {self.post} ({self.score:.2f})"


class Interest(models.Model):
    """A cluster's expression of interest in a post."""

    post = models.ForeignKey(CooperationPost, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["post", "organisation"], name="unique_interest")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} interested in {self.post}"
