"""The planner's reasons in the reader's language (gettext), for the pages, the API and the CSV
downloaded from the page.

The core planner returns :class:`~clusterdialogue.core.scheduling.Reason` objects (a code and
its parameters); :func:`reason_display` words one in the active language. The English msgids
are the core's English (:func:`~clusterdialogue.core.scheduling.reason_text`), which the command
line keeps writing whatever the language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusterdialogue.core.scheduling import Reason


def _day(day: dt.date) -> str:
    return formats.date_format(day, "j F Y")


def _span(start: dt.date, end: dt.date) -> str:
    if start == end:
        return _day(start)
    return _("%(start)s to %(end)s") % {"start": _day(start), "end": _day(end)}


def _weekday(weekday: int) -> str:
    # 2024-01-01 was a Monday: its week gives each weekday's name in the active language.
    return formats.date_format(dt.date(2024, 1, 1) + dt.timedelta(days=weekday), "l")


def _listed(items: Iterable[str]) -> str:
    return ", ".join(items)


def _slot(per_year: int, index: int, year: int) -> str:
    if per_year == 2:
        if index == 0:
            return _("The spring meeting of %(year)s") % {"year": year}
        return _("The autumn meeting of %(year)s") % {"year": year}
    if per_year == 1:
        return _("The meeting of %(year)s") % {"year": year}
    return _("Meeting %(number)s of %(per_year)s in %(year)s") % {
        "number": index + 1, "per_year": per_year, "year": year,
    }  # fmt: skip


def _host_longest_ago(p: Mapping[str, Any]) -> str:
    years = p["years_ago"]
    ago = (
        _("this year")
        if years == 0
        else ngettext("%(years)d year ago", "%(years)d years ago", years) % {"years": years}
    )
    return _(
        "%(name)s (%(territory)s) hosts: it last hosted in %(last_year)s (%(ago)s), the longest "
        "ago of those with fewest meetings"
    ) % {"name": p["name"], "territory": p["territory"], "last_year": p["last_year"], "ago": ago}


def _dates(p: Mapping[str, Any]) -> str:
    return ngettext(
        "%(slot)s, around %(point)s: %(span)s, %(days)d consecutive working day (%(weekdays)s), "
        "no weekend",
        "%(slot)s, around %(point)s: %(span)s, %(days)d consecutive working days (%(weekdays)s), "
        "no weekend",
        p["days"],
    ) % {
        "slot": _slot(p["per_year"], p["index"], p["year"]),
        "point": _day(p["point"]),
        "span": _span(p["start"], p["end"]),
        "days": p["days"],
        "weekdays": _listed(_weekday(day) for day in p["weekdays"]),
    }


def _holidays_free(p: Mapping[str, Any]) -> str:
    calendars = _listed(f"{code} {label}" for code, label in p["calendars"])
    if not p["avoided"]:
        return _("Free of every participating territory's public holidays (%(calendars)s)") % {
            "calendars": calendars
        }
    # Holiday names are the holidays package's, as it gives them.
    avoided = "; ".join(
        f"{name} {_day(day)} ({_listed(codes)})" for day, name, codes in p["avoided"]
    )
    return _(
        "Free of every participating territory's public holidays (%(calendars)s); avoided "
        "nearby: %(avoided)s"
    ) % {"calendars": calendars, "avoided": avoided}


def _blocked(p: Mapping[str, Any]) -> str:
    default_label, everyone = _("school holidays"), _("all")
    listed = _listed(
        f"{label or default_label} ({territory or everyone}, {_span(start, end)})"
        for label, territory, start, end in p["periods"]
    )
    return _("Outside the school holidays and blocked periods nearby: %(periods)s") % {
        "periods": listed
    }


def _unavailable(p: Mapping[str, Any]) -> str:
    listed = _listed(
        f"{label or territory} ({_span(start, end)})"
        for label, territory, start, end in p["periods"]
    )
    return _("Avoids members' stated unavailability: %(periods)s") % {"periods": listed}


def _event(aligned: bool) -> Callable[[Mapping[str, Any]], str]:
    def word(p: Mapping[str, Any]) -> str:
        values = {"name": p["name"], "span": _span(p["start"], p["end"])}
        if aligned:
            return _("Aligned with %(name)s (%(span)s) in %(territory)s") % {
                **values, "territory": p["territory"],
            }  # fmt: skip
        return (
            _("Could not be aligned with %(name)s (%(span)s): no free working days next to it")
            % values
        )

    return word


WORDING: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "host_never": lambda p: (
        _("%(name)s (%(territory)s) hosts: it has never hosted a meeting of the group")
        % {"name": p["name"], "territory": p["territory"]}
    ),
    "host_longest_ago": _host_longest_ago,
    "rotation": lambda p: (
        _(
            "Fair rotation: meetings hosted so far %(counts)s; the fewest host first and nobody hosts "
            "twice in a row"
        )
        % {"counts": _listed(f"{code} {count}" for code, count in p["counts"])}
    ),
    "previous_host": lambda p: (
        _("%(territory)s hosted the previous meeting") % {"territory": p["territory"]}
    ),
    "associates_do_not_host": lambda p: (
        _(
            "Associates (%(territories)s) take part but do not host (the setting 'include "
            "associates' lets them)"
        )
        % {"territories": _listed(p["territories"])}
    ),
    "dates": _dates,
    "holidays_free": _holidays_free,
    "blocked_nearby": _blocked,
    "no_blocked_nearby": lambda p: _(
        "No school holidays or blocked periods are entered near these dates"
    ),
    "unavailable_nearby": _unavailable,
    "no_unavailable_nearby": lambda p: _(
        "No member has said they are unavailable near these dates"
    ),
    "event_aligned": _event(True),
    "event_not_aligned": _event(False),
}


def reason_display(reason: Reason) -> str:
    """The reason in the active language."""
    return WORDING[reason.code](reason.params)


def reasons_display(reasons: Iterable[Reason]) -> list[str]:
    return [reason_display(reason) for reason in reasons]
