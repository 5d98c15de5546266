"""Cooperation offers and requests, funding calls, collaborations and notifications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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


class Collaboration(models.Model):
    """A collaboration followed from first contact to its outcome."""

    class Kind(models.TextChoices):
        JOINT_APPLICATION = "joint_application", _("Joint application")
        BILATERAL = "bilateral", _("Bilateral relation")
        MISSION = "mission", _("Fact-finding mission")
        PROJECT = "project", _("Shared project")
        OTHER = "other", _("Other")

    class Stage(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        CONTACT = "contact", _("Contact made")
        MEETING = "meeting", _("Meeting or mission")
        SUBMITTED = "submitted", _("Joint application submitted")
        FUNDED = "funded", _("Funded")
        REJECTED = "rejected", _("Rejected")
        RUNNING = "running", _("Project running")
        CLOSED = "closed", _("Closed")

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.IDENTIFIED)
    partners = models.ManyToManyField(ClusterOrganisation, related_name="collaborations")
    lead = models.ForeignKey(
        ClusterOrganisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    call = models.ForeignKey(
        FundingCall, null=True, blank=True, on_delete=models.SET_NULL, related_name="collaborations"
    )
    post = models.ForeignKey(
        CooperationPost, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    funding_requested = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    funding_won = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    started_on = models.DateField()
    is_example = models.BooleanField(
        default=False, help_text=_("Example data for demonstration, not a real collaboration")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collaboration:collaboration-detail", args=[self.pk])


class StageChange(models.Model):
    """When a collaboration reached a stage (the pipeline's dated log)."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="stage_changes"
    )
    stage = models.CharField(max_length=12, choices=Collaboration.Stage.choices)
    date = models.DateField()
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["collaboration", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.collaboration}: {self.get_stage_display()} on {self.date}"


class CollaborationDocument(models.Model):
    """A document of a collaboration: an uploaded file or a link."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to="collaborations/%Y/", blank=True)
    url = models.URLField(max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class Notification(models.Model):
    """An in-app notification (also sent by e-mail through Django's mail backend)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    message = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message
