"""Collaborations followed from first contact to their outcome, their stage log and documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.models.board import CooperationPost
from clusterdialogue.collaboration.models.calls import FundingCall


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
