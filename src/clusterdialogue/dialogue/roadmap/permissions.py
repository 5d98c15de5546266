"""Who may change a roadmap: the managers of its group (``dialogue.permissions``).

Reading follows the group: a public group's active and closed roadmaps are public; drafts, like
internal material, are for the group's members.
"""

from __future__ import annotations

from typing import Any

from clusterdialogue.common.permissions import Rule, register_rules
from clusterdialogue.dialogue.permissions import (
    user_manages_group,
    user_reads_group_internal,
    user_sees_group,
)


def _group(obj: Any) -> Any:
    """The group of a roadmap, of one of its parts, or the group itself."""
    for path in ("objective.roadmap.group", "roadmap.group", "group"):
        node = obj
        for name in path.split("."):
            node = getattr(node, name, None)
        if node is not None:
            return node
    return obj


def user_can_view_roadmap(user: Any, roadmap: Any) -> bool:
    if roadmap.status == roadmap.Status.DRAFT:
        return user_reads_group_internal(user, roadmap.group)
    return user_sees_group(user, roadmap.group)


MANAGERS = "the secretariat, and the group's chair and secretariat"

RULES = register_rules(
    "roadmap",
    {
        "view_roadmap": Rule(
            user_can_view_roadmap,
            who="whoever sees the group; a draft only the group's members and the secretariat",
        ),
        "manage_roadmap": Rule(
            lambda user, obj: user_manages_group(user, _group(obj)), who=MANAGERS
        ),
        "close_roadmap": Rule(
            lambda user, obj: user_manages_group(user, _group(obj)), who=MANAGERS
        ),
        "enter_value": Rule(lambda user, obj: user_manages_group(user, _group(obj)), who=MANAGERS),
    },
)
