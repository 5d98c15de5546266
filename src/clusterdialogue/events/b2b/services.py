"""Writes of the B2B meetings: requests, answers, cancellations, meetings added by organisers.

One transaction each; bad input raises ``ValidationError`` naming its field, nothing stored then.
A pending request past its expiry counts as expired (``selectors.meeting_request_status``), so
it never blocks a new request for the pair; :func:`meeting_requests_expire` writes that down.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdialogue.events.b2b.selectors import (
    meeting_request_open_between,
    meeting_request_status,
)
from clusterdialogue.events.models import (
    Event,
    MeetingRequest,
    Participant,
    ScheduledMeeting,
    Session,
)

Status = MeetingRequest.Status


def _pair_check(
    requester: Participant, partner: Participant, priority: int, now, *, own: bool = True
) -> None:
    if partner is None:
        raise ValidationError({"partner": _("This field is required.")})
    if requester.event_id != partner.event_id:
        raise ValidationError({"partner": _("The partner takes part in another event.")})
    if requester.pk == partner.pk:
        raise ValidationError({"partner": _("Choose another participant than yourself.")})
    if requester.status != Participant.Status.APPROVED:
        if own:
            raise ValidationError({"requester": _("Your registration is not approved yet.")})
        raise ValidationError({"requester": _("This participant's registration is not approved.")})
    if partner.status != Participant.Status.APPROVED:
        raise ValidationError({"partner": _("This participant's registration is not approved.")})
    if priority not in MeetingRequest.Priority.values:
        raise ValidationError({"priority": _("Choose must meet or nice to meet.")})
    if meeting_request_open_between(a=requester, b=partner, now=now):
        raise ValidationError(
            {"partner": _("A request between you and this participant is already open.")}
        )


@transaction.atomic
def meeting_request_create(
    *,
    requester: Participant,
    partner: Participant,
    priority: int = MeetingRequest.Priority.NICE,
    message: str = "",
    now: datetime.datetime | None = None,
) -> MeetingRequest:
    """Ask another approved participant of the same event for a meeting."""
    now = now or timezone.now()
    Event.objects.select_for_update().get(pk=requester.event_id)  # one request per pair at a time
    requester = Participant.objects.get(pk=requester.pk)
    partner = Participant.objects.filter(pk=getattr(partner, "pk", None)).first()
    _pair_check(requester, partner, priority, now)
    event = requester.event
    return MeetingRequest.objects.create(
        event=event,
        requester=requester,
        partner=partner,
        priority=priority,
        message=(message or "").strip(),
        status=Status.PENDING,
        created_at=now,
        expires_at=now + datetime.timedelta(hours=event.request_expiry_hours),
    )


def meeting_request_respond(
    *,
    request: MeetingRequest,
    by: Participant,
    accept: bool,
    now: datetime.datetime | None = None,
) -> MeetingRequest:
    """The partner accepts or declines a pending request; answering an expired one is refused
    and marks it expired (that much is stored)."""
    now = now or timezone.now()
    with transaction.atomic():
        request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
        if by is None or by.pk != request.partner_id:
            raise ValidationError(
                {"request": _("Only the participant asked may answer this request.")}
            )
        status = meeting_request_status(request=request, now=now)
        if status == Status.PENDING:
            request.status = Status.ACCEPTED if accept else Status.DECLINED
            request.responded_at = now
            request.save(update_fields=["status", "responded_at"])
            return request
        if request.status == Status.PENDING:
            MeetingRequest.objects.filter(pk=request.pk).update(status=Status.EXPIRED)
    raise ValidationError(
        {"request": _("This request is no longer waiting for an answer (%(status)s).")
         % {"status": Status(status).label}}
    )  # fmt: skip


@transaction.atomic
def meeting_request_cancel(
    *, request: MeetingRequest, now: datetime.datetime | None = None
) -> MeetingRequest:
    """Withdraw a waiting or accepted request; its scheduled meeting, if any, is dropped."""
    now = now or timezone.now()
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in (Status.PENDING, Status.ACCEPTED):
        raise ValidationError({"request": _("This request is closed already.")})
    ScheduledMeeting.objects.filter(request=request).delete()
    request.status = Status.CANCELLED
    request.responded_at = request.responded_at or now
    request.save(update_fields=["status", "responded_at"])
    return request


def meeting_requests_cancel_for(*, participant: Participant) -> int:
    """Cancel the open requests of a participant who left (called inside a transaction)."""
    rows = MeetingRequest.objects.filter(Q(requester=participant) | Q(partner=participant))
    rows = rows.filter(status__in=(Status.PENDING, Status.ACCEPTED))
    ScheduledMeeting.objects.filter(request__in=rows).delete()
    return rows.update(status=Status.CANCELLED, responded_at=timezone.now())


@transaction.atomic
def meeting_requests_expire(*, event: Event, now: datetime.datetime | None = None) -> int:
    """Mark every pending request of the event past its expiry as expired; how many were."""
    now = now or timezone.now()
    rows = MeetingRequest.objects.filter(event=event, status=Status.PENDING, expires_at__lte=now)
    return rows.update(status=Status.EXPIRED)


def overlapping_slots(session: Session):
    """The meeting slots of the event that share time with ``session`` (itself included)."""
    return Session.objects.filter(
        event_id=session.event_id,
        kind=Session.Kind.MEETINGS,
        start__lt=session.end,
        end__gt=session.start,
    )


def slot_free_table(session: Session, event: Event) -> int | None:
    """The lowest table free in every slot that shares time with ``session`` (a no-show's
    table is free again)."""
    taken = set(
        ScheduledMeeting.objects.filter(session__in=overlapping_slots(session))
        .exclude(status=ScheduledMeeting.Status.NO_SHOW)  # a no-show frees its table
        .values_list("table", flat=True)
    )
    return next((t for t in range(1, event.tables + 1) if t not in taken), None)


def participant_busy(participant: Participant, session: Session) -> bool:
    """Whether the participant already meets someone (no-shows aside), or is unavailable, at
    that time."""
    if participant.unavailable.filter(session=session).exists():
        return True
    return (
        ScheduledMeeting.objects.filter(
            Q(request__requester=participant) | Q(request__partner=participant),
            session__start__lt=session.end,
            session__end__gt=session.start,
        )
        .exclude(status=ScheduledMeeting.Status.NO_SHOW)
        .exists()
    )


@transaction.atomic
def meeting_add_by_organiser(
    *,
    event: Event,
    requester: Participant,
    partner: Participant,
    priority: int = MeetingRequest.Priority.MUST,
    slot: Session | None = None,
    message: str = "",
    now: datetime.datetime | None = None,
) -> MeetingRequest:
    """A meeting the organisers arrange: accepted at once; with ``slot``, pinned to that slot."""
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    if requester is None or requester.event_id != event.pk:
        raise ValidationError({"requester": _("Choose a participant of this event.")})
    if partner is not None and partner.event_id != event.pk:
        raise ValidationError({"partner": _("Choose a participant of this event.")})
    _pair_check(requester, partner, priority, now, own=False)
    table = None
    if slot is not None:
        if slot.event_id != event.pk or slot.kind != Session.Kind.MEETINGS:
            raise ValidationError({"slot": _("Choose among the meeting slots of this event.")})
        for person in (requester, partner):
            if participant_busy(person, slot):
                raise ValidationError(
                    {"slot": _("%(name)s is not free in this slot.") % {"name": person.name}}
                )
        table = slot_free_table(slot, event)
        if table is None:
            raise ValidationError({"slot": _("Every table is taken in this slot.")})
    request = MeetingRequest.objects.create(
        event=event,
        requester=requester,
        partner=partner,
        priority=priority,
        message=(message or "").strip(),
        status=Status.ACCEPTED,
        by_organiser=True,
        created_at=now,
        expires_at=now,
        responded_at=now,
    )
    if slot is not None:
        ScheduledMeeting.objects.create(request=request, session=slot, table=table, pinned=True)
    return request
