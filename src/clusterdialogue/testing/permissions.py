"""The role x action matrix, shared by every feature's permission tests.

A feature's test module lists :class:`Action` objects (one write a user may try over HTTP, the
rule of ``common.permissions`` it exercises, how to see its effect, and which roles should get
it) and runs each against every role with :func:`check_action`. A role missing from
``expected`` must be refused: the anonymous public is sent to sign in (pages) or gets 401/403
(API), a signed-in user without the right gets 403 (or 400/404 where the form or the queryset
does not even offer the object), and nothing is stored.

:func:`assert_rules_exercised` then checks that every rule the feature declares is tried by at
least one action, so a rule added to a table without a test fails the suite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from clusterdialogue.common.permissions import can, registered_rules

APPLIED, PROPOSED, NONE = "applied", "proposed", "none"
ALLOWED_STATUSES = (200, 201, 204, 302)
REFUSED_STATUSES = (400, 403, 404)


def _no_setup(world: Any) -> dict:
    return {}


@dataclass(frozen=True)
class Action:
    """One write a user may try, with the effect to look for and who should get it.

    ``outcome`` answers ``APPLIED``/``PROPOSED``/``NONE`` (or a bool: done or not). ``rule``
    names the permission rule the action is guarded by; with ``rule_object`` the matrix also
    checks that :func:`can` gives the page's answer for every role.
    """

    name: str
    perform: Callable[[Any, Any, dict], Any]
    outcome: Callable[[Any, dict], str | bool]
    expected: Mapping[str, str]
    setup: Callable[[Any], dict] = field(default=_no_setup)
    api: bool = False
    rule: str = ""
    rule_object: Callable[[Any, dict], Any] | None = None
    refused_statuses: tuple[int, ...] = REFUSED_STATUSES


def _capture(response: Any, state: dict) -> None:
    """Keep what a successful response carried, for outcomes that look at it."""
    if response.status_code != 200:
        return
    if response.get("Content-Disposition", "").startswith("attachment") and getattr(
        response, "streaming", False
    ):
        state["downloaded"] = b"".join(response.streaming_content)
    elif response.get("Content-Type", "").startswith("application/json"):
        state["response_json"] = response.content


def check_action(client: Any, world: Any, action: Action, role: str) -> tuple[str, dict]:
    """Try ``action`` as ``role`` and check the answer and the effect; returns (expected, state)."""
    state = action.setup(world)
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    response = action.perform(client, world, state)
    _capture(response, state)
    expected = action.expected.get(role, NONE)
    answer = f"{role} → {action.name}: HTTP {response.status_code}"
    outcome = action.outcome(world, state)
    if isinstance(outcome, bool):
        outcome = APPLIED if outcome else NONE
    assert outcome == expected, answer
    if expected != NONE:
        assert response.status_code in ALLOWED_STATUSES, answer
    elif user is None and not action.api:
        assert response.status_code == 302, answer
        assert response["Location"].startswith(reverse("accounts:login")), answer
    elif user is None:
        assert response.status_code in (401, 403), answer
    else:
        assert response.status_code in action.refused_statuses, answer
    if action.rule and action.rule_object is not None:
        allowed = can(user, action.rule, action.rule_object(world, state))
        assert allowed == (expected != NONE), f"{answer}: can({action.rule!r}) says {allowed}"
    return expected, state


def assert_rules_exercised(
    feature: str, actions: Iterable[Action], *, elsewhere: Mapping[str, str] | None = None
) -> None:
    """Every rule ``feature`` declares is tried by an action, or said to be tested ``elsewhere``.

    ``elsewhere`` maps a rule to where it is tested instead (a read-only rule, a button), so the
    exception is written down next to the matrix.
    """
    tried = {action.rule for action in actions if action.rule.startswith(f"{feature}.")}
    declared = set(registered_rules(feature))
    unknown = {rule for rule in tried | set(elsewhere or {}) if rule not in declared}
    untested = declared - tried - set(elsewhere or {})
    assert not unknown, f"actions name rules {feature!r} does not declare: {sorted(unknown)}"
    assert not untested, f"rules of {feature!r} no action tries: {sorted(untested)}"
