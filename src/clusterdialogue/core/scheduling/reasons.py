"""The planner's reasons as data: a code and its parameters, and their English text.

The planner returns :class:`Reason` objects, never sentences, so each caller words them in its
own language: the command line writes :func:`reason_text` (English, the ``plan`` CSV contract),
the web pages and the API translate them (``dialogue/planning/reasons.py``). Parameters are
plain values: region codes, names, :class:`datetime.date` objects, integers and tuples of them.

=========================== ===========================================================
code                        params
=========================== ===========================================================
``host_never``              ``name``, ``territory``
``host_longest_ago``        ``name``, ``territory``, ``last_year``, ``years_ago``
``rotation``                ``counts``: ``((territory, meetings hosted), ...)``
``previous_host``           ``territory``
``associates_do_not_host``  ``territories``
``dates``                   ``per_year``, ``index`` (from 0), ``year``, ``point``, ``start``,
                            ``end``, ``days``, ``weekdays`` (0 = Monday)
``holidays_free``           ``calendars``: ``((territory, calendar label), ...)``;
                            ``avoided``: ``((day, holiday name, (territory, ...)), ...)``
``blocked_nearby``          ``periods``: ``((label, territory or None, start, end), ...)``
``no_blocked_nearby``       (none)
``unavailable_nearby``      ``periods``: ``((label, territory or None, start, end), ...)``
``no_unavailable_nearby``   (none)
``event_aligned``           ``name``, ``start``, ``end``, ``territory``
``event_not_aligned``       ``name``, ``start``, ``end``, ``territory``
=========================== ===========================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEASON_NAMES = {2: ("spring", "autumn")}


@dataclass(frozen=True)
class Reason:
    """One reason of a proposal: what it says (``code``) and about what (``params``).

    Examples
    --------
    >>> reason = Reason("previous_host", {"territory": "FRK"})
    >>> reason_text(reason)
    'FRK hosted the previous meeting'
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)


def day_text(day: dt.date) -> str:
    """``Tuesday 13 April 2027``."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """``13 April 2027``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _span(start: dt.date, end: dt.date) -> str:
    return short_date(start) if start == end else f"{short_date(start)} to {short_date(end)}"


def _slot_name(per_year: int, index: int, year: int) -> str:
    names = SEASON_NAMES.get(per_year)
    if names:
        return f"the {names[index]} meeting of {year}"
    if per_year == 1:
        return f"the meeting of {year}"
    return f"meeting {index + 1} of {per_year} in {year}"


def _host_longest_ago(p: Mapping[str, Any]) -> str:
    years = p["years_ago"]
    ago = "this year" if years == 0 else f"{years} year{'s' if years != 1 else ''} ago"
    return (
        f"{p['name']} ({p['territory']}) hosts: it last hosted in {p['last_year']} ({ago}), "
        "the longest ago of those with fewest meetings"
    )


def _dates(p: Mapping[str, Any]) -> str:
    days = p["days"]
    names = ", ".join(WEEKDAYS[weekday] for weekday in p["weekdays"])
    slot = _slot_name(p["per_year"], p["index"], p["year"])
    return (
        f"{slot.capitalize()}, around {short_date(p['point'])}: {_span(p['start'], p['end'])}, "
        f"{days} consecutive working day{'s' if days != 1 else ''} ({names}), no weekend"
    )


def _holidays_free(p: Mapping[str, Any]) -> str:
    calendars = ", ".join(f"{code} {label}" for code, label in p["calendars"])
    text = f"Free of every participating territory's public holidays ({calendars})"
    if p["avoided"]:
        avoided = "; ".join(
            f"{name} {short_date(day)} ({', '.join(codes)})" for day, name, codes in p["avoided"]
        )
        text += f"; avoided nearby: {avoided}"
    return text


def _blocked(p: Mapping[str, Any]) -> str:
    listed = ", ".join(
        f"{label or 'school holidays'} ({territory or 'all'}, {_span(start, end)})"
        for label, territory, start, end in p["periods"]
    )
    return f"Outside the school holidays and blocked periods nearby: {listed}"


def _unavailable(p: Mapping[str, Any]) -> str:
    listed = ", ".join(
        f"{label or territory} ({_span(start, end)})"
        for label, territory, start, end in p["periods"]
    )
    return f"Avoids members' stated unavailability: {listed}"


ENGLISH: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "host_never": lambda p: (
        f"{p['name']} ({p['territory']}) hosts: it has never hosted a meeting of the group"
    ),
    "host_longest_ago": _host_longest_ago,
    "rotation": lambda p: (
        "Fair rotation: meetings hosted so far "
        + ", ".join(f"{code} {count}" for code, count in p["counts"])
        + "; the fewest host first and nobody hosts twice in a row"
    ),
    "previous_host": lambda p: f"{p['territory']} hosted the previous meeting",
    "associates_do_not_host": lambda p: (
        f"Associates ({', '.join(p['territories'])}) take part but do not host "
        "(the setting 'include associates' lets them)"
    ),
    "dates": _dates,
    "holidays_free": _holidays_free,
    "blocked_nearby": _blocked,
    "no_blocked_nearby": lambda p: (
        "No school holidays or blocked periods are entered near these dates"
    ),
    "unavailable_nearby": _unavailable,
    "no_unavailable_nearby": lambda p: "No member has said they are unavailable near these dates",
    "event_aligned": lambda p: (
        f"Aligned with {p['name']} ({_span(p['start'], p['end'])}) in {p['territory']}"
    ),
    "event_not_aligned": lambda p: (
        f"Could not be aligned with {p['name']} ({_span(p['start'], p['end'])}): "
        "no free working days next to it"
    ),
}
REASON_CODES = frozenset(ENGLISH)


def reason_text(reason: Reason) -> str:
    """The reason in English, as the ``clusterdialogue dialogue plan`` CSV writes it.

    Examples
    --------
    >>> reason_text(Reason("host_longest_ago", {"name": "Lombardy", "territory": "ITC4",
    ...                                         "last_year": 2025, "years_ago": 1}))
    'Lombardy (ITC4) hosts: it last hosted in 2025 (1 year ago), the longest ago of those with fewest meetings'
    >>> reason_text(Reason("dates", {"per_year": 2, "index": 1, "year": 2027,
    ...     "point": dt.date(2027, 10, 15), "start": dt.date(2027, 10, 14),
    ...     "end": dt.date(2027, 10, 15), "days": 2, "weekdays": (3, 4)}))
    'The autumn meeting of 2027, around 15 October 2027: 14 October 2027 to 15 October 2027, 2 consecutive working days (Thursday, Friday), no weekend'
    """
    try:
        english = ENGLISH[reason.code]
    except KeyError:
        raise ValueError(f"reason code {reason.code!r} is not one of {sorted(ENGLISH)}") from None
    return english(reason.params)


def reason_params_plain(params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters with dates as ISO text and tuples as lists (for JSON).

    Examples
    --------
    >>> reason_params_plain({"start": dt.date(2027, 4, 15), "counts": (("DE1", 2),)})
    {'start': '2027-04-15', 'counts': [['DE1', 2]]}
    """

    def plain(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, (tuple, list)):
            return [plain(item) for item in value]
        return value

    return {key: plain(value) for key, value in params.items()}
