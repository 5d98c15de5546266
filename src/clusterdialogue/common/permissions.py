"""One question for every feature: may this user do this action, to that object?

Each feature states its rules once, as a table in its own ``permissions.py``::

    RULES = register_rules(
        "board",
        {
            "create_post": Rule(user_can_post, who="a cluster's managers, its representative, ..."),
            "change_post": Rule(user_can_change_post, who="...", needs_object=True),
        },
    )

Pages, the API, templates and tests then all ask :func:`can` (``can(user, "board.change_post",
post)``), the template tag ``{% can "board.change_post" post as allowed %}`` and the DRF
permission :class:`RulePermission` read the same table, and the role x action matrix tests check
that every rule of a feature is exercised (``testing.permissions.assert_rules_exercised``), so a
new feature cannot forget a rule.

An action is named ``<feature>.<verb>``; asking for a name no table declares is a programming
error and raises :class:`LookupError` rather than quietly answering "no".
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

__all__ = [
    "Rule",
    "RulePermission",
    "RuleTable",
    "can",
    "register_rules",
    "registered_rules",
    "require",
]


@dataclass(frozen=True)
class Rule:
    """Who may do one action: a check, and the same answer in words.

    ``check(user, obj)`` answers for one object; with ``needs_object=False`` the object may be
    ``None`` and the answer says whether the user may do the action at all (it shows a button).
    ``who`` names the roles in the users' words; the README and the matrix tests quote it.
    """

    check: Callable[[Any, Any], bool]
    who: str
    needs_object: bool = True


@dataclass(frozen=True)
class RuleTable:
    """The rules of one feature, keyed by their full action names (``feature.verb``)."""

    feature: str
    rules: Mapping[str, Rule]

    def __contains__(self, action: str) -> bool:
        return action in self.rules


_registry: dict[str, Rule] = {}
_tables: dict[str, RuleTable] = {}
_discovered = False
_lock = threading.Lock()


def register_rules(feature: str, rules: Mapping[str, Rule]) -> RuleTable:
    """Declare a feature's rules (``verb -> Rule``); returns the table with full names.

    Registering the same feature again replaces its table (a module reloaded in tests).
    """
    if "." in feature or not feature:
        raise ValueError(f"a feature name is one word, not {feature!r}")
    table = RuleTable(feature, {f"{feature}.{verb}": rule for verb, rule in rules.items()})
    with _lock:
        for action in _tables.get(feature, RuleTable(feature, {})).rules:
            _registry.pop(action, None)
        _tables[feature] = table
        _registry.update(table.rules)
    return table


def _discover() -> None:
    """Import every ``permissions`` module of the project's apps, so every table is known."""
    global _discovered
    if _discovered:
        return
    for config in apps.get_app_configs():
        if not config.name.startswith("clusterdialogue."):
            continue
        package = importlib.import_module(config.name)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{config.name}."):
            if module.name.rsplit(".", 1)[-1] == "permissions":
                importlib.import_module(module.name)
    _discovered = True


def registered_rules(feature: str | None = None) -> dict[str, Rule]:
    """Every declared rule (or a feature's), by full action name."""
    _discover()
    if feature is None:
        return dict(_registry)
    if feature not in _tables:
        raise LookupError(f"no permission rules are declared for the feature {feature!r}")
    return dict(_tables[feature].rules)


def _rule(action: str) -> Rule:
    rule = _registry.get(action)
    if rule is None:
        _discover()
        rule = _registry.get(action)
    if rule is None:
        known = ", ".join(sorted(_registry))
        raise LookupError(f"no permission rule is named {action!r} (declared: {known})")
    return rule


def can(user: Any, action: str, obj: Any = None) -> bool:
    """Whether ``user`` may do ``action`` (``feature.verb``) to ``obj``.

    An object-level rule asked without its object answers ``False``: a page that has no object
    to show has nothing to allow either.
    """
    rule = _rule(action)
    if obj is None and rule.needs_object:
        return False
    return bool(rule.check(user, obj))


def require(user: Any, action: str, obj: Any = None, message: str | None = None) -> None:
    """Raise ``PermissionDenied`` (HTTP 403) unless :func:`can` allows the action."""
    if not can(user, action, obj):
        raise PermissionDenied(message or f"Your account may not do this ({_rule(action).who}).")


class RulePermission(BasePermission):
    """DRF permission read from the rule tables.

    The view names, per DRF action (``list``, ``create``, ``update``, ``destroy``, a custom
    ``@action``), the rule to ask: ``permission_rules = {"create": "board.create_post", ...}``.
    Actions not named are open (reading; the queryset decides what is visible). Rules without
    an object are asked in ``has_permission``, the others in ``has_object_permission``.
    """

    message = "Your account has no role that allows this."

    def _action(self, view: Any) -> str | None:
        rules = getattr(view, "permission_rules", {})
        return rules.get(getattr(view, "action", None) or "")

    def has_permission(self, request: Any, view: Any) -> bool:
        action = self._action(view)
        if action is None:
            return True
        rule = _rule(action)
        if rule.needs_object:
            return bool(getattr(request.user, "is_authenticated", False))
        allowed = bool(rule.check(request.user, None))
        if not allowed:
            self.message = f"Your account may not do this: {rule.who}."
        return allowed

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        action = self._action(view)
        if action is None or not _rule(action).needs_object:
            return True
        allowed = can(request.user, action, obj)
        if not allowed:
            self.message = f"Your account may not do this: {_rule(action).who}."
        return allowed
