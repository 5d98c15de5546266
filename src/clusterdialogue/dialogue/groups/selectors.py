"""What the group pages read: visible groups as a tree, members, documents, history."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from clusterdialogue.accounts.permissions import user_is_secretariat
from clusterdialogue.dialogue.models import GroupDocument, GroupMember, WorkingGroup
from clusterdialogue.dialogue.permissions import MANAGING_ROLES, user_reads_group_internal


def group_list_visible(*, user: Any) -> QuerySet[WorkingGroup]:
    """Public groups, and internal ones the user belongs to (or all, for the secretariat)."""
    groups = WorkingGroup.objects.select_related("network", "parent")
    if user_is_secretariat(user):
        return groups
    if not getattr(user, "is_authenticated", False):
        return groups.filter(is_public=True)
    mine = set(
        GroupMember.objects.filter(user=user, left_on__isnull=True).values_list(
            "group_id", flat=True
        )
    )
    # Membership of a parent opens its internal sub-groups, as in dialogue.permissions.
    frontier = set(mine)
    while frontier:
        frontier = (
            set(WorkingGroup.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            - mine
        )
        mine |= frontier
    return groups.filter(Q(is_public=True) | Q(pk__in=mine))


def group_get_visible(*, user: Any, slug: str) -> WorkingGroup:
    """The group with this slug if the user may see it, else :class:`~django.http.Http404`.

    Every dialogue page and API endpoint under a group finds it here, so a group the user may
    not see answers 404 everywhere, whether it is internal or does not exist: an internal
    group's existence does not leak (a 403 would say it is there).
    """
    group = group_list_visible(user=user).filter(slug=slug).first()
    if group is None:
        raise Http404("No working group here.")
    return group


@dataclass
class GroupNode:
    group: WorkingGroup
    children: list[GroupNode] = field(default_factory=list)


def group_tree_visible(*, user: Any) -> tuple[list[GroupNode], list[WorkingGroup]]:
    """The active groups as a tree (a sub-group under its parent), and the archived ones apart.

    A visible sub-group whose parent the user may not see is shown at the top level.
    """
    groups = list(group_list_visible(user=user))
    active = [g for g in groups if not g.is_archived]
    archived = [g for g in groups if g.is_archived]
    nodes = {g.pk: GroupNode(g) for g in active}
    roots = []
    for group in active:
        parent = nodes.get(group.parent_id)
        (parent.children if parent else roots).append(nodes[group.pk])
    return roots, archived


def group_members_by_role(*, group: WorkingGroup) -> list[tuple[str, list[GroupMember]]]:
    """Current members grouped by role (chair first), then those who left."""
    members = list(group.members.select_related("territory__region", "user"))
    current = [m for m in members if m.left_on is None]
    rows = []
    for role, label in GroupMember.Role.choices:
        people = [m for m in current if m.role == role]
        if people:
            rows.append((label, people))
    return rows


def group_documents_visible(*, group: WorkingGroup, user: Any) -> QuerySet[GroupDocument]:
    documents = group.documents.all()
    if user_reads_group_internal(user, group):
        return documents
    return documents.filter(is_public=True)


def group_history(*, group: WorkingGroup, limit: int = 50) -> list[Any]:
    """Changes to the group and its members, newest first, each with what changed."""
    records = chain(
        group.history.select_related("history_user"),
        GroupMember.history.filter(group_id=group.pk).select_related("history_user"),
    )
    entries = sorted(records, key=lambda r: r.history_date, reverse=True)[:limit]
    for entry in entries:
        previous = entry.prev_record
        entry.changed_fields = (
            [change.field for change in entry.diff_against(previous).changes] if previous else []
        )
    return entries


def group_managers(*, group: WorkingGroup) -> QuerySet[GroupMember]:
    return group.members.filter(role__in=MANAGING_ROLES, left_on__isnull=True)
