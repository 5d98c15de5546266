"""The Dialogue's group rules: who manages a group, who reads its internal material, who sees it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from clusterdialogue.common.permissions import can
from clusterdialogue.dialogue.models import GroupMember
from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.factories import dialogue as factories_dialogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    parent = factories_dialogue.WorkingGroupFactory(is_public=True)
    child = factories_dialogue.WorkingGroupFactory(
        network=parent.network, parent=parent, is_public=False
    )
    users = {}
    for role in GroupMember.Role.values:
        users[role] = factories_clusters.UserFactory(username=f"group_{role}")
        factories_dialogue.GroupMemberFactory(group=parent, user=users[role], role=role)
    users["child_member"] = factories_clusters.UserFactory(username="child_member")
    factories_dialogue.GroupMemberFactory(group=child, user=users["child_member"])
    users["former"] = factories_clusters.UserFactory(username="former_chair")
    factories_dialogue.GroupMemberFactory(
        group=parent, user=users["former"], role="chair", left_on="2020-01-01"
    )
    users["outsider"] = factories_clusters.UserFactory(username="outsider")
    users["secretariat"] = factories_clusters.UserFactory(username="network_secretariat")
    factories_clusters.RoleAssignmentFactory(user=users["secretariat"], role="secretariat")
    users["anonymous"] = AnonymousUser()
    return parent, child, users


# (who, action, on, allowed): "child" is an internal sub-group of the public "parent".
CASES = [
    ("secretariat", "dialogue.manage_group", "child", True),
    ("secretariat", "dialogue.create_group", None, True),
    ("chair", "dialogue.manage_group", "parent", True),
    ("chair", "dialogue.manage_group", "child", True),  # a parent's chair manages sub-groups
    ("secretariat_member", "dialogue.manage_group", "parent", True),
    ("member", "dialogue.manage_group", "parent", False),
    ("member", "dialogue.read_internal", "parent", True),
    ("guest", "dialogue.read_internal", "parent", True),
    ("child_member", "dialogue.manage_group", "child", False),
    ("child_member", "dialogue.read_internal", "child", True),
    ("child_member", "dialogue.read_internal", "parent", False),
    ("former", "dialogue.manage_group", "parent", False),  # left the group
    ("outsider", "dialogue.read_internal", "parent", False),
    ("outsider", "dialogue.view_group", "parent", True),  # public
    ("outsider", "dialogue.view_group", "child", False),  # internal
    ("anonymous", "dialogue.view_group", "child", False),
    ("anonymous", "dialogue.manage_group", "parent", False),
    ("chair", "dialogue.create_group", None, False),
]


@pytest.mark.parametrize(("who", "action", "on", "allowed"), CASES)
def test_group_rules(groups, who, action, on, allowed):
    parent, child, users = groups
    user = users["secretariat" if who == "secretariat_member" else who]
    if who == "secretariat_member":
        user = GroupMember.objects.get(group=parent, role="secretariat").user
    target = {"parent": parent, "child": child, None: None}[on]
    assert can(user, action, target) is allowed
