"""Writes of the meeting planner: the plan for a group, confirming or overriding a proposal, and
the periods and events the planner reads."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from clusterdialogue.core.scheduling import PlanningError, Proposal, meetings_plan, reason_text
from clusterdialogue.dialogue.models import (
    BlockedPeriod,
    GroupMember,
    HostCity,
    HostEvent,
    Meeting,
    WorkingGroup,
)
from clusterdialogue.dialogue.planning.selectors import (
    events_for_group,
    meeting_history_for_group,
    periods_for_group,
    territory_specs_for_group,
)
from clusterdialogue.regions.models import Territory


def meetings_plan_for_group(
    *,
    group: WorkingGroup,
    start: dt.date,
    meetings: int,
    per_year: int = 2,
    days: int = 2,
    include_associates: bool = False,
) -> list[Proposal]:
    """Propose the group's next meetings from its territories, history, periods and events.

    Raises :class:`~clusterdialogue.core.scheduling.PlanningError` (a ``ValueError`` naming the
    argument) when the input cannot be planned, e.g. a network without territories.
    """
    blocked, unavailable = periods_for_group(group=group)
    return meetings_plan(
        territories=territory_specs_for_group(group=group),
        start=start,
        meetings=meetings,
        per_year=per_year,
        days=days,
        include_associates=include_associates,
        history=meeting_history_for_group(group=group),
        blocked=blocked,
        unavailable=unavailable,
        events=events_for_group(group=group),
    )


def _check_dates(start: dt.date | None, end: dt.date | None) -> None:
    if start is None:
        raise ValidationError({"start": _("Give the first day.")})
    if end is None:
        raise ValidationError({"end": _("Give the last day.")})
    if end < start:
        raise ValidationError({"end": _("The last day comes before the first day.")})


@transaction.atomic
def meeting_confirm_from_plan(
    *,
    group: WorkingGroup,
    proposal: Proposal,
    host_territory: Territory | None = None,
    city: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    override_reason: str = "",
) -> Meeting:
    """Store a proposed meeting as confirmed, as proposed or overridden.

    Without changes the meeting takes the proposal's host, city and days. Another host, city or
    dates is an override: ``override_reason`` is then required and stored with the meeting, next
    to the planner's reasons, so the history says who decided what.
    """
    proposed_territory = group.network.territories.select_related("region").get(
        region__code=proposal.territory
    )
    host_territory = host_territory or proposed_territory
    if host_territory.network_id != group.network_id:
        raise ValidationError({"host_territory": _("Choose a territory of the group's network.")})
    city = (city if city is not None else proposal.city).strip()
    start = start or proposal.start
    end = end or proposal.end
    _check_dates(start, end)
    overridden = (host_territory.pk, city, start, end) != (
        proposed_territory.pk,
        proposal.city,
        proposal.start,
        proposal.end,
    )
    override_reason = override_reason.strip()
    if overridden and not override_reason:
        raise ValidationError(
            {"override_reason": _("Say why you choose another host, city or dates than proposed.")}
        )
    if not overridden:
        override_reason = ""
    host_city = HostCity.objects.filter(territory=host_territory, name=city).first()
    previous = group.meetings.filter(start__lt=start).exclude(status=Meeting.Status.CANCELLED)
    number = (group.meetings.aggregate(top=Max("number"))["top"] or 0) + 1
    return Meeting.objects.create(
        group=group,
        number=number,
        title=f"{group.name} {number} – {city or host_territory.name} {start.year}",
        host_territory=host_territory,
        city=city,
        timezone=host_city.timezone if host_city else "Europe/Brussels",
        start=start,
        end=end,
        status=Meeting.Status.CONFIRMED,
        previous=previous.order_by("-start").first(),
        # The record keeps the planner's reasons in English, one a line (as the CLI writes them).
        plan_reasons="\n".join(reason_text(reason) for reason in proposal.reasons),
        override_reason=override_reason,
        is_public=group.is_public,
    )


@transaction.atomic
def blocked_period_create(
    *,
    group: WorkingGroup,
    kind: str,
    start: dt.date | None,
    end: dt.date | None,
    territory: Territory | None = None,
    member: GroupMember | None = None,
    note: str = "",
) -> BlockedPeriod:
    """Enter school holidays (per territory) or a member's unavailability for the planner."""
    if kind not in BlockedPeriod.Kind.values:
        raise ValidationError({"kind": _("Choose school holidays or unavailability.")})
    _check_dates(start, end)
    if territory is not None and territory.network_id != group.network_id:
        raise ValidationError({"territory": _("Choose a territory of the group's network.")})
    if kind == BlockedPeriod.Kind.UNAVAILABLE:
        if member is None:
            raise ValidationError({"member": _("Choose who is unavailable.")})
        if member.group_id != group.pk:
            raise ValidationError({"member": _("Choose a member of this group.")})
        territory = territory or member.territory
    elif territory is None:
        raise ValidationError(
            {"territory": _("Choose the territory whose school holidays these are.")}
        )
    return BlockedPeriod.objects.create(
        group=group, kind=kind, territory=territory, member=member, start=start, end=end,
        note=note.strip(),
    )  # fmt: skip


@transaction.atomic
def blocked_period_delete(*, period: BlockedPeriod) -> None:
    period.delete()


@transaction.atomic
def host_event_create(
    *,
    group: WorkingGroup,
    territory: Territory | None,
    name: str,
    start: dt.date | None,
    end: dt.date | None,
    city: str = "",
    url: str = "",
    is_example: bool = False,
) -> HostEvent:
    """Enter an exhibition or event in a territory of the group's network."""
    if territory is None or territory.network_id != group.network_id:
        raise ValidationError({"territory": _("Choose a territory of the group's network.")})
    if not name.strip():
        raise ValidationError({"name": _("Give the event's name.")})
    _check_dates(start, end)
    return HostEvent.objects.create(
        territory=territory, name=name.strip(), city=city.strip(), start=start, end=end, url=url,
        is_example=is_example,
    )  # fmt: skip


@transaction.atomic
def host_event_delete(*, event: HostEvent) -> None:
    event.delete()


__all__ = [
    "PlanningError",
    "blocked_period_create",
    "blocked_period_delete",
    "host_event_create",
    "host_event_delete",
    "meeting_confirm_from_plan",
    "meetings_plan_for_group",
]
