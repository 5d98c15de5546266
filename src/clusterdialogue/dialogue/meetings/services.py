"""Writes of the meetings feature: one transaction each; bad input names its field.

E-mails (invitations, reminders, registration confirmations) go through Django's mail backend;
``site_url`` (``https://host``) makes the links in them absolute.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdialogue.dialogue.meetings.selectors import action_open_before
from clusterdialogue.dialogue.models import (
    ActionItem,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Decision,
    GroupMember,
    Meeting,
    Minute,
    Registration,
    WorkingGroup,
)


def _required(field: str, value: Any) -> None:
    if value in (None, "") or (isinstance(value, str) and not value.strip()):
        raise ValidationError({field: _("This field is required.")})


@transaction.atomic
def meeting_create(
    *,
    group: WorkingGroup,
    start: datetime.date,
    end: datetime.date | None = None,
    title: str = "",
    city: str = "",
    venue: str = "",
    timezone_name: str = "Europe/Brussels",
    starts_at: datetime.time | None = None,
    ends_at: datetime.time | None = None,
    host_territory: Any = None,
    previous: Meeting | None = None,
    is_public: bool = True,
    is_example: bool = False,
) -> Meeting:
    """A new meeting of the group, numbered after its last one."""
    _required("start", start)
    end = end or start
    if end < start:
        raise ValidationError({"end": _("The last day is before the first day.")})
    last = Meeting.objects.filter(group=group).aggregate(n=Max("number"))["n"] or 0
    return Meeting.objects.create(
        group=group,
        number=last + 1,
        title=title.strip(),
        city=city.strip(),
        venue=venue.strip(),
        timezone=timezone_name or "Europe/Brussels",
        start=start,
        end=end,
        starts_at=starts_at,
        ends_at=ends_at,
        host_territory=host_territory,
        previous=previous,
        status=Meeting.Status.CONFIRMED,
        is_public=is_public,
        is_example=is_example,
    )


@transaction.atomic
def meeting_create_next(
    *, meeting: Meeting, start: datetime.date, end: datetime.date | None = None
) -> Meeting:
    """The next meeting in one step: the agenda skeleton (titles, durations), linked to this one.

    Minutes, decisions and registrations stay behind; open actions need no copy, the new
    meeting's agenda lists every open action of earlier meetings until it is done.
    """
    if start <= meeting.start:
        raise ValidationError({"start": _("The next meeting starts after this one.")})
    new = meeting_create(
        group=meeting.group,
        start=start,
        end=end or start + (meeting.end - meeting.start),
        city="",
        timezone_name=meeting.timezone,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        previous=meeting,
        is_public=meeting.is_public,
        is_example=meeting.is_example,
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=new,
            order=item.order,
            title=item.title,
            duration_minutes=item.duration_minutes,
        )
        for item in meeting.agenda_items.all()
    )
    return new


def _renumber(meeting: Meeting) -> None:
    for position, item in enumerate(meeting.agenda_items.order_by("order", "pk"), start=1):
        if item.order != position:
            AgendaItem.objects.filter(pk=item.pk).update(order=position)


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    duration_minutes: int | None = None,
    presenter: GroupMember | None = None,
    presenter_name: str = "",
) -> AgendaItem:
    """An item at the end of the agenda."""
    _required("title", title)
    if presenter is not None and presenter.group_id != meeting.group_id:
        raise ValidationError({"presenter": _("The presenter is not a member of this group.")})
    if duration_minutes is not None and duration_minutes < 0:
        raise ValidationError(
            {"duration_minutes": _("A duration is a positive number of minutes.")}
        )
    last = meeting.agenda_items.aggregate(n=Max("order"))["n"] or 0
    return AgendaItem.objects.create(
        meeting=meeting,
        order=last + 1,
        title=title.strip(),
        duration_minutes=duration_minutes,
        presenter=presenter,
        presenter_name=presenter_name.strip(),
    )


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str) -> AgendaItem:
    """Swap the item with its neighbour above (``up``) or below (``down``)."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Move an item up or down.")})
    _renumber(item.meeting)
    item.refresh_from_db()
    siblings = list(item.meeting.agenda_items.order_by("order", "pk"))
    index = siblings.index(item)
    other_index = index - 1 if direction == "up" else index + 1
    if 0 <= other_index < len(siblings):
        other = siblings[other_index]
        AgendaItem.objects.filter(pk=item.pk).update(order=other.order)
        AgendaItem.objects.filter(pk=other.pk).update(order=item.order)
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem) -> None:
    meeting = item.meeting
    item.delete()
    _renumber(meeting)


@transaction.atomic
def agenda_document_attach(*, item: AgendaItem, title: str, file: Any) -> AgendaDocument:
    _required("file", file)
    return AgendaDocument.objects.create(
        item=item, title=(title or getattr(file, "name", "")).strip()[:300], file=file
    )


