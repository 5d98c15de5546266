"""The policy and practice library: the territories' cluster policy instruments and cases."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdialogue.dialogue.models.meetings import Meeting
from clusterdialogue.regions.models import Territory


class PolicyInstrument(models.Model):
    """One cluster policy instrument of a territory, as its managing body publishes it."""

    class Kind(models.TextChoices):
        CLUSTER_PROGRAMME = "cluster_programme", _("Cluster programme")
        LABELLING = "labelling", _("Labelling")
        FUNDING_CALL = "funding_call", _("Funding call")
        INTERNATIONALISATION = "internationalisation", _("Internationalisation support")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="policy_instruments"
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    managing_body = models.CharField(_("managing body"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    budget_amount = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_currency = models.CharField(_("currency"), max_length=3, blank=True, default="EUR")
    start_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    results = models.TextField(_("results"), blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    is_example = models.BooleanField(
        _("example"), default=False, help_text=_("Demonstration content, not a real instrument.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["territory", "name"]
        verbose_name = _("policy instrument")
        verbose_name_plural = _("policy instruments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_example=True) | ~models.Q(source=""),
                name="policy_instrument_source_unless_example",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dialogue:library-instrument", args=[self.pk])

    @property
    def period(self) -> str:
        if self.start_year and self.end_year:
            return f"{self.start_year}–{self.end_year}"
        return str(self.start_year or self.end_year or "")


class InstrumentDocument(models.Model):
    """A file about an instrument (its rules, an evaluation, a leaflet)."""

    instrument = models.ForeignKey(
        PolicyInstrument, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="dialogue/library/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["instrument", "title"]
        verbose_name = _("instrument document")
        verbose_name_plural = _("instrument documents")

    def __str__(self) -> str:
        return self.title


class PracticeCase(models.Model):
    """A good practice or a lesson learned, usually presented at a meeting of a group."""

    class Kind(models.TextChoices):
        GOOD_PRACTICE = "good_practice", _("Good practice")
        LESSON_LEARNED = "lesson_learned", _("Lesson learned")

    title = models.CharField(_("title"), max_length=300)
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="practice_cases"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    summary = models.TextField(_("summary"), blank=True)
    instrument = models.ForeignKey(
        PolicyInstrument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("instrument"),
    )
    presented_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practice_cases",
        verbose_name=_("presented at"),
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    is_example = models.BooleanField(_("example"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "title"]
        verbose_name = _("practice case")
        verbose_name_plural = _("practice cases")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogue:library-case", args=[self.pk])
