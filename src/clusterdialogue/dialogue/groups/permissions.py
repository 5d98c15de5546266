"""Who may change a group, its members and its documents (on top of the ``dialogue.*`` rules).

* The network's secretariat creates top-level groups; the chair or secretariat of a group (or
  the network's secretariat) creates its sub-groups.
* A group's managers (``user_manages_group``) edit it, archive it, manage its members and
  upload its documents.
* The menu shows "Working groups" once there is a group the visitor may see.
* A public document is downloaded by whoever sees the group; an internal one by its members.
"""

from __future__ import annotations

from typing import Any

from clusterdialogue.accounts.permissions import user_is_secretariat
from clusterdialogue.common.permissions import Rule, register_rules
from clusterdialogue.dialogue.permissions import (
    user_manages_group,
    user_reads_group_internal,
    user_sees_group,
)


def user_can_create_group(user: Any, parent: Any) -> bool:
    """Without a parent: the secretariat; under a parent: whoever manages the parent."""
    if parent is None:
        return user_is_secretariat(user)
    return user_manages_group(user, parent)


def user_can_download_document(user: Any, document: Any) -> bool:
    if document.is_public:
        return user_sees_group(user, document.group)
    return user_reads_group_internal(user, document.group)


def user_has_groups_to_browse(user: Any, _obj: Any) -> bool:
    """Whether the network has a group this user may see (the menu hides an empty list)."""
    from clusterdialogue.dialogue.groups.selectors import group_list_visible

    return group_list_visible(user=user).exists()


MANAGERS = "the secretariat, and the group's chair and secretariat (or those of a group above it)"

RULES = register_rules(
    "groups",
    {
        "browse_groups": Rule(
            user_has_groups_to_browse,
            who="everyone, once the network has a group they may see",
            needs_object=False,
        ),
        "create_group": Rule(
            user_can_create_group,
            who="the secretariat; for a sub-group, also the parent group's chair and secretariat",
            needs_object=False,
        ),
        "change_group": Rule(lambda user, group: user_manages_group(user, group), who=MANAGERS),
        "archive_group": Rule(lambda user, group: user_manages_group(user, group), who=MANAGERS),
        "manage_members": Rule(lambda user, group: user_manages_group(user, group), who=MANAGERS),
        "upload_document": Rule(lambda user, group: user_manages_group(user, group), who=MANAGERS),
        "download_document": Rule(
            user_can_download_document,
            who="whoever sees the group for a public document; its members for an internal one",
        ),
    },
)
