"""Who may do what with a group's meetings; every rule builds on the group's roles.

Managers (the network's secretariat, the group's chair and secretariat) run the meetings:
create them, edit the agenda, record attendance, write and publish the minutes, send invitations.
Members of the group register; everyone who sees a group reads its public meetings and the
minutes once they are published.
"""

from __future__ import annotations

from typing import Any

from clusterdialogue.common.permissions import Rule, register_rules
from clusterdialogue.dialogue.permissions import (
    user_manages_group,
    user_reads_group_internal,
    user_sees_group,
)


def user_sees_meeting(user: Any, meeting: Any) -> bool:
    """A public meeting of a visible group, or any meeting for the group's own people."""
    if not user_sees_group(user, meeting.group):
        return False
    return meeting.is_public or user_reads_group_internal(user, meeting.group)


def user_reads_minutes(user: Any, meeting: Any) -> bool:
    """Published minutes are read with the meeting; drafts only by the group's managers."""
    if user_manages_group(user, meeting.group):
        return True
    return meeting.published_at is not None and user_sees_meeting(user, meeting)


def user_registers(user: Any, meeting: Any) -> bool:
    """A member of the group (a user linked to one of its members) registers for its meetings."""
    if not getattr(user, "is_authenticated", False):
        return False
    return meeting.group.members.filter(user=user, left_on__isnull=True).exists()


RULES = register_rules(
    "meetings",
    {
        "view_meeting": Rule(
            user_sees_meeting,
            who="everyone for a public meeting; the group's members and the secretariat otherwise",
        ),
        "read_minutes": Rule(
            user_reads_minutes,
            who="everyone who sees the meeting once the minutes are published; "
            "the group's managers before",
        ),
        "create_meeting": Rule(
            lambda user, group: user_manages_group(user, group),
            who="the secretariat, and the group's chair and secretariat",
        ),
        "manage_meeting": Rule(
            lambda user, meeting: user_manages_group(user, meeting.group),
            who="the secretariat, and the group's chair and secretariat",
        ),
        "register": Rule(user_registers, who="the group's members (with a user account)"),
    },
)
