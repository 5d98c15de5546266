"""Who takes part in an event, for which cluster organisation, and when they cannot meet."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.events.models.events import Event, Session


class Participant(models.Model):
    """A person registered for an event on behalf of a cluster organisation."""

    class Type(models.TextChoices):
        DELEGATION = "delegation", _("Delegation")
        HOST = "host", _("Host")
        GUEST = "guest", _("Organiser's guest")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        ClusterOrganisation, on_delete=models.PROTECT, related_name="event_participations",
        verbose_name=_("organisation"),
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="event_participations",
    )  # fmt: skip
    type = models.CharField(_("type"), max_length=16, choices=Type.choices, default=Type.DELEGATION)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    interests = models.TextField(_("what I offer and look for"), blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "organisation__name", "name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"], name="unique_event_participant_email"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Unavailability(models.Model):
    """A meeting slot in which a participant cannot meet anyone."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="unavailable"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="unavailable")

    class Meta:
        verbose_name = _("unavailability")
        verbose_name_plural = _("unavailabilities")
        constraints = [
            models.UniqueConstraint(fields=["participant", "session"], name="unique_unavailability")
        ]

    def __str__(self) -> str:
        return f"{self.participant} / {self.session}"
