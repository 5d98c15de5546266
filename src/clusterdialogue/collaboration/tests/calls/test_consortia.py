"""The consortium builder over the directory: candidates and fits, proposals, collaborations."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from clusterdialogue.collaboration.calls.selectors import (
    consortium_candidates,
    consortium_csv_rows,
    consortium_proposals,
)
from clusterdialogue.collaboration.calls.services import collaboration_start_from_proposal
from clusterdialogue.collaboration.models import Collaboration, StageChange
from clusterdialogue.common.errors import ServiceError

pytestmark = pytest.mark.django_db


def test_candidates_have_country_territory_and_the_documented_fit(calls_world):
    call, lead = calls_world.calls["mobility"], calls_world.clusters["emobility"]
    lead_fit, fits, territories, notes = consortium_candidates(call=call, lead=lead)
    assert lead_fit.candidate.country == "DE"
    assert lead_fit.candidate.territory == "Example territory DE"
    by_slug = {f.candidate.id: f for f in fits}
    assert set(by_slug) == {
        "example-automotive",
        "example-smart-mobility",
        "example-mobility-es",
        "example-health",
        "example-food",
    }  # fmt: skip  (the lead and the private profile are not candidates)
    spain = by_slug["example-mobility-es"]
    assert spain.candidate.country == "ES" and spain.candidate.territory is None
    for f in fits:
        assert f.candidate.fit == pytest.approx((f.call_match + f.lead_match) / 2, abs=1e-6)
        assert 0 <= f.candidate.fit <= 1
    assert by_slug["example-automotive"].candidate.fit > by_slug["example-food"].candidate.fit
    assert territories == ["Example territory DE", "Example territory FR", "Example territory IT"]
    assert notes == []


def test_proposals_meet_the_call_rules_best_first(calls_world):
    call, lead = calls_world.calls["mobility"], calls_world.clusters["emobility"]
    result = consortium_proposals(call=call, lead=lead, proposals=3)
    assert result.feasible and len(result.proposals) == 3
    scores = [p.score for p in result.proposals]
    assert scores == sorted(scores, reverse=True)
    for proposal in result.proposals:
        assert 3 <= proposal.size <= 4  # the call's min_partners and max_partners
        assert len(set(proposal.countries)) >= 3
        assert set(proposal.countries) <= {"DE", "ES", "FR", "IT"}
        assert proposal.status == "OPTIMAL"
        assert any(line.startswith("Rules met:") for line in proposal.explanation)
    best = result.proposals[0]
    assert "example-automotive" in best.partner_ids and "example-smart-mobility" in best.partner_ids
    assert result.members(best)[0].organisation == lead


def test_pinned_and_excluded_partners_are_respected(calls_world):
    call, lead = calls_world.calls["mobility"], calls_world.clusters["emobility"]
    result = consortium_proposals(
        call=call, lead=lead, size=3, pinned=["example-food"],
        excluded=["example-automotive", "example-hidden"], proposals=2,
    )  # fmt: skip
    for proposal in result.proposals:
        assert "example-food" in proposal.partner_ids
        assert "example-automotive" not in proposal.partner_ids
        assert proposal.size == 3
    assert any("pinned" in line for line in result.proposals[0].explanation)


def test_infeasible_rules_are_explained_in_plain_words(calls_world):
    call, lead = calls_world.calls["mobility"], calls_world.clusters["emobility"]
    result = consortium_proposals(
        call=call, lead=lead, excluded=["example-smart-mobility", "example-food",
                                         "example-mobility-es"],
    )  # fmt: skip
    assert not result.feasible and result.proposals == []
    assert any("eligible countries" in reason for reason in result.reasons), result.reasons


def test_csv_rows_list_every_member_with_the_why_line(calls_world):
    call, lead = calls_world.calls["mobility"], calls_world.clusters["emobility"]
    header, rows = consortium_csv_rows(consortium_proposals(call=call, lead=lead, proposals=2))
    assert header[:6] == ["proposal", "score", "status", "gap", "role", "organisation"]
    first = [r for r in rows if r[0] == 1]
    assert first[0][4] == "lead" and first[0][-1].startswith("Score ")
    assert all(r[4] == "partner" and r[-1].startswith(f"Why {r[5]}:") for r in first[1:])


def test_start_collaboration_from_a_proposal(calls_world):
    call, lead = calls_world.calls["mobility"], calls_world.clusters["emobility"]
    manager = calls_world.user("manager")
    collaboration = collaboration_start_from_proposal(
        user=manager, call=call, lead=lead,
        partner_slugs=["example-automotive", "example-smart-mobility"],
    )  # fmt: skip
    assert collaboration.kind == Collaboration.Kind.JOINT_APPLICATION
    assert collaboration.stage == Collaboration.Stage.IDENTIFIED
    assert collaboration.call == call and collaboration.lead == lead
    assert collaboration.is_example  # the call is an example
    assert {p.slug for p in collaboration.partners.all()} == {
        "example-emobility", "example-automotive", "example-smart-mobility",
    }  # fmt: skip
    change = StageChange.objects.get(collaboration=collaboration)
    assert change.stage == "identified" and change.changed_by == manager


@pytest.mark.parametrize(
    ("partners", "message"),
    [
        (["example-automotive"], "does not meet the call's rules"),
        (["example-automotive", "example-health"], "countries; the call needs 3"),
        (["example-automotive", "example-hidden"], "No public cluster profile"),
        ([], "at least one partner"),
    ],
)
def test_start_collaboration_checks_the_call_rules(calls_world, partners, message):
    with pytest.raises(ServiceError, match=message):
        collaboration_start_from_proposal(
            user=calls_world.user("secretariat"), call=calls_world.calls["mobility"],
            lead=calls_world.clusters["emobility"], partner_slugs=partners,
        )  # fmt: skip
    assert not Collaboration.objects.exists()


def test_start_collaboration_is_refused_to_other_clusters_managers(calls_world):
    with pytest.raises(PermissionDenied):
        collaboration_start_from_proposal(
            user=calls_world.user("other_manager"), call=calls_world.calls["mobility"],
            lead=calls_world.clusters["emobility"],
            partner_slugs=["example-automotive", "example-smart-mobility"],
        )  # fmt: skip
    assert not Collaboration.objects.exists()
