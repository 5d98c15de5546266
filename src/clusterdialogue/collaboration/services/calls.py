"""Funding calls: import from CSV/JSON, list by status, and the clusters that match a call.

The file layout is the core reader's (:mod:`clusterdialogue.core.io.calls`). An import is
idempotent: a call with an ``id`` updates the stored call with the same reference; one without
updates the call with the same programme and title. A bad file raises
:class:`~clusterdialogue.core.io.errors.DataFileError` (file, line, field) before anything is
written, so stored calls stay exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import cluster_list_public
from clusterdialogue.collaboration.models import FundingCall
from clusterdialogue.collaboration.services.engine import directory_index
from clusterdialogue.core.io.calls import Call, call_topic_text, read_calls
from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.core.matching import MatchSettings

#: The example calls ``clusterdialogue data load`` imports (flagged as examples).
EXAMPLE_CALLS_FILE = Path(__file__).resolve().parent.parent / "data" / "example_calls.csv"

#: A call has no offers or needs, so complementarity is always 0 for it: ranking by shared
#: themes only (w = 1) puts a call's scores on the same 0–1 scale as a pair of clusters.
#: Clusters of every territory are proposed (a call is nobody's territory).
CALL_MATCH_SETTINGS = MatchSettings(cross_territory=False, similarity_weight=1.0)
#: The territory code given to a call's profile: no cluster shares it.
CALL_REGION = "call"

# Stored lengths (FundingCall's max_length): longer values are reported, never cut.
_MAX_LENGTHS = {"id": 120, "programme": 200, "title": 400, "url": 500}


class CallStatus:
    """Where a call stands on a given day, from its opening and deadline."""

    FORTHCOMING = "forthcoming"
    OPEN = "open"
    CLOSED = "closed"
    CHOICES = ((FORTHCOMING, "Forthcoming"), (OPEN, "Open"), (CLOSED, "Closed"))


@dataclass
class CallImportRow:
    """What the import did with one call of the file."""

    line: int | None
    action: str  # "create", "update" or "unchanged"
    reference: str
    programme: str
    title: str
    call_id: int


@dataclass
class CallImportReport:
    """The outcome of one import, row by row."""

    file: str
    is_example: bool
    rows: list[CallImportRow] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def summary(self) -> str:
        kind = ("example call" if self.is_example else "call") + (
            "" if len(self.rows) == 1 else "s"
        )
        return (
            f"{self.file}: {len(self.rows)} {kind} read; {self.count('create')} created, "
            f"{self.count('update')} updated, {self.count('unchanged')} unchanged"
        )

    def __str__(self) -> str:
        return self.summary


def funding_call_status(*, call: FundingCall, today: dt.date | None = None) -> str:
    """``forthcoming`` before the opening, ``open`` until the deadline (included), ``closed``."""
    today = today or timezone.localdate()
    if today < call.opening:
        return CallStatus.FORTHCOMING
    return CallStatus.OPEN if today <= call.deadline else CallStatus.CLOSED


def funding_call_status_q(*, status: str, today: dt.date | None = None) -> Q:
    """A filter for the calls with ``status`` on ``today`` (same rule as ``funding_call_status``)."""
    today = today or timezone.localdate()
    if status == CallStatus.FORTHCOMING:
        return Q(opening__gt=today)
    if status == CallStatus.OPEN:
        return Q(opening__lte=today, deadline__gte=today)
    if status == CallStatus.CLOSED:
        return Q(deadline__lt=today)
    raise ValueError(f"unknown call status {status!r}; use forthcoming, open or closed")


def funding_call_list() -> QuerySet[FundingCall]:
    """All calls, the nearest deadline first (open and closed; filter with the status Q)."""
    return FundingCall.objects.order_by("deadline", "title")


def funding_call_programmes() -> list[str]:
    """The programmes of the stored calls, for the list's filter."""
    return sorted(set(FundingCall.objects.values_list("programme", flat=True)))


def funding_call_as_core(*, call: FundingCall) -> Call:
    """The stored call as the core's :class:`Call` (for the rules and the topic text)."""
    return Call(
        programme=call.programme,
        title=call.title,
        topic=call.topic,
        opening=call.opening,
        deadline=call.deadline,
        min_partners=call.min_partners,
        min_countries=call.min_countries,
        eligible_countries=tuple(call.eligible_countries or ()),
        max_partners=call.max_partners,
        id=call.reference or None,
        url=call.url or None,
    )


def funding_call_profile(*, call: FundingCall) -> dict[str, object]:
    """The call's topic as a new profile for the matching engine (not added to the index)."""
    return {
        "id": f"call-{call.pk}",
        "name": call.title,
        "region": CALL_REGION,
        "text": call_topic_text(funding_call_as_core(call=call)),
    }


