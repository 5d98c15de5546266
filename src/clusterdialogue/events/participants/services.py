"""Writes of the participants feature: registration, approval, unavailability.

One transaction each; bad input raises ``ValidationError`` naming its field, nothing stored then.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdialogue.events.models import Event, Participant, Session, Unavailability

#: Registrations that count against the cap per cluster and block a second registration.
ACTIVE = (Participant.Status.PENDING, Participant.Status.APPROVED)


def event_local_date(*, event: Event, now: datetime.datetime | None = None) -> datetime.date:
    """Today in the event's time zone: the registration window is in the host's days."""
    now = now or timezone.now()
    return now.astimezone(zoneinfo.ZoneInfo(event.timezone)).date()


def registration_is_open(*, event: Event, now: datetime.datetime | None = None) -> bool:
    """Open from ``registration_opens`` (or at once) to ``registration_closes`` (or the last day)."""
    today = event_local_date(event=event, now=now)
    if event.registration_opens and today < event.registration_opens:
        return False
    return today <= (event.registration_closes or event.end)


@transaction.atomic
def participant_register(
    *,
    event: Event,
    organisation: Any,
    name: str,
    email: str,
    user: Any = None,
    type: str = Participant.Type.DELEGATION,
    interests: str = "",
    now: datetime.datetime | None = None,
) -> Participant:
    """Register a person for the event on behalf of a cluster organisation (waits for approval)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not registration_is_open(event=event, now=now):
        raise ValidationError({"event": _("Registration for this event is not open.")})
    if organisation is None:
        raise ValidationError({"organisation": _("This field is required.")})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("This field is required.")})
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    if type not in Participant.Type.values:
        raise ValidationError({"type": _("Choose a delegation, the host or a guest.")})
    if event.participants.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This e-mail address is already registered for the event.")}
        )
    if event.cap_per_cluster is not None:
        taken = event.participants.filter(organisation=organisation, status__in=ACTIVE).count()
        if taken >= event.cap_per_cluster:
            raise ValidationError(
                {
                    "organisation": _(
                        "This cluster already has %(count)d participants, the most the event allows."
                    )
                    % {"count": taken}
                }
            )
    return Participant.objects.create(
        event=event,
        organisation=organisation,
        name=name,
        email=email,
        user=user,
        type=type,
        interests=(interests or "").strip(),
        status=Participant.Status.PENDING,
    )


def _decide(participant: Participant, status: str, allowed_from: Iterable[str]) -> Participant:
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.status not in allowed_from:
        raise ValidationError(
            {
                "status": _("This registration's status is already: %(status)s.")
                % {"status": participant.get_status_display()}
            }
        )
    participant.status = status
    participant.decided_at = timezone.now()
    participant.save(update_fields=["status", "decided_at"])
    return participant


@transaction.atomic
def participant_approve(*, participant: Participant) -> Participant:
    """Approve a registration (a declined one may be approved after all)."""
    return _decide(
        participant,
        Participant.Status.APPROVED,
        (Participant.Status.PENDING, Participant.Status.DECLINED),
    )


@transaction.atomic
def participant_decline(*, participant: Participant) -> Participant:
    """Decline a registration; their open meeting requests are cancelled and their meetings dropped."""
    participant = _decide(
        participant,
        Participant.Status.DECLINED,
        (Participant.Status.PENDING, Participant.Status.APPROVED),
    )
    from clusterdialogue.events.b2b.services import meeting_requests_cancel_for

    meeting_requests_cancel_for(participant=participant)
    return participant


@transaction.atomic
def participant_withdraw(*, participant: Participant) -> Participant:
    """The participant leaves the event: their open requests are cancelled, meetings dropped."""
    participant = _decide(
        participant,
        Participant.Status.WITHDRAWN,
        (Participant.Status.PENDING, Participant.Status.APPROVED),
    )
    from clusterdialogue.events.b2b.services import meeting_requests_cancel_for

    meeting_requests_cancel_for(participant=participant)
    return participant


@transaction.atomic
def unavailability_set(*, participant: Participant, sessions: Iterable[Session]) -> list[Session]:
    """The meeting slots in which the participant cannot meet (replaces what was set before)."""
    sessions = list(sessions)
    for session in sessions:
        if session.event_id != participant.event_id or session.kind != Session.Kind.MEETINGS:
            raise ValidationError({"sessions": _("Choose among the meeting slots of this event.")})
    Unavailability.objects.filter(participant=participant).delete()
    Unavailability.objects.bulk_create(
        Unavailability(participant=participant, session=s)
        for s in {s.pk: s for s in sessions}.values()
    )
    return sessions
