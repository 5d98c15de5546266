"""Tests of the consortium builder: hand cases, explanations, and CP-SAT against brute force."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterdialogue.core.consortium import (
    SCALE,
    Candidate,
    ConsortiumInfeasible,
    EligibilityRules,
    brute_force_consortia,
    build_consortia,
)
from clusterdialogue.core.io.calls import read_calls

LEAD = Candidate("lead", "Lead", "FR", "Auvergne-Rhône-Alpes")
# By hand, with min 3 members from 3 countries and size 3 (two partners from two countries
# other than France), territory weight 0.25 and the lead's territory always covered:
#   b+e: 0.9 + 0.7 + 0.25 × 2 = 2.10   b+d: 0.9 + 0.4 + 0.25 × 3 = 2.05   b+f: 1.9
#   c+d: 1.7   c+e: 1.75   c+f: 1.55   d+e: 1.6   e+f: 1.45   (b+c, d+f: one country only)
FIVE = [
    Candidate("b", "B", "DE", "Baden-Württemberg", 0.9),
    Candidate("c", "C", "DE", None, 0.8),
    Candidate("d", "D", "IT", "Lombardy", 0.4),
    Candidate("e", "E", "ES", None, 0.7),
    Candidate("f", "F", "IT", None, 0.5),
]
THREE_FROM_THREE = EligibilityRules(min_partners=3, min_countries=3)
NETWORK = [
    "Auvergne-Rhône-Alpes",
    "Baden-Württemberg",
    "Catalonia",
    "Lombardy",
    "Wales",
    "Flanders",
]


def build(**kwargs):
    arguments = {"lead": LEAD, "candidates": FIVE, "rules": THREE_FROM_THREE, **kwargs}
    return build_consortia(**arguments)


def ids(proposals):
    return [sorted(p.partner_ids) for p in proposals]


def test_known_optimum_and_next_best():
    proposals = build(size=3)
    assert ids(proposals) == [["b", "e"], ["b", "d"], ["b", "f"]]
    assert [p.score for p in proposals] == pytest.approx([2.10, 2.05, 1.90])
    assert [p.status for p in proposals] == ["OPTIMAL"] * 3
    assert all(p.gap < 1e-5 and p.bound == pytest.approx(p.score, abs=1e-5) for p in proposals)
    best = proposals[0]
    assert best.fit_total == pytest.approx(1.6)
    assert best.countries == ("DE", "ES", "FR")
    assert best.territories == ("Auvergne-Rhône-Alpes", "Baden-Württemberg")
    assert [m.id for m in best.members] == ["lead", "b", "e"]


def test_territory_weight_trades_fit_for_spread():
    # With weight 1, Lombardy's territory is worth more than E's extra 0.3 of fit.
    assert ids(build(size=3, territory_weight=1.0, proposals=1)) == [["b", "d"]]
    assert ids(build(size=3, territory_weight=0.0, proposals=1)) == [["b", "e"]]


def test_without_size_or_maximum_the_smallest_size_is_used():
    [best] = build(proposals=1)
    assert best.size == 3
    assert "the smallest that meets the rules" in " ".join(best.explanation)


def test_maximum_and_size_bound_the_members():
    rules = EligibilityRules(min_partners=3, min_countries=3, max_partners=4)
    [best] = build(rules=rules, proposals=1)
    # Every fit is positive, so the maximum is used. b+c+e: 2.4 + 0.25 × 2 = 2.9 beats
    # b+c+d: 2.1 + 0.25 × 3 = 2.85 and b+d+e: 2.0 + 0.75.
    assert sorted(best.partner_ids) == ["b", "c", "e"]
    assert best.score == pytest.approx(2.9)
    assert build(size=5, proposals=1)[0].size == 5


def test_pinned_and_excluded_partners():
    [pinned] = build(size=3, pinned={"c"}, proposals=1)
    assert sorted(pinned.partner_ids) == ["c", "e"]
    assert "pinned" in " ".join(pinned.explanation)
    [excluded] = build(size=3, excluded={"b"}, proposals=1)
    assert sorted(excluded.partner_ids) == ["c", "e"]
    # Pinning or listing the lead is harmless; the lead is never a partner.
    assert ids(build(size=3, pinned={"lead"}, proposals=1)) == [["b", "e"]]
    assert ids(build(size=3, candidates=[LEAD, *FIVE], proposals=1)) == [["b", "e"]]


def test_only_eligible_countries_take_part():
    rules = EligibilityRules(
        min_partners=3, min_countries=3, eligible_countries={"FR", "GR", "IT", "ES"}
    )
    assert rules.eligible_countries == frozenset({"FR", "EL", "IT", "ES"})
    [best] = build(rules=rules, size=3, proposals=1)
    # Only d, e and f remain; Italy and Spain are both needed: d+e 1.6 beats e+f 1.45.
    assert sorted(best.partner_ids) == ["d", "e"]
    assert best.score == pytest.approx(1.6)


def test_proposals_are_distinct_and_in_non_increasing_order():
    proposals = build(rules=EligibilityRules(min_partners=2, min_countries=2), size=3, proposals=12)
    assert len(proposals) == 10  # every pair of the five: France and one more country
    assert len({p.partner_ids for p in proposals}) == len(proposals)
    scores = [p.score for p in proposals]
    assert scores == sorted(scores, reverse=True)
    assert [p.rank for p in proposals] == list(range(1, len(proposals) + 1))


def test_fewer_proposals_when_fewer_consortia_exist():
    proposals = build(size=6, proposals=3)
    assert ids(proposals) == [["b", "c", "d", "e", "f"]]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"excluded": {"lead"}}, "The lead Lead (FR, Auvergne-Rhône-Alpes) cannot be excluded"),
        (
            {"rules": EligibilityRules(3, 3, frozenset({"DE", "IT"}))},
            "The lead Lead (FR, Auvergne-Rhône-Alpes) is from a non-eligible country: "
            "the call accepts DE, IT.",
        ),
        ({"pinned": {"zz"}}, "The pinned partner 'zz' is not among the candidates."),
        ({"pinned": {"b"}, "excluded": {"b"}}, "B (DE, Baden-Württemberg) is both pinned"),
        (
            {"pinned": {"e"}, "rules": EligibilityRules(3, 3, frozenset({"FR", "DE", "IT"}))},
            "The pinned partner E (ES) is from a non-eligible country: the call accepts DE, FR, IT.",
        ),
        ({"size": 2}, "The requested size of 2 is below the call's minimum of 3 partners"),
        (
            {"size": 5, "rules": EligibilityRules(3, 3, max_partners=4)},
            "The requested size of 5 is above the call's maximum of 4 partners.",
        ),
        (
            {"size": 3, "pinned": {"b", "c", "d"}},
            "The lead and 3 pinned partners make 4 members, more than the 3 requested.",
        ),
        (
            {"excluded": {"b", "c", "d", "e"}, "rules": EligibilityRules(3, 2)},
            "The consortium needs 3 members, the lead included, but only 1 eligible candidate "
            "is available besides the lead (4 excluded).",
        ),
        (
            {"rules": EligibilityRules(5, 5)},
            "Only 4 eligible countries among the lead and the candidates (DE, ES, FR, IT); "
            "the call needs 5.",
        ),
        (
            {"rules": EligibilityRules(3, 4), "size": 3},
            "A consortium of at most 3 members (the size requested) spans at most 3 countries; "
            "the call needs 4.",
        ),
        (
            {"rules": EligibilityRules(3, 4), "size": 4, "pinned": {"b", "c"}},
            "A consortium of at most 4 members (the size requested), with the lead and 2 "
            "pinned partners from 2 countries, spans at most 3 countries; the call needs 4.",
        ),
    ],
)
def test_infeasible_rules_are_explained(kwargs, expected):
    for search in (build_consortia, brute_force_consortia):
        arguments = {"lead": LEAD, "candidates": FIVE, "rules": THREE_FROM_THREE, **kwargs}
        with pytest.raises(ConsortiumInfeasible) as error:
            search(**arguments)
        assert any(reason.startswith(expected) for reason in error.value.reasons), error.value


def test_explanation_reads_in_plain_words():
    [best] = build(size=3, proposals=1, network_territories=NETWORK)
    text = best.explanation
    assert text[0] == "Lead: Lead (FR, Auvergne-Rhône-Alpes)."
    assert text[1] == "Partners: B (DE, Baden-Württemberg, fit 0.90); E (ES, fit 0.70)."
    assert text[2] == (
        "Rules met: 3 partners, the lead included (≥3 required), from 3 countries "
        "(≥3 required), the call accepts any country."
    )
    assert "Spread: covers 2 of the network's 6 territories" in text[4]
    assert text[5] == (
        "Why B: fit 0.90, the highest of 5 eligible candidates; the only member from DE; "
        "brings in the territory Baden-Württemberg."
    )
    assert (
        text[6]
        == "Why E: fit 0.70, the 3rd-highest of 5 eligible candidates; the only member from ES."
    )
    assert text[7].startswith("Left out: C (DE, fit 0.80), the best-fitting candidate not chosen")
    assert text[-2] == "Score 2.100 = total fit 1.600 + 0.25 × 2 territories."
    assert text[-1] == "Search: proven best (CP-SAT, optimal)."


def test_invalid_arguments_are_rejected():
    with pytest.raises(ValueError, match="between 0 and 1"):
        Candidate("x", "X", "DE", None, 1.5)
    with pytest.raises(ValueError, match="unknown country code"):
        Candidate("x", "X", "XX")
    with pytest.raises(ValueError, match="below min_partners"):
        EligibilityRules(min_partners=3, max_partners=2)
    with pytest.raises(ValueError, match="appears twice"):
        build(candidates=[*FIVE, FIVE[0]])
    with pytest.raises(ValueError, match="territory_weight"):
        build(territory_weight=-1)
    with pytest.raises(ValueError, match="not among the network_territories"):
        build(network_territories=["Wales"])
    assert Candidate("x", "X", "gb").country == "UK"


def test_rules_from_a_call_file():
    text = (
        "programme,title,topic,opening,deadline,min_partners,min_countries,eligible_countries\n"
        "Interreg Europe,Call,SMEs,2025-03-01,2025-06-05,3,3,FR;DE;ES;IT\n"
    )
    [call] = read_calls(io.BytesIO(text.encode()), name="calls.csv")
    rules = EligibilityRules.from_call(call)
    assert rules == EligibilityRules(3, 3, frozenset({"DE", "ES", "FR", "IT"}))
    assert ids(build(rules=rules, size=3, proposals=1)) == [["b", "e"]]


# Random small instances: CP-SAT and the brute force agree on feasibility and scores.
COUNTRIES = ["DE", "FR", "IT", "ES"]
TERRITORIES = ["T1", "T2", "T3", None]


@st.composite
def instances(draw):
    n = draw(st.one_of(st.integers(0, 10), st.integers(5, 10)))
    fits = st.one_of(st.floats(0, 1), st.sampled_from([0.0, 0.25, 0.5, 1.0]))  # ties too
    candidates = [
        Candidate(
            f"c{i}",
            f"C{i}",
            draw(st.sampled_from(COUNTRIES)),
            draw(st.sampled_from(TERRITORIES)),
            draw(fits),
        )
        for i in range(n)
    ]
    lead = Candidate(
        "lead", "Lead", draw(st.sampled_from(COUNTRIES)), draw(st.sampled_from(TERRITORIES))
    )
    # Weighted towards feasible instances (about half); the rest exercise every check.
    min_partners = draw(st.integers(1, 5))
    max_partners = draw(st.one_of(st.none(), st.integers(min_partners, 7)))
    some_countries = st.lists(st.sampled_from(COUNTRIES), min_size=2, max_size=4)
    eligible = draw(
        st.one_of(st.just([]), some_countries.map(lambda cs: [*cs, lead.country]), some_countries)
    )
    rules = EligibilityRules(
        min_partners=min_partners,
        min_countries=draw(st.sampled_from([1, 2, 2, 3, 3, 4])),
        eligible_countries=frozenset(eligible),
        max_partners=max_partners,
    )
    ids_ = [c.id for c in candidates]
    pinned = (
        draw(st.lists(st.sampled_from(ids_), max_size=2)) if ids_ and draw(st.booleans()) else []
    )
    others = [i for i in ids_ if i not in pinned or draw(st.integers(0, 9)) == 0]
    excluded = draw(st.lists(st.sampled_from(others), max_size=2)) if others else []
    size = st.one_of(st.none(), st.integers(min_partners, max_partners or 7), st.integers(1, 7))
    return {
        "lead": lead,
        "candidates": candidates,
        "rules": rules,
        "size": draw(size),
        "territory_weight": draw(st.sampled_from([0.0, 0.25, 1.0, 0.137])),
        "pinned": frozenset(pinned),
        "excluded": frozenset(excluded),
        "proposals": draw(st.integers(1, 4)),
    }


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_cp_sat_matches_brute_force(instance):
    try:
        expected = brute_force_consortia(**instance)
    except ConsortiumInfeasible as error:
        # The reasons come from the checks, which must catch every infeasible instance.
        assert error.reasons
        assert "No combination" not in " ".join(error.reasons)
        with pytest.raises(ConsortiumInfeasible):
            build_consortia(**instance, workers=1)
        return
    found = build_consortia(**instance, workers=1)
    unreduced = build_consortia(**instance, workers=1, reduce=False)
    # Each rounded fit or weight is off by at most 0.5 / SCALE.
    tolerance = 2 * (len(instance["candidates"]) + 5) / SCALE
    for result in (found, unreduced):
        assert [p.score for p in result] == pytest.approx(
            [p.score for p in expected], abs=tolerance
        )
    assert len({p.partner_ids for p in found}) == len(found)
    rules = instance["rules"]
    for p in found:
        assert p.status == "OPTIMAL"
        assert instance["pinned"] - {"lead"} <= p.partner_ids
        assert not p.partner_ids & instance["excluded"]
        assert len(set(p.countries)) >= rules.min_countries
        assert all(rules.is_eligible(m.country) for m in p.members)
        assert p.size >= rules.min_partners
        assert rules.max_partners is None or p.size <= rules.max_partners
        assert instance["size"] is None or p.size == instance["size"]