@transaction.atomic
def registration_create(
    *,
    meeting: Meeting,
    mode: str,
    member: GroupMember | None = None,
    name: str = "",
    email: str = "",
    dietary_notes: str = "",
    accessibility_notes: str = "",
    site_url: str = "",
) -> Registration:
    """Register a member (or a named guest with an e-mail) and send the confirmation."""
    if mode not in Registration.Mode.values:
        raise ValidationError({"mode": _("Choose in person or remote.")})
    if member is None:
        _required("name", name)
        _required("email", email)
    elif member.group_id != meeting.group_id:
        raise ValidationError({"member": _("This person is not a member of the group.")})
    registration, _created = Registration.objects.update_or_create(
        meeting=meeting,
        member=member,
        **({} if member else {"email": email.strip()}),
        defaults={
            "name": name.strip(),
            "email": email.strip() if not member else (email.strip() or member.email),
            "mode": mode,
            "dietary_notes": dietary_notes.strip(),
            "accessibility_notes": accessibility_notes.strip(),
        },
    )
    address = registration.email or (member.email if member else "")
    if address:
        body = _("You are registered for %(meeting)s (%(mode)s), %(dates)s.\n\n%(url)s") % {
            "meeting": meeting,
            "mode": registration.get_mode_display(),
            "dates": _dates(meeting),
            "url": site_url + meeting.get_absolute_url(),
        }
        # A failed confirmation must not undo the registration itself.
        send_mail(
            _("Registration confirmed: %(meeting)s") % {"meeting": meeting},
            body,
            settings.DEFAULT_FROM_EMAIL,
            [address],
            fail_silently=True,
        )
    return registration


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, present_member_ids: list[int], present_registration_ids: list[int] = ()
) -> list[Attendance]:
    """Replace the meeting's attendance list: who of the members and registered guests was there."""
    members = list(meeting.group.members.filter(pk__in=present_member_ids))
    if len(members) != len(set(present_member_ids)):
        raise ValidationError({"members": _("Some of these people are not members of the group.")})
    guests = list(
        meeting.registrations.filter(pk__in=present_registration_ids, member__isnull=True)
    )
    meeting.attendance.all().delete()
    rows = [
        Attendance(meeting=meeting, member=m, territory=m.territory, present=True) for m in members
    ]
    rows += [Attendance(meeting=meeting, registration=r, present=True) for r in guests]
    return Attendance.objects.bulk_create(rows)


@transaction.atomic
def minute_write(*, item: AgendaItem, text: str) -> Minute | None:
    """The item's minutes (plain text); an empty text removes them."""
    if not text.strip():
        Minute.objects.filter(item=item).delete()
        return None
    minute, _created = Minute.objects.update_or_create(item=item, defaults={"text": text.strip()})
    return minute


@transaction.atomic
def decision_add(*, meeting: Meeting, text: str, item: AgendaItem | None = None) -> Decision:
    _required("text", text)
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": _("This agenda item belongs to another meeting.")})
    return Decision.objects.create(meeting=meeting, item=item, text=text.strip())


@transaction.atomic
def action_add(
    *,
    meeting: Meeting,
    title: str,
    owner: GroupMember | None = None,
    territory: Any = None,
    due_date: datetime.date | None = None,
    is_example: bool = False,
) -> ActionItem:
    _required("title", title)
    if owner is not None and owner.group_id != meeting.group_id:
        raise ValidationError({"owner": _("The owner is not a member of this group.")})
    return ActionItem.objects.create(
        meeting=meeting,
        title=title.strip(),
        owner=owner,
        territory=territory or (owner.territory if owner else None),
        due_date=due_date,
        is_example=is_example,
    )


@transaction.atomic
def action_set_status(*, action: ActionItem, status: str) -> ActionItem:
    """Open, done (dated now) or dropped; only open actions carry over."""
    if status not in ActionItem.Status.values:
        raise ValidationError({"status": _("Choose open, done or dropped.")})
    action.status = status
    action.done_at = timezone.now() if status == ActionItem.Status.DONE else None
    action.save(update_fields=["status", "done_at"])
    return action


@transaction.atomic
def minutes_publish(*, meeting: Meeting, publish: bool = True) -> Meeting:
    """Publish (or withdraw) the minutes: published, everyone who sees the meeting reads them."""
    meeting.published_at = timezone.now() if publish else None
    meeting.save(update_fields=["published_at", "updated_at"])
    return meeting


def _dates(meeting: Meeting) -> str:
    if meeting.start == meeting.end:
        return meeting.start.isoformat()
    return f"{meeting.start.isoformat()} – {meeting.end.isoformat()}"


def _meeting_mail_body(meeting: Meeting, intro: str, site_url: str) -> str:
    place = ", ".join(p for p in (meeting.venue, meeting.city) if p)
    lines = [intro, "", str(meeting), _dates(meeting)]
    if place:
        lines.append(place)
    items = list(meeting.agenda_items.all())
    if items:
        lines += ["", _("Agenda")] + [f"{i.order}. {i.title}" for i in items]
    lines += ["", site_url + meeting.get_absolute_url()]
    lines += [site_url + meeting.get_absolute_url() + "meeting.ics"]
    return "\n".join(lines)


