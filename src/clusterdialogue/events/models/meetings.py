"""Meeting requests between participants and the meetings the schedule places."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdialogue.events.models.events import Event, Session
from clusterdialogue.events.models.participants import Participant


class MeetingRequest(models.Model):
    """One participant asks another for a B2B meeting; the partner accepts or declines.

    A pending request past ``expires_at`` counts as expired everywhere (selectors), and
    ``meeting_requests_expire`` writes that down, so an unanswered request never blocks a pair.
    """

    class Priority(models.IntegerChoices):
        MUST = 2, _("Must meet")
        NICE = 1, _("Nice to meet")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="requests_sent"
    )
    partner = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="requests_received",
        verbose_name=_("partner"),
    )  # fmt: skip
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NICE
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    by_organiser = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(condition=~models.Q(requester=models.F("partner")), name="meeting_request_two_people"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.requester.name} → {self.partner.name}"


class ScheduledMeeting(models.Model):
    """Where and when an accepted request meets: a meeting slot and a table."""

    request = models.OneToOneField(
        MeetingRequest, on_delete=models.CASCADE, related_name="scheduled"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="meetings")
    table = models.PositiveIntegerField(_("table"))
    pinned = models.BooleanField(_("pinned by the organisers"), default=False)

    class Meta:
        ordering = ["session__start", "table"]
        verbose_name = _("scheduled meeting")
        verbose_name_plural = _("scheduled meetings")
        constraints = [
            models.UniqueConstraint(fields=["session", "table"], name="unique_slot_table")
        ]

    def __str__(self) -> str:
        return f"{self.request} @ {self.session} #{self.table}"
