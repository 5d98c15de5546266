"""Read EU funding calls (Horizon Europe, Interreg Europe, Euroclusters, ...) from CSV or JSON.

A network keeps the calls it follows in one file; the platform matches them to clusters by
topic and proposes consortia that meet their eligibility rules.

Fields
------
Each call has these fields (CSV columns or JSON keys; names are case-insensitive, and no other
name is allowed, so that a misspelt one is not silently ignored):

* ``id`` (optional): the call's identifier, e.g. ``HORIZON-CL4-2025-01-TWIN-TRANSITION-03``.
  Unique within the file when given.
* ``programme``: e.g. ``Horizon Europe``, ``Interreg Europe``, ``Single Market Programme``.
* ``title``: the call's title. Not empty.
* ``topic``: the text describing the topic (used to match the call to clusters). May be empty.
* ``opening``, ``deadline``: dates written ``YYYY-MM-DD``; the deadline is not before the opening.
* ``min_partners``: the smallest consortium allowed, the lead included; a whole number ≥ 1.
* ``min_countries``: the fewest distinct countries allowed; a whole number from 1 to
  ``min_partners`` (each country needs a partner).
* ``eligible_countries`` (optional): the countries partners may come from, two-letter codes
  separated by ``;`` (``DE;FR;IT``). ISO 3166-1 and Eurostat forms are both accepted (``GR``
  or ``EL``, ``GB`` or ``UK``) and stored in Eurostat form. ``EU27`` stands for the 27 member
  states. Empty means any country.
* ``max_partners`` (optional): the largest consortium allowed, ≥ ``min_partners``. Empty means
  no maximum.
* ``url`` (optional): the call's page, starting with ``http://`` or ``https://``.

CSV: UTF-8 (a byte-order mark is allowed), comma-separated, a header row, one call per row;
quote cells that contain commas (topic texts often do). JSON: a list of objects, or an object
``{"calls": [...]}``; numbers may be JSON numbers or strings, ``eligible_countries`` a list or a
``;``-separated string. The format is taken from the extension (``.csv``, ``.json``), else from
the content (JSON starts with ``[`` or ``{``). Files may be gzip-compressed.

Example (CSV)::

    id,programme,title,topic,opening,deadline,min_partners,min_countries,eligible_countries
    IE-5,Interreg Europe,Fifth call,"Regional innovation, SMEs",2025-03-01,2025-06-05,3,3,EU27;NO;CH

Errors name the file, the line (header = line 1; in JSON the line where the call starts) and
the field, and say how to fix the problem. Nothing is returned unless the whole file is valid.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from clusterdialogue.core.countries import parse_countries
from clusterdialogue.core.io._common import decode_text, read_bytes, read_csv_records, source_name
from clusterdialogue.core.io.errors import DataFileError

__all__ = ["CALL_FIELDS", "CALL_REQUIRED", "Call", "call_topic_text", "read_calls"]

#: Fields every call must have.
CALL_REQUIRED = (
    "programme",
    "title",
    "topic",
    "opening",
    "deadline",
    "min_partners",
    "min_countries",
)
#: All fields a call may have.
CALL_FIELDS = ("id", *CALL_REQUIRED, "eligible_countries", "max_partners", "url")

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INT_RE = re.compile(r"[+-]?\d+")


@dataclass(frozen=True)
class Call:
    """One funding call; see the module documentation for the meaning of each field.

    ``eligible_countries`` holds Eurostat codes, sorted; empty means any country. ``line`` is
    where the call was read (for messages of later checks); it is not part of equality.
    """

    programme: str
    title: str
    topic: str
    opening: dt.date
    deadline: dt.date
    min_partners: int
    min_countries: int
    eligible_countries: tuple[str, ...] = ()
    max_partners: int | None = None
    id: str | None = None
    url: str | None = None
    line: int | None = field(default=None, compare=False)


def call_topic_text(call: Call) -> str:
    """Return the text to match a call to clusters by topic: programme, title and topic.

    >>> c = Call("Interreg Europe", "Green call", "Circular economy.", dt.date(2025, 1, 1),
    ...          dt.date(2025, 5, 1), 3, 3)
    >>> call_topic_text(c)
    'Green call. Circular economy. Interreg Europe'
    """
    parts = (call.title.strip().rstrip("."), call.topic.strip().rstrip("."), call.programme)
    return ". ".join(p for p in parts if p)


def read_calls(source: str | Path | BinaryIO, *, name: str | None = None) -> list[Call]:
    """Read funding calls from a CSV or JSON file (see the module documentation).

    Parameters
    ----------
    source : str, Path or binary file object
        The file, plain or gzip-compressed.
    name : str, optional
        The name used in error messages; defaults to the path or the stream's ``name``.

    Returns
    -------
    list of Call
        In file order.

    Raises
    ------
    DataFileError
        Naming the file, line and field: for unreadable CSV or JSON, an unknown or missing
        field, an empty programme or title, a bad date, a deadline before the opening, a number
        that is not a whole number ≥ 1, ``min_countries`` above ``min_partners``,
        ``max_partners`` below ``min_partners``, fewer eligible countries than
        ``min_countries``, an unknown country code, a bad URL or a repeated id.

    Examples
    --------
    >>> import io
    >>> text = (
    ...     "programme,title,topic,opening,deadline,min_partners,min_countries,eligible_countries\\n"
    ...     "Interreg Europe,Fifth call,SMEs,2025-03-01,2025-06-05,3,3,DE;GR;GB;FR\\n"
    ... )
    >>> [call] = read_calls(io.BytesIO(text.encode()), name="calls.csv")
    >>> call.eligible_countries, call.deadline
    (('DE', 'EL', 'FR', 'UK'), datetime.date(2025, 6, 5))
    """
    fname = source_name(source, name)
    text = decode_text(read_bytes(source, fname), fname)
    if not text.strip():
        raise DataFileError(
            fname,
            "the file is empty; it needs a header and one row per call (CSV) or a list of "
            "calls (JSON)",
        )
    suffixes = [s.lower() for s in Path(fname).suffixes]
    if ".json" in suffixes or (".csv" not in suffixes and text.lstrip()[:1] in "[{"):
        records = _json_records(text, fname)
    else:
        records = _csv_records(text, fname)
    calls = [_parse_call(values, fname, line, label) for values, line, label in records]
    seen: dict[str, int | None] = {}
    for call in calls:
        if call.id is not None:
            if call.id in seen:
                raise DataFileError(
                    fname,
                    f"the id {call.id!r} was already used on line {seen[call.id]}; "
                    "each call needs its own id (or leave it empty)",
                    line=call.line,
                    field="id",
                )
            seen[call.id] = call.line
    return calls


# A record: its values by lower-case field name, its line, and how to name it in messages.
_Record = tuple[dict[str, object], int, str]


def _check_names(names: list[str], fname: str, line: int, label: str) -> None:
    unknown = [n for n in names if n not in CALL_FIELDS]
    if unknown:
        hint = " (the CSV separator must be a comma)" if ";" in unknown[0] else ""
        raise DataFileError(
            fname,
            f"{label}unknown field {unknown[0]!r}{hint}; the allowed fields are "
            f"{', '.join(CALL_FIELDS)}",
            line=line,
            field=unknown[0],
        )
    missing = [n for n in CALL_REQUIRED if n not in names]
    if missing:
        raise DataFileError(
            fname,
            f"{label}missing field(s) {', '.join(missing)}; every call needs "
            f"{', '.join(CALL_REQUIRED)}",
            line=line,
            field=missing[0],
        )


def _csv_records(text: str, fname: str) -> list[_Record]:
    header, rows, lines = read_csv_records(text, fname)
    header = [h.lower() for h in header]
    _check_names(header, fname, 1, "")
    return [
        (dict(zip(header, row, strict=True)), line, "")
        for row, line in zip(rows, lines, strict=True)
    ]


def _json_records(text: str, fname: str) -> list[_Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(
            fname, f"the JSON cannot be parsed ({exc.msg}, column {exc.colno})", line=exc.lineno
        ) from exc
    if isinstance(data, dict) and list(data) == ["calls"] and isinstance(data["calls"], list):
        items = data["calls"]
    elif isinstance(data, list):
        items = data
    else:
        raise DataFileError(
            fname, 'the JSON must be a list of calls, or an object {"calls": [...]}', line=1
        )
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    offsets = _item_offsets(text)
    records: list[_Record] = []
    for number, (item, offset) in enumerate(zip(items, offsets, strict=True), start=1):
        line = bisect_right(newlines, offset - 1) + 1
        label = f"call {number}: "
        if not isinstance(item, dict):
            raise DataFileError(fname, f"{label}each call must be an object {{...}}", line=line)
        values = {str(k).lower(): v for k, v in item.items()}
        _check_names(list(values), fname, line, label)
        records.append((values, line, label))
    return records


def _item_offsets(text: str) -> list[int]:
    """Offsets where the calls start in valid JSON text (to report line numbers)."""
    decoder = json.JSONDecoder()

    def skip(pos: int) -> int:
        while pos < len(text) and text[pos] in " \t\n\r":
            pos += 1
        return pos

    pos = skip(0)
    if text[pos] == "{":  # {"calls": [...]}: move to the list
        pos = skip(decoder.raw_decode(text, skip(pos + 1))[1])  # the key
        pos = skip(pos + 1)  # past ':'
    pos = skip(pos + 1)  # past '['
    offsets: list[int] = []
    while text[pos] != "]":
        offsets.append(pos)
        pos = skip(decoder.raw_decode(text, pos)[1])
        if text[pos] == ",":
            pos = skip(pos + 1)
    return offsets


def _parse_call(values: dict[str, object], fname: str, line: int, label: str) -> Call:
    def fail(name: str, message: str) -> DataFileError:
        return DataFileError(fname, label + message, line=line, field=name)

    def text(name: str) -> str:
        value = values.get(name)
        if value is None:
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise fail(name, f"{name} must be text")
        return str(value).strip()

    def required(name: str) -> str:
        value = text(name)
        if not value:
            raise fail(name, f"{name} is empty; every call needs a {name}")
        return value

    def date(name: str) -> dt.date:
        value = required(name)
        try:
            if not _DATE_RE.fullmatch(value):
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            raise fail(name, f"{name} {value!r} is not a date; write it YYYY-MM-DD") from None

    def whole(name: str, *, needed: bool) -> int | None:
        value = values.get(name)
        if isinstance(value, bool) or not isinstance(value, str | int | None):
            raise fail(name, f"{name} {value!r} must be a whole number of 1 or more")
        cell = "" if value is None else str(value).strip()
        if not cell:
            if needed:
                raise fail(name, f"{name} is empty; every call needs a {name}")
            return None
        if not _INT_RE.fullmatch(cell) or int(cell) < 1:
            raise fail(name, f"{name} {cell!r} must be a whole number of 1 or more")
        return int(cell)

    programme, title, topic = required("programme"), required("title"), text("topic")
    opening, deadline = date("opening"), date("deadline")
    if deadline < opening:
        raise fail("deadline", f"the deadline {deadline} is before the opening {opening}")
    min_partners = whole("min_partners", needed=True) or 1
    min_countries = whole("min_countries", needed=True) or 1
    max_partners = whole("max_partners", needed=False)
    if min_countries > min_partners:
        raise fail(
            "min_countries",
            f"min_countries ({min_countries}) is more than min_partners ({min_partners}), but "
            "each country needs a partner; check the two columns are not swapped",
        )
    if max_partners is not None and max_partners < min_partners:
        raise fail(
            "max_partners",
            f"max_partners ({max_partners}) is less than min_partners ({min_partners}); "
            "leave it empty if there is no maximum",
        )
    try:
        eligible = parse_countries(values.get("eligible_countries"))
    except ValueError as exc:
        raise fail("eligible_countries", str(exc)) from None
    if eligible and len(eligible) < min_countries:
        raise fail(
            "eligible_countries",
            f"only {len(eligible)} eligible countries are listed but min_countries is "
            f"{min_countries}; no consortium could qualify",
        )
    url = text("url") or None
    if url is not None and not url.lower().startswith(("http://", "https://")):
        raise fail("url", f"url {url!r} must start with http:// or https://")
    return Call(
        programme=programme,
        title=title,
        topic=topic,
        opening=opening,
        deadline=deadline,
        min_partners=min_partners,
        min_countries=min_countries,
        eligible_countries=eligible,
        max_partners=max_partners,
        id=text("id") or None,
        url=url,
        line=line,
    )
