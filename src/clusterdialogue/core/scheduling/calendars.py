"""Public holiday calendars of the territories, regional days included.

The ``holidays`` package knows most regional days (Catalonia's 11 September in ``ES-CT``,
Milan's Sant'Ambrogio on 7 December in ``IT-MI``, Baden-Württemberg's Epiphany and Corpus
Christi in ``DE-BW``, Wales' bank holidays in ``GB-WLS``); :data:`REGIONAL_DAYS` adds the ones
it lacks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays

# Regional days the holidays package does not carry, by (country, subdivision).
REGIONAL_DAYS: dict[tuple[str, str], tuple[tuple[int, int, str], ...]] = {
    # 11 July, the Day of the Flemish Community: the Flemish Community's official holiday (its
    # feast day, a day off in the Flemish public services). The package's Belgian calendar has
    # only the national days.
    ("BE", "VLG"): ((7, 11, "Day of the Flemish Community"),),
}

# The calendar of each NUTS territory the planner has seen; other codes fall back to the
# country's national calendar (from the code's first two letters).
REGION_CALENDARS: dict[str, tuple[str, str | None]] = {
    "DE1": ("DE", "BW"),  # Baden-Württemberg
    "ES51": ("ES", "CT"),  # Catalonia
    "FRK": ("FR", None),  # Auvergne-Rhône-Alpes keeps France's national days
    "ITC4": ("IT", "MI"),  # Lombardy, meetings in Milan (Sant'Ambrogio, 7 December)
    "BE2": ("BE", "VLG"),  # Flanders
    "UKL": ("GB", "WLS"),  # Wales
}
# NUTS country codes that differ from ISO 3166.
NUTS_TO_ISO = {"UK": "GB", "EL": "GR"}


@dataclass(frozen=True)
class HolidayCalendar:
    """A country's public holidays, with a subdivision's regional ones (ISO 3166 codes)."""

    country: str
    subdivision: str | None = None

    def label(self) -> str:
        return f"{self.country}-{self.subdivision}" if self.subdivision else self.country


def calendar_for_region(code: str) -> HolidayCalendar:
    """The holiday calendar of a NUTS region code.

    Examples
    --------
    >>> calendar_for_region("ES51").label()
    'ES-CT'
    >>> calendar_for_region("UKM").label()
    'GB'
    """
    if code in REGION_CALENDARS:
        return HolidayCalendar(*REGION_CALENDARS[code])
    country = code[:2].upper()
    return HolidayCalendar(NUTS_TO_ISO.get(country, country))


@lru_cache(maxsize=256)
def _year(calendar: HolidayCalendar, year: int) -> dict[dt.date, str]:
    supported = holidays.list_supported_countries()
    if calendar.country not in supported:
        days: dict[dt.date, str] = {}
    else:
        subdivision = calendar.subdivision
        if subdivision not in supported[calendar.country]:
            subdivision = None  # a subdivision the package lacks: national days plus REGIONAL_DAYS
        days = dict(holidays.country_holidays(calendar.country, subdiv=subdivision, years=year))
    for month, day, name in REGIONAL_DAYS.get((calendar.country, calendar.subdivision or ""), ()):
        days.setdefault(dt.date(year, month, day), name)
    return days


def holidays_between(calendar: HolidayCalendar, start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """The calendar's public holidays from ``start`` to ``end`` (both included), with names.

    Examples
    --------
    >>> flanders = HolidayCalendar("BE", "VLG")
    >>> holidays_between(flanders, dt.date(2027, 7, 1), dt.date(2027, 7, 31))
    {datetime.date(2027, 7, 11): 'Day of the Flemish Community', datetime.date(2027, 7, 21): 'National Day'}
    """
    found: dict[dt.date, str] = {}
    for year in range(start.year, end.year + 1):
        for day, name in _year(calendar, year).items():
            if start <= day <= end:
                found[day] = name
    return dict(sorted(found.items()))
