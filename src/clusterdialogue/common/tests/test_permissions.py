"""The permission interface: rule tables, ``can``, the template tag and the DRF permission."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.template import Context, Template

from clusterdialogue.common.permissions import (
    Rule,
    RulePermission,
    can,
    register_rules,
    registered_rules,
    require,
)

ALICE = SimpleNamespace(is_authenticated=True, username="alice")
ANONYMOUS = SimpleNamespace(is_authenticated=False, username="")


@pytest.fixture
def example_rules():
    return register_rules(
        "example",
        {
            "read": Rule(lambda user, obj: True, who="everyone", needs_object=False),
            "write": Rule(
                lambda user, obj: user.is_authenticated and obj["owner"] == user.username,
                who="the owner",
            ),
        },
    )


def test_a_table_names_its_actions_feature_dot_verb(example_rules):
    assert set(example_rules.rules) == {"example.read", "example.write"}
    assert set(registered_rules("example")) == {"example.read", "example.write"}


@pytest.mark.parametrize(
    ("user", "action", "obj", "allowed"),
    [
        (ALICE, "example.read", None, True),
        (ANONYMOUS, "example.read", None, True),
        (ALICE, "example.write", {"owner": "alice"}, True),
        (ALICE, "example.write", {"owner": "bob"}, False),
        (ANONYMOUS, "example.write", {"owner": ""}, False),
        # An object rule asked without its object has nothing to allow.
        (ALICE, "example.write", None, False),
    ],
)
def test_can_answers_from_the_table(example_rules, user, action, obj, allowed):
    assert can(user, action, obj) is allowed


def test_an_unknown_action_is_a_programming_error(example_rules):
    with pytest.raises(LookupError, match=r"example\.delete"):
        can(ALICE, "example.delete")


def test_require_raises_permission_denied_with_the_rule_in_words(example_rules):
    require(ALICE, "example.write", {"owner": "alice"})
    with pytest.raises(PermissionDenied, match="the owner"):
        require(ALICE, "example.write", {"owner": "bob"})


def test_every_app_table_is_discovered():
    rules = registered_rules()
    assert "clusters.edit" in rules
    assert "accounts.invite" in rules


def test_the_template_tag_asks_the_same_rule(example_rules):
    template = Template(
        '{% load accounts_tags %}{% can "example.write" doc as ok %}{% if ok %}yes{% else %}no{% endif %}'
    )
    request = SimpleNamespace(user=ALICE)
    assert template.render(Context({"request": request, "doc": {"owner": "alice"}})) == "yes"
    assert template.render(Context({"request": request, "doc": {"owner": "bob"}})) == "no"


def test_the_api_permission_reads_the_views_rules(example_rules):
    view = SimpleNamespace(action="update", permission_rules={"update": "example.write"})
    permission = RulePermission()
    request = SimpleNamespace(user=ALICE)
    assert permission.has_permission(request, view)
    assert permission.has_object_permission(request, view, {"owner": "alice"})
    assert not permission.has_object_permission(request, view, {"owner": "bob"})
    assert "the owner" in permission.message
    assert not permission.has_permission(SimpleNamespace(user=ANONYMOUS), view)
    reading = SimpleNamespace(action="list", permission_rules={"update": "example.write"})
    assert permission.has_permission(SimpleNamespace(user=ANONYMOUS), reading)
