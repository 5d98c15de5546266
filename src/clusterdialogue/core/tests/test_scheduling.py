"""Tests of the meeting planner: fair rotation, holiday-free dates, reasons."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdialogue.core.scheduling import (
    HolidayCalendar,
    HostEvent,
    PastMeeting,
    Period,
    PlanningError,
    TerritorySpec,
    calendar_for_region,
    holidays_between,
    meetings_plan,
    reason_text,
)


def _texts(proposal) -> list[str]:
    """The proposal's reasons in English, as the command line writes them."""
    return [reason_text(reason) for reason in proposal.reasons]


FOUR_MOTORS = [
    TerritorySpec("FRK", "Auvergne-Rhône-Alpes", "Lyon"),
    TerritorySpec("DE1", "Baden-Württemberg", "Stuttgart"),
    TerritorySpec("ES51", "Catalonia", "Barcelona"),
    TerritorySpec("ITC4", "Lombardy", "Milan"),
    TerritorySpec("BE2", "Flanders", "Brussels", associate=True),
    TerritorySpec("UKL", "Wales", "Cardiff", associate=True),
]
# The package's calendars, asked independently of the planner's own table.
PACKAGE_CALENDARS = {
    "FRK": holidays.country_holidays("FR", years=range(2026, 2052)),
    "DE1": holidays.country_holidays("DE", subdiv="BW", years=range(2026, 2052)),
    "ES51": holidays.country_holidays("ES", subdiv="CT", years=range(2026, 2052)),
    "ITC4": holidays.country_holidays("IT", subdiv="MI", years=range(2026, 2052)),
    "BE2": holidays.country_holidays("BE", years=range(2026, 2052)),
    "UKL": holidays.country_holidays("GB", subdiv="WLS", years=range(2026, 2052)),
}


def meeting_days(proposal):
    return [
        proposal.start + dt.timedelta(days=i)
        for i in range((proposal.end - proposal.start).days + 1)
    ]


def test_regional_days_are_in_the_calendars():
    assert calendar_for_region("DE1") == HolidayCalendar("DE", "BW")
    catalonia = holidays_between(
        calendar_for_region("ES51"), dt.date(2027, 9, 1), dt.date(2027, 9, 30)
    )
    assert dt.date(2027, 9, 11) in catalonia
    milan = holidays_between(
        calendar_for_region("ITC4"), dt.date(2027, 12, 1), dt.date(2027, 12, 10)
    )
    assert dt.date(2027, 12, 7) in milan  # Sant'Ambrogio
    flanders = holidays_between(
        calendar_for_region("BE2"), dt.date(2030, 7, 1), dt.date(2030, 7, 31)
    )
    assert flanders[dt.date(2030, 7, 11)] == "Day of the Flemish Community"
    baden = holidays_between(calendar_for_region("DE1"), dt.date(2027, 1, 1), dt.date(2027, 1, 31))
    assert dt.date(2027, 1, 6) in baden  # Epiphany, a Baden-Württemberg day


@pytest.mark.parametrize("per_year", [1, 2, 3])
@pytest.mark.parametrize("include_associates", [False, True])
def test_rotation_is_fair_over_twenty_years(per_year, include_associates):
    plan = meetings_plan(
        territories=FOUR_MOTORS,
        start=dt.date(2027, 1, 1),
        meetings=20 * per_year,
        per_year=per_year,
        include_associates=include_associates,
    )
    hosts = [p.territory for p in plan]
    eligible = {t.code for t in FOUR_MOTORS if include_associates or not t.associate}
    counts = Counter(hosts)
    assert set(counts) == eligible
    assert max(counts.values()) - min(counts.values()) <= 1
    assert all(a != b for a, b in itertools.pairwise(hosts))
    years = Counter(p.start.year for p in plan)
    assert set(years.values()) == {per_year}  # per_year meetings each year, 20 years
    assert all(plan[i].end < plan[i + 1].start for i in range(len(plan) - 1))


def test_rotation_follows_the_history():
    history = [
        PastMeeting("FRK", dt.date(2024, 4, 10), dt.date(2024, 4, 11)),
        PastMeeting("DE1", dt.date(2024, 10, 10), dt.date(2024, 10, 11)),
        PastMeeting("ES51", dt.date(2025, 4, 10), dt.date(2025, 4, 11)),
        PastMeeting("ITC4", dt.date(2025, 10, 9), dt.date(2025, 10, 10)),
        PastMeeting("FRK", dt.date(2026, 4, 9), dt.date(2026, 4, 10)),
    ]
    plan = meetings_plan(
        territories=FOUR_MOTORS, start=dt.date(2026, 6, 1), meetings=3, history=history
    )
    assert [p.territory for p in plan] == ["DE1", "ES51", "ITC4"]
    assert plan[0].start.year == 2026 and plan[0].start.month in (9, 10, 11)
    assert "last hosted in 2024 (2 years ago)" in _texts(plan[0])[0]
    assert "FRK hosted the previous meeting" in _texts(plan[0])


