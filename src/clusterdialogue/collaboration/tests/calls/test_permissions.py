"""Every role × every write of the calls area (pages and API): try it, check answer and effect.

Importing calls is the secretariat's; starting a collaboration from a proposal belongs to those
who may act for the lead (its managers, its territory's representative, the secretariat).
Refused: the anonymous public is sent to sign in (pages) or gets 401/403 (API); a signed-in
user without the right gets 403; nothing is stored. Building proposals is open to all.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from clusterdialogue.collaboration.models import Collaboration, FundingCall
from clusterdialogue.testing.fixtures.accounts import ROLE_NAMES
from clusterdialogue.testing.fixtures.calls import CallsWorld
from clusterdialogue.testing.permissions import (
    APPLIED,
    NONE,
    Action,
    assert_rules_exercised,
    check_action,
)

pytestmark = pytest.mark.django_db

SECRETARIAT = {"secretariat": APPLIED}
FOR_THE_LEAD = {"manager": APPLIED, "representative": APPLIED, "secretariat": APPLIED}
CALLS_FILE = (
    "id,programme,title,topic,opening,deadline,min_partners,min_countries\n"
    "EXAMPLE-P,Horizon Europe,Example call P,Example,2026-01-01,2026-05-01,3,3\n"
)
PROPOSAL = ["example-automotive", "example-smart-mobility"]  # with the lead: DE, FR, IT


def calls_action(
    name: str,
    perform: Callable[[Any, CallsWorld], Any],
    outcome: Callable[[CallsWorld], str],
    expected: dict[str, str],
    *,
    rule: str,
    rule_object: Callable[[CallsWorld, dict], Any] | None = None,
    api: bool = False,
) -> Action:
    """An action of this area; the response is kept to check its status code below."""

    def perform_and_keep(client: Any, world: CallsWorld, state: dict) -> Any:
        state["response"] = perform(client, world)
        return state["response"]

    return Action(
        name,
        perform_and_keep,
        lambda w, s: outcome(w),
        expected,
        api=api,
        rule=rule,
        rule_object=rule_object,
        refused_statuses=(403,),
    )


def _lead(world: CallsWorld, state: dict) -> Any:
    return world.clusters["emobility"]


def _upload() -> io.BytesIO:
    upload = io.BytesIO(CALLS_FILE.encode())
    upload.name = "calls.csv"
    return upload


def _imported(world: CallsWorld) -> str:
    return APPLIED if FundingCall.objects.filter(reference="EXAMPLE-P").exists() else NONE


def _started(world: CallsWorld) -> str:
    return (
        APPLIED if Collaboration.objects.filter(lead=world.clusters["emobility"]).exists() else NONE
    )


ACTIONS = [
    calls_action(
        "page: import calls",
        lambda c, w: c.post(reverse("collaboration:call-import"), {"file": _upload()}),
        _imported,
        SECRETARIAT,
        rule="calls.import",
        rule_object=lambda w, s: None,
    ),
    calls_action(
        "page: start a collaboration from a proposal",
        lambda c, w: c.post(
            reverse("collaboration:call-consortium-start", args=[w.calls["mobility"].pk]),
            {"lead": "example-emobility", "partners": PROPOSAL},
        ),
        _started,
        FOR_THE_LEAD,
        rule="calls.start_collaboration",
        rule_object=_lead,
    ),
    calls_action(
        "API: import calls",
        lambda c, w: c.post("/api/funding-calls/import/", {"file": _upload()}),
        _imported,
        SECRETARIAT,
        api=True,
        rule="calls.import",
        rule_object=lambda w, s: None,
    ),
    calls_action(
        "API: start a collaboration from a proposal",
        lambda c, w: c.post(
            "/api/consortia/",
            {"call": w.calls["mobility"].pk, "lead": "example-emobility", "partners": PROPOSAL},
            content_type="application/json",
        ),
        _started,
        FOR_THE_LEAD,
        api=True,
        rule="calls.start_collaboration",
        rule_object=_lead,
    ),
]


@pytest.mark.parametrize("role", ROLE_NAMES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_role_may_or_may_not(client, calls_world, action: Action, role: str):
    expected, state = check_action(client, calls_world, action, role)
    if expected != NONE:
        answer = f"{role} → {action.name}: HTTP {state['response'].status_code}"
        assert state["response"].status_code in (200, 201, 302), answer


def test_every_calls_rule_is_tried():
    assert_rules_exercised("calls", ACTIONS)


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_only_the_secretariat_opens_the_import_page(client, calls_world, role: str):
    user = calls_world.user(role)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("collaboration:call-import"))
    expected = {"secretariat": 200, "anonymous": 302}.get(role, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_everyone_may_build_proposals_and_nothing_is_stored(client, calls_world, role: str):
    user = calls_world.user(role)
    if user is not None:
        client.force_login(user)
    call = calls_world.calls["mobility"]
    page = client.get(
        reverse("collaboration:call-consortium", args=[call.pk]),
        {"lead": "example-emobility", "territory_weight": 0.25, "proposals": 1},
    )
    api = client.post(
        f"/api/funding-calls/{call.pk}/consortia/",
        {"lead": "example-emobility", "proposals": 1},
        content_type="application/json",
    )
    assert page.status_code == 200 and 'class="proposal"' in page.content.decode()
    assert api.status_code == 200 and api.json()["feasible"]
    can_start = "Start a collaboration with proposal 1" in page.content.decode()
    assert can_start == (role in FOR_THE_LEAD)
    assert not Collaboration.objects.exists()
