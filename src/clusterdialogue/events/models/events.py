"""An event (a fact-finding mission or a B2B brokerage event) and its programme."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdialogue.clusters.models import ClusterCategory
from clusterdialogue.regions.models import Network, Territory


class Event(models.Model):
    """A mission or a B2B event of a network, hosted by one of its territories."""

    class Kind(models.TextChoices):
        MISSION = "mission", _("Interclustering mission")
        BROKERAGE = "brokerage", _("B2B brokerage event")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.BROKERAGE)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="events")
    host_territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="hosted_events",
        verbose_name=_("host territory"),
    )  # fmt: skip
    city = models.CharField(_("city"), max_length=120, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Brussels")
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    categories = models.ManyToManyField(
        ClusterCategory, blank=True, related_name="events", verbose_name=_("themes")
    )
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    logistics = models.TextField(_("logistics notes"), blank=True)
    registration_opens = models.DateField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateField(_("registration closes"), null=True, blank=True)
    cap_per_cluster = models.PositiveIntegerField(
        _("participants per cluster"), null=True, blank=True,
        help_text=_("Empty: no limit."),
    )  # fmt: skip
    tables = models.PositiveIntegerField(_("meeting tables"), default=10)
    request_expiry_hours = models.PositiveIntegerField(
        _("hours to answer a meeting request"), default=72
    )
    is_public = models.BooleanField(_("public"), default=True)
    is_example = models.BooleanField(
        _("example"), default=False, help_text=_("Demonstration content, not a real event.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="events_created",
    )  # fmt: skip
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="events_organised"
    )
    schedule_report = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="event_end_after_start"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", args=[self.slug])


class Session(models.Model):
    """One item of the programme; the sessions of kind "meetings" are the B2B meeting slots."""

    class Kind(models.TextChoices):
        MEETINGS = "meetings", _("B2B meetings")
        VISIT = "visit", _("Site visit")
        TALK = "talk", _("Talk")
        NETWORKING = "networking", _("Networking")
        BREAK = "break", _("Break")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=300, blank=True)

    class Meta:
        ordering = ["event", "start", "end", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="session_end_after_start"),
        ]  # fmt: skip

    def __str__(self) -> str:
        # In the event's time zone: the organisers type and read the programme in local time.
        local = self.start.astimezone(zoneinfo.ZoneInfo(self.event.timezone))
        return f"{self.title} ({local:%Y-%m-%d %H:%M})"

    @property
    def is_meeting_slot(self) -> bool:
        return self.kind == self.Kind.MEETINGS
