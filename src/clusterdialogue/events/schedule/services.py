"""The event's B2B schedule: built from the database, solved by ``core.b2b``, stored at once.

``event_schedule`` reads the meeting slots (sessions of kind "meetings"), the accepted requests
between approved participants, their unavailability, the organisers' pins and the stored
schedule (kept as far as it can stay), calls :func:`clusterdialogue.core.b2b.meetings_schedule`
and replaces the stored schedule in one transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdialogue.core.b2b import (
    MeetingRequest as CoreRequest,
)
from clusterdialogue.core.b2b import (
    Placement,
    ScheduleError,
    ScheduleResult,
    Slot,
    meetings_schedule,
)
from clusterdialogue.events.b2b.selectors import meeting_requests_accepted
from clusterdialogue.events.b2b.services import meeting_requests_expire
from clusterdialogue.events.models import (
    Event,
    Participant,
    ScheduledMeeting,
    Session,
    Unavailability,
)


def schedule_problem(*, event: Event) -> dict:
    """The plain inputs of :func:`meetings_schedule` for the event, ids as strings of keys."""
    slots = [
        Slot(str(s.pk), s.start, s.end)
        for s in Session.objects.filter(event=event, kind=Session.Kind.MEETINGS)
    ]
    requests = [
        CoreRequest(str(r.pk), str(r.requester_id), str(r.partner_id), int(r.priority))
        for r in meeting_requests_accepted(event=event).order_by("pk")
    ]
    people = Participant.objects.filter(event=event, status=Participant.Status.APPROVED)
    unavailable: dict[str, list[str]] = {
        str(pk): [] for pk in people.order_by("pk").values_list("pk", flat=True)
    }
    rows = (
        Unavailability.objects.filter(participant__in=people, session__kind=Session.Kind.MEETINGS)
        .order_by("participant_id", "session_id")
        .values_list("participant_id", "session_id")
    )
    for participant, session in rows:
        unavailable[str(participant)].append(str(session))
    wanted = {r.id for r in requests}
    stored = ScheduledMeeting.objects.filter(request__event=event)
    previous = {
        str(m.request_id): Placement(str(m.session_id), m.table)
        for m in stored
        if str(m.request_id) in wanted
    }
    # A pin whose participant has since become unavailable in its slot is let go: the
    # meeting moves rather than the whole schedule failing.
    pair = {r.id: (r.a, r.b) for r in requests}
    pinned = {
        str(m.request_id): str(m.session_id)
        for m in stored
        if m.pinned
        and str(m.request_id) in wanted
        and not any(str(m.session_id) in unavailable[p] for p in pair[str(m.request_id)])
    }
    return {
        "slots": slots,
        "requests": requests,
        "unavailable": unavailable,
        "tables": event.tables,
        "pinned": pinned,
        "previous": previous,
    }


def _report(result: ScheduleResult) -> dict:
    return {
        "scheduled": result.scheduled,
        "requests": result.requests,
        "must_scheduled": result.must_scheduled,
        "must_requests": result.must_requests,
        "upper_bound": result.upper_bound,
        "gap": round(result.gap, 2),
        "optimal": result.optimal,
        "method": result.method,
        "seconds": round(result.seconds, 2),
        "kept": len(result.kept),
        "moved": len(result.moved),
        "dropped": len(result.dropped),
        "at": timezone.now().isoformat(),
    }


def _day_started(event: Event) -> bool:
    """Whether any meeting is marked held or no-show or has an outcome: replacing the stored
    schedule would then lose what happened."""
    meetings = ScheduledMeeting.objects.filter(request__event=event)
    return (
        meetings.exclude(status=ScheduledMeeting.Status.SCHEDULED).exists()
        or meetings.filter(outcome__isnull=False).exists()
    )


def event_schedule(
    *, event: Event, time_limit: float = 10.0, workers: int | None = None
) -> ScheduleResult:
    """Schedule the event's accepted meetings and replace the stored schedule; the result says
    how many were placed, the proven upper bound, the gap and what was kept, moved or dropped.

    The solver runs outside any transaction (it may take ``time_limit`` seconds, and holding a
    write lock that long would stall the site on SQLite); the stored schedule is then replaced
    in one transaction, and only if the inputs are still those the solver saw.
    """
    if _day_started(event):
        raise ValidationError(
            {
                "schedule": _(
                    "Meetings are marked held or no-show, or have outcomes: the day has begun. "
                    "Place the requests left over in the freed tables from the live view."
                )
            }
        )
    meeting_requests_expire(event=event)
    problem = schedule_problem(event=event)
    if not problem["slots"]:
        raise ValidationError(
            {"sessions": _("Add meeting slots to the programme (kind: B2B meetings) first.")}
        )
    try:
        result = meetings_schedule(**problem, time_limit=time_limit, workers=workers)
    except ScheduleError as error:
        raise ValidationError({"schedule": str(error)}) from error
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if schedule_problem(event=event) != problem or _day_started(event):
            raise ValidationError(
                {
                    "schedule": _(
                        "Requests or the programme changed while the schedule ran; run it again."
                    )
                }
            )
        pinned = set(problem["pinned"])
        ScheduledMeeting.objects.filter(request__event=event).delete()
        ScheduledMeeting.objects.bulk_create(
            ScheduledMeeting(
                request_id=int(request_id),
                session_id=int(place.slot),
                table=place.table,
                pinned=request_id in pinned,
            )
            for request_id, place in result.placements.items()
        )
        event.schedule_report = _report(result)
        event.save(update_fields=["schedule_report", "updated_at"])
    return result
