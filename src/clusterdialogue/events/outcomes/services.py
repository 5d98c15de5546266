"""Writes of the meeting outcomes: what came of a meeting, and its entry in the pipeline.

A follow-up, a joint application or an agreement creates (or updates) a collaboration of the
pipeline (``collaboration.pipeline.services``) with both organisations as partners, moved to
the stage *meeting or mission* on the meeting's day, so it counts in the pipeline's statistics
and as a relation in the network graph. "Nothing" closes the entry it had created, if any.
The pipeline's own rules apply: only someone who acts for one of the organisations (or the
secretariat) creates or changes an entry; for anyone else the outcome is stored without one.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdialogue.collaboration.models import Collaboration
from clusterdialogue.collaboration.pipeline import services as pipeline
from clusterdialogue.events.models import MeetingOutcome, Participant, ScheduledMeeting

Kind = MeetingOutcome.Kind
PIPELINE_KIND = {
    Kind.FOLLOW_UP: Collaboration.Kind.BILATERAL,
    Kind.JOINT_APPLICATION: Collaboration.Kind.JOINT_APPLICATION,
    Kind.AGREEMENT: Collaboration.Kind.BILATERAL,
}


def _meeting_day(meeting: ScheduledMeeting) -> datetime.date:
    """The meeting's day in the event's time zone (never after the site's today: the pipeline
    refuses dates in the future, and a meeting far east may end on the site's yesterday)."""
    zone = zoneinfo.ZoneInfo(meeting.request.event.timezone)
    return min(meeting.session.start.astimezone(zone).date(), timezone.localdate())


def _pipeline_fields(meeting: ScheduledMeeting, kind: str, note: str) -> dict[str, Any]:
    event = meeting.request.event
    a, b = meeting.request.requester.organisation, meeting.request.partner.organisation
    day = _meeting_day(meeting)
    description = _(
        "From the B2B meeting of %(a)s and %(b)s at %(event)s on %(day)s, table %(table)d "
        "(%(link)s)."
    ) % {
        "a": meeting.request.requester.name,
        "b": meeting.request.partner.name,
        "event": event.title,
        "day": day.isoformat(),
        "table": meeting.table,
        "link": reverse("events:event-detail", args=[event.slug]),
    }
    return {
        "title": f"{a.name} – {b.name}: {Kind(kind).label} ({event.title})"[:300],
        "kind": PIPELINE_KIND[kind],
        "description": description + (f"\n\n{note}" if note else ""),
    }


def _pipeline_record(
    outcome: MeetingOutcome, meeting: ScheduledMeeting, user: Any
) -> Collaboration | None:
    """Create or update the outcome's pipeline entry; None when the user may not."""
    collaboration = outcome.collaboration
    try:
        if outcome.kind == Kind.NOTHING:
            if collaboration is not None and collaboration.stage == Collaboration.Stage.MEETING:
                pipeline.collaboration_move(
                    collaboration=collaboration,
                    user=user,
                    stage=Collaboration.Stage.CLOSED,
                    date=timezone.localdate(),
                    note=_("Nothing came of the meeting."),
                )
                collaboration.refresh_from_db()
            return collaboration
        fields = _pipeline_fields(meeting, outcome.kind, outcome.note)
        if collaboration is not None:
            return pipeline.collaboration_update(collaboration=collaboration, user=user, **fields)
        day = _meeting_day(meeting)
        partners = {
            o.pk: o
            for o in (meeting.request.requester.organisation, meeting.request.partner.organisation)
        }
        collaboration = pipeline.collaboration_create(
            user=user,
            partners=list(partners.values()),
            started_on=day,
            is_example=meeting.request.event.is_example,
            **fields,
        )
        pipeline.collaboration_move(
            collaboration=collaboration,
            user=user,
            stage=Collaboration.Stage.MEETING,
            date=day,
            note=meeting.request.event.title,
        )
        collaboration.refresh_from_db()
        return collaboration
    except PermissionDenied:
        return collaboration


def meeting_outcome_record(
    *,
    meeting: ScheduledMeeting,
    kind: str,
    note: str = "",
    by: Participant | None = None,
    user: Any = None,
    now: datetime.datetime | None = None,
) -> MeetingOutcome:
    """Record (or change) what came of a meeting, once it is over; ``by`` is the participant
    who records it (None: an organiser), ``user`` the account that acts (for the pipeline)."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = (
            ScheduledMeeting.objects.select_for_update()
            .select_related(
                "session",
                "request__event",
                "request__requester__organisation",
                "request__partner__organisation",
            )
            .get(pk=meeting.pk)
        )
        if kind not in Kind.values:
            raise ValidationError(
                {"kind": _("Choose follow-up planned, joint application, agreement or nothing.")}
            )
        if by is not None and by.pk not in (
            meeting.request.requester_id,
            meeting.request.partner_id,
        ):
            raise ValidationError(
                {"participant": _("Only the two participants of a meeting record its outcome.")}
            )
        if meeting.session.end > now:
            raise ValidationError(
                {"meeting": _("This meeting has not taken place yet; record its outcome after it.")}
            )
        if meeting.status == ScheduledMeeting.Status.NO_SHOW:
            raise ValidationError(
                {"meeting": _("This meeting is marked as a no-show; it has no outcome.")}
            )
        outcome = MeetingOutcome.objects.filter(meeting=meeting).first() or MeetingOutcome(
            meeting=meeting
        )
        outcome.kind = kind
        outcome.note = (note or "").strip()
        outcome.recorded_by = by
        outcome.recorded_by_user = user if getattr(user, "is_authenticated", False) else None
        outcome.recorded_at = now
        outcome.save()
        if meeting.status == ScheduledMeeting.Status.SCHEDULED:
            # An outcome says the meeting took place.
            meeting.status = ScheduledMeeting.Status.HELD
            meeting.save(update_fields=["status"])
        collaboration = _pipeline_record(outcome, meeting, user)
        if collaboration != outcome.collaboration:
            outcome.collaboration = collaboration
            outcome.save(update_fields=["collaboration"])
    return outcome
