"""Every role × every write of the groups feature (``groups.*`` rules), on the pages.

The world is ``group_world``: a public example group with a member and a chair (users), an
outsider, the network's secretariat and the anonymous public. A role missing from ``expected``
is refused and nothing is stored (``clusterdialogue.testing.permissions``).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterdialogue.dialogue.models import GroupDocument, GroupMember, WorkingGroup
from clusterdialogue.dialogue.tests.groups.conftest import DIALOGUE_ROLES
from clusterdialogue.testing.factories import dialogue as factories_dialogue
from clusterdialogue.testing.permissions import (
    APPLIED,
    Action,
    assert_rules_exercised,
    check_action,
)

pytestmark = pytest.mark.django_db

MANAGERS = {"chair": APPLIED, "secretariat": APPLIED}


def _group(world, state):
    return world.group


def _slug(world):
    return world.group.slug


def _guest(world):
    return {"guest": factories_dialogue.GroupMemberFactory(group=world.group, name="Example guest")}


ACTIONS = [
    Action(
        "page: create a top-level group",
        lambda c, w, s: c.post(reverse("dialogue:group-create"), {"name": "Example new group"}),
        lambda w, s: WorkingGroup.objects.filter(name="Example new group").exists(),
        {"secretariat": APPLIED},
        rule="groups.create_group",
        rule_object=lambda w, s: None,
    ),
    Action(
        "page: create a sub-group",
        lambda c, w, s: c.post(
            reverse("dialogue:group-create") + f"?parent={_slug(w)}",
            {"name": "Example sub-group", "parent": w.group.pk, "is_public": "on"},
        ),
        lambda w, s: WorkingGroup.objects.filter(name="Example sub-group", parent=w.group).exists(),
        MANAGERS,
        rule="groups.create_group",
        rule_object=_group,
    ),
    Action(
        "page: edit the group",
        lambda c, w, s: c.post(
            reverse("dialogue:group-edit", args=[_slug(w)]),
            {"name": "Example renamed", "is_public": "on"},
        ),
        lambda w, s: WorkingGroup.objects.filter(name="Example renamed").exists(),
        MANAGERS,
        rule="groups.change_group",
        rule_object=_group,
    ),
    Action(
        "page: archive the group",
        lambda c, w, s: c.post(
            reverse("dialogue:group-archive", args=[_slug(w)]), {"archived": "1"}
        ),
        lambda w, s: WorkingGroup.objects.filter(pk=w.group.pk, archived_at__isnull=False).exists(),
        MANAGERS,
        rule="groups.archive_group",
        rule_object=_group,
    ),
    Action(
        "page: add a member",
        lambda c, w, s: c.post(
            reverse("dialogue:member-add", args=[_slug(w)]),
            {"name": "Example added", "role": "member"},
        ),
        lambda w, s: GroupMember.objects.filter(name="Example added").exists(),
        MANAGERS,
        rule="groups.manage_members",
        rule_object=_group,
    ),
    Action(
        "page: edit a member",
        lambda c, w, s: c.post(
            reverse("dialogue:member-edit", args=[_slug(w), s["guest"].pk]),
            {"name": "Example guest", "role": "guest"},
        ),
        lambda w, s: GroupMember.objects.filter(pk=s["guest"].pk, role="guest").exists(),
        MANAGERS,
        setup=_guest,
        rule="groups.manage_members",
        rule_object=_group,
    ),
    Action(
        "page: remove a member",
        lambda c, w, s: c.post(reverse("dialogue:member-remove", args=[_slug(w), s["guest"].pk])),
        lambda w, s: not GroupMember.objects.filter(pk=s["guest"].pk).exists(),
        MANAGERS,
        setup=_guest,
        rule="groups.manage_members",
        rule_object=_group,
    ),
    Action(
        "API: add a member",
        lambda c, w, s: c.post(
            "/api/dialogue/members/",
            {"group": _slug(w), "name": "Example API member", "role": "member", "territory": "QA1"},
            content_type="application/json",
        ),
        lambda w, s: GroupMember.objects.filter(name="Example API member").exists(),
        MANAGERS,
        api=True,
        rule="groups.manage_members",
        rule_object=_group,
    ),
    Action(
        "API: change a member's role",
        lambda c, w, s: c.patch(
            f"/api/dialogue/members/{s['guest'].pk}/",
            {"role": "secretariat"},
            content_type="application/json",
        ),
        lambda w, s: GroupMember.objects.filter(pk=s["guest"].pk, role="secretariat").exists(),
        MANAGERS,
        setup=_guest,
        api=True,
        rule="groups.manage_members",
        rule_object=_group,
    ),
    Action(
        "API: remove a member",
        lambda c, w, s: c.delete(f"/api/dialogue/members/{s['guest'].pk}/"),
        lambda w, s: not GroupMember.objects.filter(pk=s["guest"].pk).exists(),
        MANAGERS,
        setup=_guest,
        api=True,
        rule="groups.manage_members",
        rule_object=_group,
    ),
    Action(
        "page: upload a document",
        lambda c, w, s: c.post(
            reverse("dialogue:document-upload", args=[_slug(w)]),
            {"title": "Example paper", "language": "en", "file": SimpleUploadedFile("p.txt", b"x")},
        ),
        lambda w, s: GroupDocument.objects.filter(title="Example paper").exists(),
        MANAGERS,
        rule="groups.upload_document",
        rule_object=_group,
    ),
]


@pytest.mark.parametrize("role", DIALOGUE_ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_matrix(client, group_world, action, role, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    check_action(client, group_world, action, role)


def test_every_groups_rule_is_exercised():
    assert_rules_exercised(
        "groups",
        ACTIONS,
        elsewhere={
            "groups.browse_groups": "the menu: test_pages.test_menu_entry_once_there_is_a_group",
            "groups.download_document": "a read: test_pages.test_document_upload_and_download",
        },
    )
