"""A group's multi-year roadmap: objectives, the actions that serve them, indicators of progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdialogue.dialogue.models.groups import GroupMember, WorkingGroup
from clusterdialogue.regions.models import Territory


class Roadmap(models.Model):
    """The plan a group works to for a few years; closed with its lessons, then the next drafted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="roadmaps")
    title = models.CharField(_("title"), max_length=300)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    lessons = models.TextField(_("lessons learned"), blank=True)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_roadmaps"
    )
    is_example = models.BooleanField(_("example"), default=False)
    source = models.CharField(_("source"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "-start_year"]
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")
        constraints = [
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")), name="roadmap_end_after_start"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.title} ({self.start_year}–{self.end_year})"

    def get_absolute_url(self) -> str:
        return reverse("dialogue:roadmap-detail", args=[self.group.slug, self.pk])


class Objective(models.Model):
    """One specific objective of a roadmap."""

    class Kind(models.TextChoices):
        MUTUAL_LEARNING = "mutual_learning", _("Mutual learning")
        COLLABORATION = "collaboration", _("Cluster-to-cluster collaboration")
        VISIBILITY = "visibility", _("Visibility")
        OTHER = "other", _("Other")

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="objectives")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("objective"))
    order = models.PositiveSmallIntegerField(default=0)
    is_example = models.BooleanField(_("example"), default=False)

    class Meta:
        ordering = ["roadmap", "order", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.text[:80]


class RoadmapAction(models.Model):
    """Something a member or territory does for an objective, by a date."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN = (Status.PLANNED, Status.IN_PROGRESS)

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner_member = models.ForeignKey(
        GroupMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("owner (member)"),
    )  # fmt: skip
    owner_text = models.CharField(
        _("owner (name)"), max_length=200, blank=True,
        help_text=_("When the owner is not a member of the group."),
    )  # fmt: skip
    territory = models.ForeignKey(
        Territory, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("territory"),
    )  # fmt: skip
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    is_example = models.BooleanField(_("example"), default=False)

    class Meta:
        ordering = ["objective", "due_on", "pk"]
        verbose_name = _("roadmap action")
        verbose_name_plural = _("roadmap actions")

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self) -> str:
        return self.owner_member.name if self.owner_member else self.owner_text

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class Indicator(models.Model):
    """A measure of an objective, computed from the platform's records or entered by hand."""

    class SourceKind(models.TextChoices):
        COMPUTED = "computed", _("Computed from the platform's records")
        MANUAL = "manual", _("Entered by hand")

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    source_kind = models.CharField(
        _("source"), max_length=8, choices=SourceKind.choices, default=SourceKind.MANUAL
    )
    metric_key = models.CharField(
        _("metric"), max_length=60, blank=True,
        help_text=_("For computed indicators: which of the platform's measures."),
    )  # fmt: skip
    is_example = models.BooleanField(_("example"), default=False)

    class Meta:
        ordering = ["objective", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """A value of a hand-entered indicator on a date, with who entered it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    measured_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "-measured_on", "-pk"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.value} ({self.measured_on})"
