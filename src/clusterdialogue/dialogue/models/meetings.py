"""Meetings of a group, and what the meeting planner reads: host cities, blocked periods, events."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdialogue.dialogue.models.groups import GroupMember, WorkingGroup
from clusterdialogue.regions.models import Territory


class HostCity(models.Model):
    """A city where a territory hosts meetings (usually its capital), with its time zone."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="host_cities")
    name = models.CharField(_("city"), max_length=120)
    timezone = models.CharField(_("time zone"), max_length=64, help_text=_("e.g. Europe/Berlin"))
    is_default = models.BooleanField(_("default"), default=True)

    class Meta:
        ordering = ["territory", "-is_default", "name"]
        verbose_name = _("host city")
        verbose_name_plural = _("host cities")
        constraints = [
            models.UniqueConstraint(fields=["territory", "name"], name="unique_host_city")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.territory.region.code})"


class Meeting(models.Model):
    """One meeting of a group, held in a host territory's city on one or more days."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveIntegerField(_("number"), help_text=_("The group's meeting number"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    host_territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, null=True, blank=True, related_name="hosted_meetings"
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Brussels")
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    starts_at = models.TimeField(
        _("starts at"), null=True, blank=True, help_text=_("Empty: an all-day meeting.")
    )
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_meetings"
    )
    plan_reasons = models.TextField(
        _("why the planner proposed it"),
        blank=True,
        help_text=_("The planner's reasons, one a line."),
    )
    override_reason = models.TextField(
        _("reason for overriding the plan"), blank=True,
        help_text=_("Filled when the secretariat chose another host or dates than proposed."),
    )  # fmt: skip
    is_public = models.BooleanField(_("public"), default=True)
    is_example = models.BooleanField(
        _("example"), default=False, help_text=_("Demonstration content, not a real meeting.")
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["group", "start"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="unique_meeting_number"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="meeting_end_after_start"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title or f"{self.group} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("dialogue:meeting-detail", args=[self.group.slug, self.number])


class BlockedPeriod(models.Model):
    """Days the planner avoids: a territory's school holidays, or a member's unavailability."""

    class Kind(models.TextChoices):
        SCHOOL_HOLIDAYS = "school_holidays", _("School holidays")
        UNAVAILABLE = "unavailable", _("Unavailable")

    group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="blocked_periods",
        help_text=_("Empty: applies to every group of the network."),
    )  # fmt: skip
    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, null=True, blank=True, related_name="blocked_periods"
    )
    member = models.ForeignKey(
        GroupMember, on_delete=models.CASCADE, null=True, blank=True, related_name="unavailability"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("blocked period")
        verbose_name_plural = _("blocked periods")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="blocked_end_after_start"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start}–{self.end}"


class HostEvent(models.Model):
    """An exhibition or event in a territory that a meeting may be aligned with."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="host_events")
    name = models.CharField(_("name"), max_length=300)
    city = models.CharField(_("city"), max_length=120, blank=True)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    url = models.URLField(_("web page"), blank=True)
    is_example = models.BooleanField(_("example"), default=False)

    class Meta:
        ordering = ["start"]
        verbose_name = _("event in a territory")
        verbose_name_plural = _("events in the territories")

    def __str__(self) -> str:
        return f"{self.name} ({self.start})"
