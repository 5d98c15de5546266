"""Who may do what in the Dialogue: the rules every feature of the app builds on.

* The network's **secretariat** (accounts role) manages every group: creates groups, edits them,
  manages their members, meetings, roadmaps and library.
* A group's **chair** and **secretariat** (its members with those roles and a user account)
  manage that group and its sub-groups.
* A group's **members** and guests (with a user account) read its internal material.
* Everyone reads what is marked public; internal groups are hidden from people outside them.

Features ask ``can(user, "dialogue.manage_group", group)``; their own rule tables (meetings,
roadmap, library) call :func:`user_manages_group` and :func:`user_reads_group_internal` on the
group of their object, so a group's roles mean the same thing everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clusterdialogue.accounts.permissions import user_is_secretariat
from clusterdialogue.common.permissions import Rule, register_rules

if TYPE_CHECKING:
    from clusterdialogue.dialogue.models import WorkingGroup

MANAGING_ROLES = ("chair", "secretariat")


def _lineage(group: WorkingGroup) -> list[WorkingGroup]:
    """The group and its parents: a parent group's chair manages its sub-dialogues too."""
    chain, seen = [], set()
    while group is not None and group.pk not in seen:
        chain.append(group)
        seen.add(group.pk)
        group = group.parent
    return chain


def _active_roles(user: Any, group: WorkingGroup) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    from clusterdialogue.dialogue.models import GroupMember

    groups = [g.pk for g in _lineage(group)]
    rows = GroupMember.objects.filter(group_id__in=groups, user=user, left_on__isnull=True)
    return set(rows.values_list("role", flat=True))


def user_manages_group(user: Any, group: WorkingGroup | None) -> bool:
    """The secretariat, or the chair or secretariat of the group (or of a group above it)."""
    if user_is_secretariat(user):
        return True
    return group is not None and bool(_active_roles(user, group) & set(MANAGING_ROLES))


def user_reads_group_internal(user: Any, group: WorkingGroup | None) -> bool:
    """The secretariat and the group's current members and guests."""
    if user_is_secretariat(user):
        return True
    return group is not None and bool(_active_roles(user, group))


def user_sees_group(user: Any, group: WorkingGroup | None) -> bool:
    """A public group is open to everyone; an internal one to its members and the secretariat."""
    if group is None:
        return False
    return group.is_public or user_reads_group_internal(user, group)


RULES = register_rules(
    "dialogue",
    {
        "view_group": Rule(
            lambda user, group: user_sees_group(user, group),
            who="everyone for a public group; its members and the secretariat for an internal one",
        ),
        "read_internal": Rule(
            lambda user, group: user_reads_group_internal(user, group),
            who="the group's members and guests, and the secretariat",
        ),
        "create_group": Rule(
            lambda user, _obj: user_is_secretariat(user),
            who="the secretariat",
            needs_object=False,
        ),
        "manage_group": Rule(
            lambda user, group: user_manages_group(user, group),
            who="the secretariat, and the group's chair and secretariat",
        ),
    },
)
