"""Tests of the B2B scheduler: feasibility, optimality against brute force, bounds, rescheduling."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterdialogue.core.b2b import (
    MUST,
    NICE,
    MeetingRequest,
    Placement,
    ScheduleError,
    Slot,
    meetings_schedule,
)
from clusterdialogue.testing.b2b import (
    brute_force_best,
    generated_event,
    schedule_violations,
    slot_series,
)

T0 = dt.datetime(2027, 3, 1, 9, 0)


def _req(rid: str, a: str, b: str, priority: int = NICE) -> MeetingRequest:
    return MeetingRequest(rid, a, b, priority)


def _solve(slots, requests, unavailable, tables, **options):
    result = meetings_schedule(
        slots=slots, requests=requests, unavailable=unavailable, tables=tables, **options
    )
    violations = schedule_violations(
        slots=slots,
        requests=requests,
        unavailable=unavailable,
        tables=tables,
        placements=result.placements,
        pinned=options.get("pinned"),
    )
    assert violations == []
    assert result.scheduled <= result.upper_bound
    return result


@st.composite
def small_events(draw):
    n_people = draw(st.integers(2, 5))
    people = [f"p{i}" for i in range(n_people)]
    overlapping = draw(st.booleans())
    n_slots = draw(st.integers(1, 3))
    if overlapping:
        starts = draw(st.lists(st.integers(0, 90), min_size=n_slots, max_size=n_slots))
        slots = [
            Slot(f"s{i}", T0 + dt.timedelta(minutes=m), T0 + dt.timedelta(minutes=m + 45))
            for i, m in enumerate(starts)
        ]
    else:
        slots = slot_series(n_slots)
    pairs = [(a, b) for i, a in enumerate(people) for b in people[i + 1 :]]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=6))
    requests = [
        _req(f"r{i}", a, b, draw(st.sampled_from([MUST, NICE]))) for i, (a, b) in enumerate(chosen)
    ]
    unavailable = {
        p: draw(st.lists(st.sampled_from([s.id for s in slots]), unique=True, max_size=n_slots))
        for p in people
    }
    tables = draw(st.integers(1, 3))
    return slots, requests, unavailable, tables


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_events())
def test_exact_schedule_is_feasible_and_optimal_against_brute_force(event):
    slots, requests, unavailable, tables = event
    best = brute_force_best(slots=slots, requests=requests, unavailable=unavailable, tables=tables)
    result = _solve(slots, requests, unavailable, tables, method="exact", workers=1, time_limit=10)
    assert (result.must_scheduled, result.scheduled) == best
    assert result.optimal
    assert result.upper_bound == result.scheduled


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_events())
def test_heuristic_is_feasible_and_its_bound_is_never_below_the_optimum(event):
    slots, requests, unavailable, tables = event
    best = brute_force_best(slots=slots, requests=requests, unavailable=unavailable, tables=tables)
    result = _solve(slots, requests, unavailable, tables, method="heuristic")
    assert (result.must_scheduled, result.scheduled) <= best
    assert result.upper_bound >= best[1]
    if result.optimal:
        assert (result.must_scheduled, result.scheduled) == best


def test_must_meeting_wins_the_only_slot_over_two_nice_ones():
    slots = slot_series(1)
    requests = [_req("n1", "a", "b"), _req("n2", "c", "d"), _req("m", "a", "c", MUST)]
    result = _solve(slots, requests, {p: [] for p in "abcd"}, tables=5, method="heuristic")
    assert set(result.placements) == {"m"}
    assert result.summary() == (
        "scheduled 1 of 3 requests (must 1 of 1); upper bound 2; gap 50.00%"
    )


@pytest.mark.parametrize("method", ["heuristic", "exact"])
def test_nobody_meets_in_overlapping_slots_and_tables_are_not_shared(method):
    slots = [
        Slot("morning", T0, T0 + dt.timedelta(hours=1)),
        Slot("late-morning", T0 + dt.timedelta(minutes=30), T0 + dt.timedelta(hours=1, minutes=30)),
    ]
    requests = [_req("r1", "a", "b"), _req("r2", "a", "c"), _req("r3", "d", "e")]
    result = _solve(slots, requests, {p: [] for p in "abcde"}, tables=1, method=method)
    assert result.scheduled == 1
    assert result.upper_bound == 1


def test_unavailability_and_tables_are_respected_on_a_generated_event():
    slots, unavailable, requests = generated_event(
        participants=120, requests=600, slots=8, seed=3, popularity="skewed"
    )
    result = _solve(slots, requests, unavailable, tables=25, method="heuristic")
    assert {p.table for p in result.placements.values()} <= set(range(1, 26))
    assert result.scheduled >= 0.9 * result.upper_bound


@pytest.mark.parametrize("seed", [1, 2])
def test_exact_improves_on_or_equals_the_heuristic(seed):
    slots, unavailable, requests = generated_event(
        participants=40, requests=160, slots=6, seed=seed, unavailable_share=0.3
    )
    heuristic = _solve(slots, requests, unavailable, tables=10, method="heuristic")
    exact = _solve(slots, requests, unavailable, tables=10, method="exact", time_limit=20)
    score = lambda r: (r.must_scheduled, r.scheduled)  # noqa: E731
    assert score(exact) >= score(heuristic)
    assert exact.upper_bound <= heuristic.upper_bound or exact.optimal


def test_pinned_meetings_stay_and_conflicting_pins_are_refused():
    slots = slot_series(3)
    requests = [_req("r1", "a", "b"), _req("r2", "a", "c")]
    people = {p: [] for p in "abc"}
    result = _solve(slots, requests, people, tables=1, pinned={"r1": "s3"})
    assert result.placements["r1"].slot == "s3"
    with pytest.raises(ScheduleError, match="pinned meeting 'r2'"):
        meetings_schedule(
            slots=slots,
            requests=requests,
            unavailable=people,
            tables=1,
            pinned={"r1": "s2", "r2": "s2"},
        )
    with pytest.raises(ScheduleError, match="unavailable"):
        meetings_schedule(
            slots=slots,
            requests=requests,
            unavailable={"a": ["s1"], "b": [], "c": []},
            tables=1,
            pinned={"r1": "s1"},
        )


@pytest.mark.parametrize(
    ("requests", "unavailable", "message"),
    [
        ([_req("r1", "a", "zz")], {"a": []}, "unknown participant 'zz'"),
        ([_req("r1", "a", "a")], {"a": []}, "with themselves"),
        ([_req("r1", "a", "b", 3)], {"a": [], "b": []}, "priority 3"),
        ([_req("r1", "a", "b"), _req("r1", "a", "b")], {"a": [], "b": []}, "listed twice"),
        ([_req("r1", "a", "b")], {"a": ["nope"], "b": []}, "unknown slot 'nope'"),
    ],
)
def test_bad_problems_are_refused_with_the_reason(requests, unavailable, message):
    with pytest.raises(ScheduleError, match=message):
        meetings_schedule(
            slots=slot_series(2), requests=requests, unavailable=unavailable, tables=1
        )


class TestRescheduling:
    slots, unavailable, requests = generated_event(
        participants=30, requests=80, slots=6, seed=11, unavailable_share=0.0
    )

    def _first(self):
        unavailable, requests = self.unavailable, self.requests
        first = _solve(self.slots, requests, unavailable, tables=8, method="heuristic")
        return unavailable, requests, first

    def test_a_cancellation_moves_nothing(self):
        unavailable, requests, first = self._first()
        cancelled = next(iter(first.placements))
        remaining = [r for r in requests if r.id != cancelled]
        again = _solve(
            self.slots,
            remaining,
            unavailable,
            tables=8,
            previous=first.placements,
            method="heuristic",
        )
        assert again.moved == ()
        assert again.dropped == (cancelled,)
        for rid, place in first.placements.items():
            if rid != cancelled:
                assert again.placements[rid] == place

    def test_new_unavailability_moves_only_the_meetings_it_touches(self):
        unavailable, requests, first = self._first()
        rid, place = next(iter(first.placements.items()))
        person = next(r.a for r in requests if r.id == rid)
        changed = {**unavailable, person: [place.slot]}
        again = _solve(
            self.slots,
            requests,
            changed,
            tables=8,
            previous=first.placements,
            method="exact",
            time_limit=10,
        )
        touched = {
            r.id
            for r in requests
            if person in (r.a, r.b)
            and first.placements.get(r.id, Placement("", 0)).slot == place.slot
        }
        assert set(again.moved) | set(again.dropped) == touched
        assert len(again.kept) == len(first.placements) - len(touched)

    def test_a_new_request_fills_around_the_kept_meetings(self):
        unavailable, requests, first = self._first()
        extra = [*requests, _req("late", "p1", "p30", MUST)]
        again = _solve(
            self.slots,
            extra,
            unavailable,
            tables=8,
            previous=first.placements,
            method="heuristic",
        )
        assert again.moved == () and again.dropped == ()
        assert set(again.kept) == set(first.placements)


@pytest.mark.parametrize(
    ("placements", "found"),
    [
        ({"r1": Placement("s1", 1), "r2": Placement("s1", 2)}, "a in two places"),
        ({"r1": Placement("s1", 1), "r3": Placement("s1", 1)}, "table 1 holds both"),
        ({"r3": Placement("s2", 1)}, "d is unavailable in s2"),
        ({"r1": Placement("s1", 3)}, "table 3 outside 1..2"),
        ({"r1": Placement("s9", 1)}, "unknown slot s9"),
    ],
)
def test_the_independent_checker_catches_each_kind_of_violation(placements, found):
    requests = [_req("r1", "a", "b"), _req("r2", "a", "c"), _req("r3", "c", "d")]
    violations = schedule_violations(
        slots=slot_series(2),
        requests=requests,
        unavailable={"a": [], "b": [], "c": [], "d": ["s2"]},
        tables=2,
        placements=placements,
    )
    assert any(found in v for v in violations), violations