def funding_call_scores(
    *, call: FundingCall, top: int | None = None, reasons: bool = False
) -> dict[str, tuple[float, str]]:
    """The indexed clusters' scores for the call's topic, best first: slug → (score, reasons).

    All clusters sharing something with the topic, or the ``top`` best; ``reasons`` (plain
    words) only when asked, as they cost more than the scores.
    """
    index = directory_index().index
    if index.profiles.empty:
        return {}
    table = index.recommend_for(
        funding_call_profile(call=call),
        settings=CALL_MATCH_SETTINGS,
        top=top or len(index.row),
        reasons=reasons,
    )
    return {
        row.partner_id: (float(row.score), row.reasons) for row in table.itertuples(index=False)
    }


def funding_call_matches(*, call: FundingCall, top: int = 10) -> list[dict]:
    """The public clusters that best match the call's topic, best first.

    Each item: ``{organisation, rank, score, reasons}``.
    """
    visible = cluster_list_public()
    # Enough rows that the best ``top`` public ones are among them after hiding the others.
    hidden = ClusterOrganisation.objects.count() - visible.count()
    scores = funding_call_scores(call=call, top=top + hidden, reasons=True)
    partners = visible.filter(slug__in=list(scores))
    ranked = sorted(partners, key=lambda o: (-scores[o.slug][0], o.name))[:top]
    return [
        {"organisation": o, "rank": rank, "score": scores[o.slug][0], "reasons": scores[o.slug][1]}
        for rank, o in enumerate(ranked, start=1)
    ]


def _check_stored_limits(calls: list[Call], fname: str) -> None:
    """Report values too long to store, and calls without id that repeat a programme+title."""
    seen: dict[tuple[str, str], int | None] = {}
    for call in calls:
        for name, limit in _MAX_LENGTHS.items():
            value = getattr(call, name) or ""
            if len(value) > limit:
                raise DataFileError(
                    fname,
                    f"{name} has {len(value)} characters; at most {limit} can be stored, "
                    "shorten it",
                    line=call.line,
                    field=name,
                )
        if call.id is None:
            key = (call.programme.casefold(), call.title.casefold())
            if key in seen:
                raise DataFileError(
                    fname,
                    f"the call {call.title!r} of {call.programme} was already on line "
                    f"{seen[key]}; give each call an id, or remove the repeated row",
                    line=call.line,
                    field="title",
                )
            seen[key] = call.line


def _stored_values(call: Call, *, source: str, is_example: bool) -> dict[str, object]:
    return {
        "reference": call.id or "",
        "programme": call.programme,
        "title": call.title,
        "topic": call.topic,
        "opening": call.opening,
        "deadline": call.deadline,
        "min_partners": call.min_partners,
        "min_countries": call.min_countries,
        "max_partners": call.max_partners,
        "eligible_countries": list(call.eligible_countries),
        "url": call.url or "",
        "source": source,
        "is_example": is_example,
    }


def _existing(call: Call) -> FundingCall | None:
    if call.id is not None:
        return FundingCall.objects.filter(reference=call.id).first()
    return FundingCall.objects.filter(
        reference="", programme__iexact=call.programme, title__iexact=call.title
    ).first()


def funding_calls_import(
    *, source: str | Path | BinaryIO | bytes, name: str | None = None, is_example: bool = False
) -> CallImportReport:
    """Create or update the calls of a CSV or JSON file (layout: :mod:`core.io.calls`).

    ``is_example`` flags the calls as examples for demonstration (shown with a badge). Raises
    ``DataFileError`` naming the file, line and field when any part of the file is invalid;
    then nothing is written.
    """
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    calls = read_calls(source, name=name)
    fname = name or str(getattr(source, "name", source))
    _check_stored_limits(calls, fname)
    label = Path(fname).name[:300]
    report = CallImportReport(file=label, is_example=is_example)
    with transaction.atomic():
        for call in calls:
            values = _stored_values(call, source=label, is_example=is_example)
            stored = _existing(call)
            if stored is None:
                stored, action = FundingCall.objects.create(**values), "create"
            elif all(getattr(stored, k) == v for k, v in values.items()):
                action = "unchanged"
            else:
                for key, value in values.items():
                    setattr(stored, key, value)
                stored.save()
                action = "update"
            report.rows.append(
                CallImportRow(
                    call.line, action, call.id or "", call.programme, call.title, stored.pk
                )
            )
    return report


def funding_calls_load_examples() -> CallImportReport:
    """Import the shipped example calls (flagged ``is_example``), for ``make run``'s demo."""
    return funding_calls_import(source=EXAMPLE_CALLS_FILE, is_example=True)
