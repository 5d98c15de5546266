"""Writes of the day: mark meetings held or no-show, place a left-over request in a free table.

A no-show frees its table (the constraint on slot and table leaves no-shows aside), so the
organisers may give it to an accepted request that is not scheduled yet, when both of its
participants are free then. One transaction each; refusals name their field.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusterdialogue.events.b2b.selectors import meeting_requests_accepted
from clusterdialogue.events.b2b.services import overlapping_slots, participant_busy, slot_free_table
from clusterdialogue.events.models import (
    Event,
    MeetingOutcome,
    MeetingRequest,
    ScheduledMeeting,
    Session,
)

Status = ScheduledMeeting.Status


@transaction.atomic
def meeting_mark(*, meeting: ScheduledMeeting, status: str) -> ScheduledMeeting:
    """Mark a meeting held or no-show (or back to scheduled)."""
    meeting = ScheduledMeeting.objects.select_for_update().get(pk=meeting.pk)
    if status not in Status.values:
        raise ValidationError({"status": _("Choose held, no-show or scheduled.")})
    if status == Status.NO_SHOW and MeetingOutcome.objects.filter(meeting=meeting).exists():
        raise ValidationError({"status": _("This meeting has a recorded outcome: it took place.")})
    if meeting.status == Status.NO_SHOW and status != Status.NO_SHOW:
        # Its table may have been given to another meeting meanwhile.
        taken = (
            ScheduledMeeting.objects.filter(
                session__in=overlapping_slots(meeting.session), table=meeting.table
            )
            .exclude(status=Status.NO_SHOW)
            .exclude(pk=meeting.pk)
        )
        if taken.exists():
            raise ValidationError(
                {
                    "status": _(
                        "Table %(table)d is given to another meeting in this slot meanwhile."
                    )
                    % {"table": meeting.table}
                }
            )
    meeting.status = status
    meeting.save(update_fields=["status"])
    return meeting


@transaction.atomic
def meeting_place(
    *, event: Event, request: MeetingRequest | None, slot: Session | None, table: int | None = None
) -> ScheduledMeeting:
    """Place an accepted, unscheduled request of the event in ``slot`` at ``table`` (the lowest
    free table when None); the meeting is pinned there."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if request is None or request.event_id != event.pk:
        raise ValidationError({"request": _("Choose an accepted request of this event.")})
    if not meeting_requests_accepted(event=event).filter(pk=request.pk).exists():
        raise ValidationError(
            {"request": _("This request is not accepted between approved participants.")}
        )
    if ScheduledMeeting.objects.filter(request=request).exists():
        raise ValidationError({"request": _("This request has its slot already.")})
    if slot is None or slot.event_id != event.pk or slot.kind != Session.Kind.MEETINGS:
        raise ValidationError({"slot": _("Choose among the meeting slots of this event.")})
    for person in (request.requester, request.partner):
        if participant_busy(person, slot):
            raise ValidationError(
                {"slot": _("%(name)s is not free in this slot.") % {"name": person.name}}
            )
    if table is None:
        table = slot_free_table(slot, event)
        if table is None:
            raise ValidationError({"table": _("Every table is taken in this slot.")})
    else:
        if not 1 <= table <= event.tables:
            raise ValidationError(
                {"table": _("Choose a table from 1 to %(tables)d.") % {"tables": event.tables}}
            )
        taken = (
            ScheduledMeeting.objects.filter(session__in=overlapping_slots(slot), table=table)
            .exclude(status=Status.NO_SHOW)
            .exists()
        )
        if taken:
            raise ValidationError(
                {"table": _("Table %(table)d is taken in this slot.") % {"table": table}}
            )
    return ScheduledMeeting.objects.create(request=request, session=slot, table=table, pinned=True)
