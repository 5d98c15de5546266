"""The organiser's report of an event: requests, acceptances, meetings, outcomes, by territory.

Figures, overall and per network territory of the participants' organisations (a meeting of
two territories counts for each of them once):

* **requested**: meeting requests made (every status, the organisers' own included);
* **accepted**: requests accepted and still standing (not cancelled since);
* **scheduled**: meetings given a slot and a table; **held** and **no-shows** as marked on the
  day (the live view, or an outcome recorded);
* **follow-ups**: meetings with an outcome other than "nothing" (follow-up planned, joint
  application, agreement);
* **cross-territory share**: of the scheduled meetings, the share whose two organisations lie in
  different territories (``clusters.selectors.organisation_territory``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from clusterdialogue.clusters.selectors import organisation_territory
from clusterdialogue.events.models import Event, MeetingOutcome, MeetingRequest, ScheduledMeeting

FIGURES = ("requested", "accepted", "scheduled", "held", "no_show", "follow_ups")


@dataclass
class ReportRow:
    """The figures of the event as a whole or of one territory."""

    label: str
    requested: int = 0
    accepted: int = 0
    scheduled: int = 0
    held: int = 0
    no_show: int = 0
    follow_ups: int = 0
    cross_territory: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def cross_territory_share(self) -> float | None:
        """Cross-territory meetings over scheduled ones (None without any meeting)."""
        return self.cross_territory / self.scheduled if self.scheduled else None

    @property
    def cross_territory_percent(self) -> str:
        share = self.cross_territory_share
        return "–" if share is None else f"{100 * share:.0f}%"


@dataclass
class EventReport:
    overall: ReportRow
    territories: list[ReportRow]
    outcome_kinds: list[tuple[str, str]]

    @property
    def overall_rows(self) -> list[ReportRow]:
        return [self.overall]

    @property
    def outcome_rows(self) -> list[tuple[str, int]]:
        """Each outcome kind with how many meetings had it."""
        return [(label, self.overall.outcomes.get(kind, 0)) for kind, label in self.outcome_kinds]


def event_report(*, event: Event) -> EventReport:
    """The report's figures, overall and by territory (the territories in name order)."""
    requests = list(
        MeetingRequest.objects.filter(event=event).select_related(
            "requester__organisation__region", "partner__organisation__region"
        )
    )
    territory_of: dict[int, str] = {}

    def territory(organisation) -> str:
        if organisation.pk not in territory_of:
            found = organisation_territory(organisation=organisation, network=event.network)
            territory_of[organisation.pk] = found.name if found else _("Outside the network")
        return territory_of[organisation.pk]

    meetings = {m.request_id: m for m in ScheduledMeeting.objects.filter(request__event=event)}
    outcomes = {
        o.meeting_id: o.kind for o in MeetingOutcome.objects.filter(meeting__request__event=event)
    }
    overall = ReportRow(_("All territories"))
    rows: dict[str, ReportRow] = {}
    for request in requests:
        sides = {territory(request.requester.organisation), territory(request.partner.organisation)}
        targets = [overall, *(rows.setdefault(t, ReportRow(t)) for t in sorted(sides))]
        meeting = meetings.get(request.pk)
        outcome = outcomes.get(meeting.pk) if meeting else None
        for row in targets:
            row.requested += 1
            row.accepted += request.status == MeetingRequest.Status.ACCEPTED
            if meeting is None:
                continue
            row.scheduled += 1
            row.held += meeting.status == ScheduledMeeting.Status.HELD
            row.no_show += meeting.status == ScheduledMeeting.Status.NO_SHOW
            row.cross_territory += len(sides) > 1
            if outcome:
                row.outcomes[outcome] = row.outcomes.get(outcome, 0) + 1
                row.follow_ups += outcome != MeetingOutcome.Kind.NOTHING
    return EventReport(
        overall=overall,
        territories=[rows[name] for name in sorted(rows, key=str.lower)],
        outcome_kinds=list(MeetingOutcome.Kind.choices),
    )


def report_table(report: EventReport) -> tuple[list[str], list[list]]:
    """The report as a header and rows (for the CSV): one row overall, then per territory."""
    kinds = report.outcome_kinds
    header = [
        _("Territory"), _("Requested"), _("Accepted"), _("Scheduled"), _("Held"),
        _("No-shows"), _("Follow-ups"), _("Cross-territory meetings"),
        _("Cross-territory share (%)"), *(str(label) for _kind, label in kinds),
    ]  # fmt: skip
    rows = []
    for row in [report.overall, *report.territories]:
        share = row.cross_territory_share
        rows.append(
            [
                row.label,
                row.requested,
                row.accepted,
                row.scheduled,
                row.held,
                row.no_show,
                row.follow_ups,
                row.cross_territory,
                "" if share is None else round(100 * share, 1),
                *(row.outcomes.get(kind, 0) for kind, _label in kinds),
            ]
        )
    return header, rows
