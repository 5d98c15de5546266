"""Who may use the meeting planner, built on the group rules of ``dialogue/permissions.py``.

The planner and what it reads (school holidays, events) belong to the people who manage the
group; a member may enter their own unavailability, and remove it again.
"""

from __future__ import annotations

from typing import Any

from clusterdialogue.common.permissions import Rule, register_rules
from clusterdialogue.dialogue.permissions import (
    MANAGING_ROLES,
    user_manages_group,
    user_reads_group_internal,
)

MANAGERS = "the secretariat, and the group's chair and secretariat"


def user_manages_any_group(user: Any) -> bool:
    """Whether the user manages at least one group (the menu shows the planner then)."""
    if user_manages_group(user, None):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return user.group_memberships.filter(role__in=MANAGING_ROLES, left_on__isnull=True).exists()


def _removes_period(user: Any, period: Any) -> bool:
    if user_manages_group(user, period.group):
        return True
    member = period.member
    return bool(
        period.kind == "unavailable"
        and member is not None
        and member.user_id is not None
        and member.user_id == getattr(user, "pk", None)
        and member.left_on is None
    )


RULES = register_rules(
    "planning",
    {
        "open_planner": Rule(
            lambda user, _obj: user_manages_any_group(user), who=MANAGERS, needs_object=False
        ),
        "plan": Rule(lambda user, group: user_manages_group(user, group), who=MANAGERS),
        "confirm_meeting": Rule(lambda user, group: user_manages_group(user, group), who=MANAGERS),
        "enter_school_holidays": Rule(
            lambda user, group: user_manages_group(user, group), who=MANAGERS
        ),
        "enter_event": Rule(lambda user, group: user_manages_group(user, group), who=MANAGERS),
        "remove_event": Rule(lambda user, group: user_manages_group(user, group), who=MANAGERS),
        "enter_unavailability": Rule(
            lambda user, group: user_reads_group_internal(user, group),
            who=f"{MANAGERS} for anyone; the group's members for themselves",
        ),
        "enter_unavailability_for_others": Rule(
            lambda user, group: user_manages_group(user, group), who=MANAGERS
        ),
        "remove_period": Rule(
            _removes_period, who=f"{MANAGERS}; a member their own unavailability"
        ),
    },
)