def meeting_invitations_send(*, meeting: Meeting, site_url: str = "") -> int:
    """E-mail the invitation to every current member of the group with an address; returns the count."""
    members = meeting.group.members.filter(left_on__isnull=True).exclude(email="")
    body = _meeting_mail_body(
        meeting, _("You are invited to the next meeting of the group."), site_url
    )
    subject = _("Invitation: %(meeting)s") % {"meeting": meeting}
    sent = 0
    for member in members:
        sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [member.email])
    return sent


def _reminder_recipients(meeting: Meeting) -> list[str]:
    """The registered people, or every current member when nobody has registered yet."""
    addresses = [
        r.email or (r.member.email if r.member else "")
        for r in meeting.registrations.select_related("member")
    ]
    if not any(addresses):
        members = meeting.group.members.filter(left_on__isnull=True).exclude(email="")
        addresses = [m.email for m in members]
    return sorted({a for a in addresses if a})


def meeting_reminder_send(*, meeting: Meeting, site_url: str = "") -> int:
    """E-mail a reminder of one meeting; returns how many were sent."""
    body = _meeting_mail_body(meeting, _("A reminder of the coming meeting."), site_url)
    subject = _("Reminder: %(meeting)s") % {"meeting": meeting}
    sent = 0
    for address in _reminder_recipients(meeting):
        sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    return sent


def meeting_reminders_send(
    *, days_before: int, today: datetime.date | None = None, site_url: str = ""
) -> int:
    """Reminders for every meeting (not cancelled) that starts ``days_before`` days from today."""
    if days_before < 0:
        raise ValidationError({"days_before": _("The number of days is zero or more.")})
    day = (today or timezone.localdate()) + datetime.timedelta(days=days_before)
    meetings = Meeting.objects.filter(start=day).exclude(status=Meeting.Status.CANCELLED)
    return sum(meeting_reminder_send(meeting=m, site_url=site_url) for m in meetings)


__all__ = [
    "action_add",
    "action_open_before",
    "action_set_status",
    "agenda_document_attach",
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_remove",
    "attendance_record",
    "decision_add",
    "meeting_create",
    "meeting_create_next",
    "meeting_examples_load",
    "meeting_invitations_send",
    "meeting_reminder_send",
    "meeting_reminders_send",
    "minute_write",
    "minutes_publish",
    "registration_create",
]


EXAMPLE_AGENDA = [
    ("Example item: welcome and adoption of the agenda", 15, "Example chair (Baden-Württemberg)"),
    ("Example item: tour de table of the territories' cluster news", 60, ""),
    ("Example item: peer review of a cluster programme", 90, "Example member (Catalonia)"),
    ("Example item: open actions and next meeting", 30, ""),
]


@transaction.atomic
def meeting_examples_load(*, group: WorkingGroup) -> list[Meeting]:
    """Give the group's latest past example meetings an example agenda, minutes and actions.

    Every record made here says "Example" in its text and belongs to an ``is_example`` meeting.
    When the group has no meeting at all, one example meeting of its own is created. The earlier
    meeting's action stays open, so it is carried over to the later meetings' agendas. Meetings
    that already have an agenda are left as they are (loading twice changes nothing).
    """
    today = timezone.localdate()
    if not group.meetings.exists():
        day = today - datetime.timedelta(days=60)
        meeting_create(
            group=group,
            start=day,
            end=day + datetime.timedelta(days=1),
            title="Example meeting (demonstration)",
            city="Example city",
            is_example=True,
        )
    past = list(group.meetings.filter(is_example=True, end__lt=today).order_by("-start")[:2])
    filled = []
    for position, meeting in enumerate(reversed(past)):
        if meeting.agenda_items.exists():
            continue
        items = [
            agenda_item_add(
                meeting=meeting, title=title, duration_minutes=minutes, presenter_name=presenter
            )
            for title, minutes, presenter in EXAMPLE_AGENDA
        ]
        minute_write(
            item=items[1],
            text="Example minutes: each territory reported on its clusters' recent activities.",
        )
        minute_write(
            item=items[2],
            text="Example minutes: the programme was presented and the peers asked questions.",
        )
        decision_add(
            meeting=meeting,
            item=items[2],
            text="Example decision: hold a further peer review at the next meeting.",
        )
        action_add(
            meeting=meeting,
            title=(
                "Example action: circulate a one-page summary of each territory's cluster programme"
                if position == 0
                else "Example action: propose a topic for the next peer review"
            ),
            territory=meeting.host_territory,
            due_date=meeting.end + datetime.timedelta(days=90),
            is_example=True,
        )
        Meeting.objects.filter(pk=meeting.pk).update(
            published_at=timezone.now(), status=Meeting.Status.HELD
        )
        filled.append(meeting)
    return filled
