"""Meeting requests between participants and the meetings the schedule places."""

from __future__ import annotations

from django.conf import settings
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
    """Where and when an accepted request meets: a meeting slot and a table.

    On the day the organisers mark it *held* or *no-show* (the live view); a no-show frees its
    table, which the organisers may fill with another accepted request.
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        NO_SHOW = "no_show", _("No-show")

    request = models.OneToOneField(
        MeetingRequest, on_delete=models.CASCADE, related_name="scheduled"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="meetings")
    table = models.PositiveIntegerField(_("table"))
    pinned = models.BooleanField(_("pinned by the organisers"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )

    class Meta:
        ordering = ["session__start", "table"]
        verbose_name = _("scheduled meeting")
        verbose_name_plural = _("scheduled meetings")
        constraints = [
            # A no-show's table may be given to another meeting in the same slot.
            models.UniqueConstraint(
                fields=["session", "table"],
                condition=~models.Q(status="no_show"),
                name="unique_slot_table",
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} @ {self.session} #{self.table}"


class MeetingOutcome(models.Model):
    """What came of a meeting, recorded after it by either participant (one per meeting).

    A follow-up, a joint application or an agreement is followed in the collaboration
    pipeline: ``collaboration`` is the entry it created (both organisations as partners).
    """

    class Kind(models.TextChoices):
        FOLLOW_UP = "follow_up", _("Follow-up planned")
        JOINT_APPLICATION = "joint_application", _("Joint application")
        AGREEMENT = "agreement", _("Agreement")
        NOTHING = "nothing", _("Nothing")

    meeting = models.OneToOneField(
        ScheduledMeeting, on_delete=models.CASCADE, related_name="outcome"
    )
    kind = models.CharField(_("outcome"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )  # fmt: skip
    recorded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded at"))
    collaboration = models.ForeignKey(
        "collaboration.Collaboration", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="event_outcomes",
    )  # fmt: skip

    class Meta:
        ordering = ["meeting__session__start", "meeting__table"]
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")

    def __str__(self) -> str:
        return f"{self.meeting.request}: {self.get_kind_display()}"

    @property
    def leads_to_collaboration(self) -> bool:
        return self.kind != self.Kind.NOTHING