@pytest.mark.parametrize("days", [1, 2, 3, 5])
def test_every_day_is_free_of_every_territorys_holidays_and_weekends(days):
    plan = meetings_plan(
        territories=FOUR_MOTORS, start=dt.date(2027, 1, 1), meetings=40, per_year=4, days=days
    )
    for proposal in plan:
        assert len(meeting_days(proposal)) == days
        for day in meeting_days(proposal):
            assert day.weekday() < 5, proposal
            for code, calendar in PACKAGE_CALENDARS.items():
                assert day not in calendar, (proposal, code, calendar.get(day))
            assert day != dt.date(day.year, 7, 11)


def test_flanders_day_is_never_a_meeting_day():
    # Mid-July meetings, a working week long, for twenty years: 11 July falls in such a week
    # most years, and the planner must move away from it because Flanders takes part.
    territories = [
        TerritorySpec("BE2", "Flanders", "Brussels"),
        TerritorySpec("DE1", "Baden-Württemberg", "Stuttgart"),
    ]
    plan = meetings_plan(
        territories=territories, start=dt.date(2027, 1, 1), meetings=240, per_year=12, days=5
    )
    july = [p for p in plan if p.start.month == 7 or p.end.month == 7]
    assert july
    for proposal in plan:
        assert all(day.month != 7 or day.day != 11 for day in meeting_days(proposal))
    names = " ".join(" ".join(_texts(p)) for p in july)
    assert "Day of the Flemish Community" in names


def test_blocked_periods_and_unavailability_are_avoided_and_named():
    blocked = [
        Period("DE1", dt.date(2027, 3, 29), dt.date(2027, 4, 9), "Example Easter school holidays")
    ]
    unavailable = [
        Period("ES51", dt.date(2027, 4, 12), dt.date(2027, 4, 16), "Example member (Catalonia)")
    ]
    plan = meetings_plan(
        territories=FOUR_MOTORS, start=dt.date(2027, 1, 1), meetings=1,
        blocked=blocked, unavailable=unavailable,
    )  # fmt: skip
    days = meeting_days(plan[0])
    for period in (*blocked, *unavailable):
        assert not any(period.start <= day <= period.end for day in days)
    text = " ".join(_texts(plan[0]))
    assert "Example Easter school holidays" in text and "Example member (Catalonia)" in text


def test_meeting_is_aligned_with_an_event_in_the_host_territory():
    event = HostEvent("FRK", dt.date(2027, 5, 11), dt.date(2027, 5, 13), "Example fair")
    plan = meetings_plan(
        territories=FOUR_MOTORS, start=dt.date(2027, 1, 1), meetings=1, events=[event]
    )
    assert plan[0].territory == "FRK"
    assert abs((plan[0].start - event.start).days) <= 7
    assert any(reason.startswith("Aligned with Example fair") for reason in _texts(plan[0]))


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"meetings": 0}, "meetings"),
        ({"per_year": 0}, "per_year"),
        ({"days": 6}, "days"),
        ({"territories": []}, "territories"),
        ({"territories": [TerritorySpec("BE2", "Flanders", associate=True)]}, "territories"),
    ],
)
def test_bad_input_names_the_argument(arguments, field):
    options = {"territories": FOUR_MOTORS, "start": dt.date(2027, 1, 1), "meetings": 2, **arguments}
    with pytest.raises(PlanningError, match=f"^{field}:"):
        meetings_plan(**options)


@settings(max_examples=25, deadline=None)
@given(
    start=st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2040, 12, 31)),
    per_year=st.integers(min_value=1, max_value=4),
    days=st.integers(min_value=1, max_value=4),
    size=st.integers(min_value=2, max_value=6),
    include_associates=st.booleans(),
    away=st.lists(
        st.tuples(st.integers(min_value=0, max_value=3000), st.integers(min_value=0, max_value=20)),
        max_size=6,
    ),
)
def test_plan_properties(start, per_year, days, size, include_associates, away):
    territories = FOUR_MOTORS[:size]
    unavailable = [
        Period(
            territories[i % size].code,
            start + dt.timedelta(days=offset),
            start + dt.timedelta(days=offset + length),
        )
        for i, (offset, length) in enumerate(away)
    ]
    plan = meetings_plan(
        territories=territories, start=start, meetings=8, per_year=per_year, days=days,
        include_associates=include_associates, unavailable=unavailable,
    )  # fmt: skip
    hosts = [p.territory for p in plan]
    eligible = [t.code for t in territories if include_associates or not t.associate]
    assert set(hosts) <= set(eligible)
    if len(eligible) > 1:
        assert all(a != b for a, b in itertools.pairwise(hosts))
    counts = Counter(hosts)
    assert max(counts.values()) - min(counts.get(code, 0) for code in eligible) <= 1
    for proposal in plan:
        assert proposal.start >= start
        for day in meeting_days(proposal):
            assert day.weekday() < 5
            assert not any(p.start <= day <= p.end for p in unavailable)
            for territory in territories:
                assert day not in PACKAGE_CALENDARS[territory.code]
