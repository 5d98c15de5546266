"""Writes of the calls area: importing funding calls, starting a joint application from a proposal.

The file layout is the core reader's (:mod:`clusterdialogue.core.io.calls`). An import is
idempotent: a call with an ``id`` updates the stored call with the same reference; one without
updates the call with the same programme and title. A bad file raises
:class:`~clusterdialogue.core.io.errors.DataFileError` (file, line, field) before anything is
written, so stored calls stay exactly as they were.

**Starting a joint application** from a consortium proposal (the builder's one write): only
those who may act for the lead start it (``calls.start_collaboration``: a manager of the lead
cluster, its territory's representative, or the secretariat). The members are checked against
the call's rules again (the proposal comes back from the browser), then the pipeline's
``collaboration_create`` stores it at the stage "identified" with its dated log.
"""

from __future__ import annotations

import io
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import cluster_list_public
from clusterdialogue.collaboration.calls.selectors import funding_call_as_core, organisation_country
from clusterdialogue.collaboration.models import Collaboration, FundingCall
from clusterdialogue.collaboration.pipeline.services import collaboration_create
from clusterdialogue.common.errors import ServiceError
from clusterdialogue.common.permissions import can
from clusterdialogue.core.consortium import EligibilityRules
from clusterdialogue.core.io.calls import Call, read_calls
from clusterdialogue.core.io.errors import DataFileError

#: The example calls ``clusterdialogue data load`` imports (flagged as examples).
EXAMPLE_CALLS_FILE = Path(__file__).resolve().parent.parent / "data" / "example_calls.csv"


# Stored lengths (FundingCall's max_length): longer values are reported, never cut.
_MAX_LENGTHS = {"id": 120, "programme": 200, "title": 400, "url": 500}


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


def _check_members(call: FundingCall, lead: ClusterOrganisation, partners: list) -> None:
    """The call's rules, checked on the members chosen (ServiceError naming what is wrong)."""
    rules = EligibilityRules.from_call(funding_call_as_core(call=call))
    countries = {}
    for member in (lead, *partners):
        country = organisation_country(organisation=member)
        if country is None or not rules.is_eligible(country):
            raise ServiceError(
                f"{member.name} ({country or 'unknown country'}) is not from a country the "
                f"call accepts; build the consortium again on the call's consortium page."
            )
        countries[member.pk] = country
    size, high = 1 + len(partners), rules.max_partners
    if size < rules.min_partners or (high is not None and size > high):
        raise ServiceError(
            f"A consortium of {size} members does not meet the call's rules (from "
            f"{rules.min_partners} to {high or 'any number of'} members, the lead included)."
        )
    if len(set(countries.values())) < rules.min_countries:
        raise ServiceError(
            f"The members come from {len(set(countries.values()))} countries; the call needs "
            f"{rules.min_countries}."
        )


def collaboration_start_from_proposal(
    *,
    user: Any,
    call: FundingCall,
    lead: ClusterOrganisation,
    partner_slugs: Collection[str],
    title: str = "",
) -> Collaboration:
    """Start a joint application (stage "identified") with the lead and partners of a proposal.

    Only a user who may act for the lead (its manager, its territory's representative, the
    secretariat) may start it: ``PermissionDenied`` otherwise. The partners must be public
    profiles and meet the call's rules (``ServiceError`` otherwise). A collaboration on an
    example call is an example too.
    """
    if not can(user, "calls.start_collaboration", lead):
        raise PermissionDenied(
            f"Only a manager of {lead.name}, its territory's representative or the secretariat "
            "may start a collaboration it leads."
        )
    slugs = sorted(set(partner_slugs) - {lead.slug})
    partners = list(cluster_list_public().filter(slug__in=slugs))
    missing = sorted(set(slugs) - {p.slug for p in partners})
    if missing:
        raise ServiceError(f"No public cluster profile has the slug(s) {', '.join(missing)}.")
    if not partners:
        raise ServiceError("Choose at least one partner besides the lead.")
    _check_members(call, lead, partners)
    # The pipeline's service stores it (stage "identified", dated log) with its own checks.
    try:
        return collaboration_create(
            user=user,
            title=(title.strip() or f"{call.title} – consortium led by {lead.name}")[:300],
            kind=Collaboration.Kind.JOINT_APPLICATION,
            partners=[lead, *partners],
            started_on=timezone.localdate(),
            lead=lead,
            note="Started from a proposal of the consortium builder.",
            call=call,
            description=f"Consortium for the call “{call}”, started from the consortium builder.",
            is_example=call.is_example,
        )
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages)) from None
