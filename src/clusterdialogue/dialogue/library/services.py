"""Writes of the library: instruments and cases (one transaction each), the index, the import."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from clusterdialogue.clusters.search.backends import search_backend
from clusterdialogue.clusters.search.base import SearchDocument
from clusterdialogue.clusters.search.text import normalise
from clusterdialogue.common.errors import ServiceError
from clusterdialogue.dialogue.library.selectors import LIBRARY_INDEX
from clusterdialogue.dialogue.models import InstrumentDocument, PolicyInstrument, PracticeCase
from clusterdialogue.regions.models import Territory

INSTRUMENT_FIELDS = (
    "territory", "name", "kind", "managing_body", "description", "budget_amount",
    "budget_currency", "start_year", "end_year", "target_groups", "results", "links",
    "language", "tags", "source", "is_example",
)  # fmt: skip
CASE_FIELDS = (
    "title", "territory", "kind", "summary", "instrument", "presented_at", "tags", "source",
    "is_example",
)  # fmt: skip
IMPORT_COLUMNS = (
    "territory", "name", "type", "managing_body", "description", "budget_amount",
    "budget_currency", "start_year", "end_year", "target_groups", "results", "links",
    "language", "tags", "source", "is_example",
)  # fmt: skip
REQUIRED_COLUMNS = ("territory", "name", "type")


def policy_instrument_documents(*, instrument_ids: list[int]) -> list[SearchDocument]:
    """Index rows: the name; descriptions, body, groups, results, tags and territory; cases."""
    cases: dict[int, list[str]] = {}
    for instrument_id, title, summary in PracticeCase.objects.filter(
        instrument_id__in=instrument_ids
    ).values_list("instrument_id", "title", "summary"):
        cases.setdefault(instrument_id, []).extend([title, summary])
    documents = []
    for i in PolicyInstrument.objects.filter(pk__in=instrument_ids).select_related("territory"):
        body = [
            i.description, i.managing_body, i.target_groups, i.results, *i.tags,
            i.territory.name, str(i.get_kind_display()),
        ]  # fmt: skip
        documents.append(
            SearchDocument(
                organisation_id=i.pk,
                name=normalise(i.name),
                body=normalise(" ".join(str(part) for part in body)),
                members=normalise(" ".join(cases.get(i.pk, []))),
            )
        )
    return documents


def policy_instrument_index_update(*, instrument_ids: Iterable[int] | None = None) -> int:
    """Bring the library's index rows up to date (every instrument if ``None``); idempotent."""
    backend = search_backend(index=LIBRARY_INDEX)
    if backend is None:
        return 0
    with transaction.atomic():
        if instrument_ids is None:
            backend.clear()
            ids = list(PolicyInstrument.objects.values_list("pk", flat=True))
        else:
            ids = sorted({int(pk) for pk in instrument_ids if pk is not None})
        documents = policy_instrument_documents(instrument_ids=ids)
        backend.replace(organisation_ids=ids, documents=documents)
    return len(documents)


def _check_instrument(instrument: PolicyInstrument) -> None:
    if not instrument.is_example and not instrument.source.strip():
        raise ServiceError("source: name the public source of a real instrument")
    if (
        instrument.start_year
        and instrument.end_year
        and instrument.end_year < instrument.start_year
    ):
        raise ServiceError("end_year: the last year comes before the first year")
    validate = URLValidator()
    for link in instrument.links:
        try:
            validate(link)
        except ValidationError as error:
            raise ServiceError(f"links: {link!r} is not a web address") from error


@transaction.atomic
def policy_instrument_save(
    *, instrument: PolicyInstrument | None = None, **values: Any
) -> PolicyInstrument:
    """Create an instrument (``instrument`` None) or update it with ``values``."""
    unknown = set(values) - set(INSTRUMENT_FIELDS)
    if unknown:
        raise ServiceError(f"unknown fields: {', '.join(sorted(unknown))}")
    instrument = instrument or PolicyInstrument()
    for name, value in values.items():
        setattr(instrument, name, value)
    _check_instrument(instrument)
    instrument.save()
    policy_instrument_index_update(instrument_ids=[instrument.pk])
    return instrument


@transaction.atomic
def practice_case_save(*, case: PracticeCase | None = None, **values: Any) -> PracticeCase:
    """Create a case (``case`` None) or update it; the instruments it names are re-indexed."""
    unknown = set(values) - set(CASE_FIELDS)
    if unknown:
        raise ServiceError(f"unknown fields: {', '.join(sorted(unknown))}")
    case = case or PracticeCase()
    before = case.instrument_id
    for name, value in values.items():
        setattr(case, name, value)
    if not case.is_example and not case.source.strip() and case.presented_at_id is None:
        raise ServiceError("source: name the source, or the meeting where it was presented")
    case.save()
    policy_instrument_index_update(instrument_ids=[before, case.instrument_id])
    return case


MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@transaction.atomic
def instrument_document_add(
    *, instrument: PolicyInstrument, title: str, file: Any
) -> InstrumentDocument:
    """Attach a file (its rules, an evaluation, a leaflet) to an instrument."""
    if not title.strip():
        raise ServiceError("title: give the document a title")
    if file is None:
        raise ServiceError("file: choose a file")
    if file.size > MAX_DOCUMENT_BYTES:
        raise ServiceError(f"file: larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
    return InstrumentDocument.objects.create(instrument=instrument, title=title.strip(), file=file)


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int

    @property
    def summary(self) -> str:
        return f"{self.created} instruments created, {self.updated} updated"


def _row_values(line: int, row: dict[str, str], territories: dict[str, Territory]) -> dict:
    def fail(field: str, message: str) -> ServiceError:
        return ServiceError(f"line {line}, field {field}: {message}")

    cell = {key: (row.get(key) or "").strip() for key in IMPORT_COLUMNS}
    for name in REQUIRED_COLUMNS:
        if not cell[name]:
            raise fail(name, "required")
    territory = territories.get(cell["territory"].upper())
    if territory is None:
        raise fail("territory", f"no territory with the region code {cell['territory']!r}")
    if cell["type"] not in PolicyInstrument.Kind.values:
        raise fail(
            "type", f"{cell['type']!r} is not one of {', '.join(PolicyInstrument.Kind.values)}"
        )
    values: dict[str, Any] = {"territory": territory, "kind": cell["type"]}
    for name in ("name", "managing_body", "description", "target_groups", "results",
                 "language", "source"):  # fmt: skip
        values[name] = cell[name]
    values["budget_currency"] = (cell["budget_currency"] or "EUR").upper()
    try:
        values["budget_amount"] = Decimal(cell["budget_amount"]) if cell["budget_amount"] else None
    except InvalidOperation as error:
        raise fail("budget_amount", f"{cell['budget_amount']!r} is not a number") from error
    for name in ("start_year", "end_year"):
        if cell[name] and not (cell[name].isdigit() and 1900 <= int(cell[name]) <= 2100):
            raise fail(name, f"{cell[name]!r} is not a year")
        values[name] = int(cell[name]) if cell[name] else None
    values["links"] = cell["links"].split()
    values["tags"] = [t.strip() for t in cell["tags"].split(";") if t.strip()]
    flag = cell["is_example"].lower()
    if flag not in ("", "yes", "no", "true", "false", "1", "0"):
        raise fail("is_example", f"{cell['is_example']!r} is not yes or no")
    values["is_example"] = flag in ("yes", "true", "1")
    return values


@transaction.atomic
def policy_instruments_import(*, source: Path | str) -> ImportReport:
    """Import instruments from a CSV file (columns in the README); all rows or none.

    An instrument with the same territory and name is updated, any other is created. The
    first bad row or field raises :class:`ServiceError` naming its line and field, and the
    transaction rolls every row back.
    """
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ServiceError(f"{path}: cannot read the file ({error})") from error
    reader = csv.DictReader(io.StringIO(text))
    missing = [name for name in REQUIRED_COLUMNS if name not in (reader.fieldnames or [])]
    if missing:
        raise ServiceError(f"{path}: missing columns: {', '.join(missing)}")
    territories: dict[str, Territory] = {}
    ambiguous: set[str] = set()
    for territory in Territory.objects.select_related("region"):
        code = territory.region.code.upper()
        if code in territories:
            ambiguous.add(code)
        territories[code] = territory
    for code in ambiguous:
        territories.pop(code)
    created = updated = 0
    for line, row in enumerate(reader, start=2):
        values = _row_values(line, row, territories)
        existing = PolicyInstrument.objects.filter(
            territory=values["territory"], name=values["name"]
        ).first()
        try:
            policy_instrument_save(instrument=existing, **values)
        except ServiceError as error:
            raise ServiceError(f"line {line}, field {error}") from error
        if existing:
            updated += 1
        else:
            created += 1
    if not created and not updated:
        raise ServiceError(f"{path}: no rows")
    return ImportReport(created=created, updated=updated)


# Only examples: no public source of a real instrument can be checked offline here, so nothing
# in the demo may look like a territory's real programme.
_DEMO_INSTRUMENTS = (
    ("cluster_programme", "Example instrument: cluster excellence programme",
     ["cluster management", "excellence"]),
    ("internationalisation", "Example instrument: cluster internationalisation support",
     ["internationalisation", "Elektromobilität"]),
    ("funding_call", "Example instrument: call for cross-regional cluster projects",
     ["electromobility", "cross-regional"]),
)  # fmt: skip


@transaction.atomic
def library_demo_load(*, network: Any) -> list[PolicyInstrument]:
    """Example instruments for the demo network's first territories, and two example cases."""
    from clusterdialogue.dialogue.models import Meeting

    territories = list(network.territories.select_related("region").order_by("name"))
    created = []
    for territory, (kind, name, tags) in zip(territories, _DEMO_INSTRUMENTS, strict=False):
        instrument, _ = PolicyInstrument.objects.get_or_create(
            territory=territory,
            name=name,
            defaults={
                "kind": kind,
                "managing_body": f"Example regional agency ({territory.name})",
                "description": "Example data for the demonstration, not a real instrument.",
                "start_year": 2021,
                "end_year": 2027,
                "target_groups": "Example cluster organisations and their members",
                "language": "en",
                "tags": tags,
                "is_example": True,
            },
        )
        created.append(instrument)
    meeting = Meeting.objects.filter(group__network=network, status=Meeting.Status.HELD).first()
    for instrument, kind in zip(created[:2], PracticeCase.Kind.values, strict=False):
        PracticeCase.objects.get_or_create(
            title=f"Example case: {instrument.name.split(': ', 1)[-1]}",
            defaults={
                "territory": instrument.territory,
                "kind": kind,
                "summary": "Example data for the demonstration, not a real experience.",
                "instrument": instrument,
                "presented_at": meeting,
                "is_example": True,
            },
        )
    policy_instrument_index_update(instrument_ids=[i.pk for i in created])
    return created
