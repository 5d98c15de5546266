"""Writes of the groups feature: groups, their members and documents (checked, all or nothing)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clusterdialogue.dialogue.models import GroupDocument, GroupMember, WorkingGroup
from clusterdialogue.regions.models import Network

GROUP_FIELDS = ("name", "description", "founded_year", "is_public", "source", "parent")
MEMBER_FIELDS = (
    "name", "email", "organisation", "territory", "role", "joined_on", "left_on", "user",
)  # fmt: skip


def _check_parent(*, group: WorkingGroup | None, parent: WorkingGroup | None, network: Network):
    if parent is None:
        return
    if parent.network_id != network.pk:
        raise ValidationError({"parent": _("The parent group belongs to another network.")})
    node = parent
    while node is not None:
        if group is not None and node.pk == group.pk:
            raise ValidationError({"parent": _("A group cannot be placed under itself.")})
        node = node.parent


# /dialogue/new/ is the creation form and /dialogue/library/ the library: a group slugged so
# could never be opened.
RESERVED_SLUGS = {"new", "library"}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "group"
    if base in RESERVED_SLUGS:
        base = f"{base}-group"
    slug, n = base, 2
    while WorkingGroup.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def group_create(*, network: Network, data: dict[str, Any]) -> WorkingGroup:
    """A new group (a sub-group when ``data["parent"]`` is given), with a free slug."""
    name = (data.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the group a name.")})
    _check_parent(group=None, parent=data.get("parent"), network=network)
    values = {key: data[key] for key in GROUP_FIELDS if key in data}
    values["name"] = name
    return WorkingGroup.objects.create(network=network, slug=_unique_slug(name), **values)


@transaction.atomic
def group_update(*, group: WorkingGroup, data: dict[str, Any]) -> WorkingGroup:
    if "name" in data and not (data["name"] or "").strip():
        raise ValidationError({"name": _("Give the group a name.")})
    _check_parent(group=group, parent=data.get("parent"), network=group.network)
    for key in GROUP_FIELDS:
        if key in data:
            setattr(group, key, data[key])
    group.full_clean(exclude=["slug"])
    group.save()
    return group


@transaction.atomic
def group_set_archived(*, group: WorkingGroup, archived: bool) -> WorkingGroup:
    """Archive (or bring back) a group; its meetings and history stay readable."""
    group.archived_at = timezone.now() if archived else None
    group.save(update_fields=["archived_at", "updated_at"])
    return group


def _check_member(data: dict[str, Any]) -> None:
    if not (data.get("name") or "").strip():
        raise ValidationError({"name": _("Give the member's name.")})
    if data.get("role") and data["role"] not in GroupMember.Role.values:
        raise ValidationError({"role": _("Choose one of the roles offered.")})
    joined, left = data.get("joined_on"), data.get("left_on")
    if joined and left and left < joined:
        raise ValidationError({"left_on": _("The member cannot leave before joining.")})


def _account_for_email(email: str) -> Any:
    """The one active account with this e-mail (case ignored), or ``None``."""
    if not email:
        return None
    accounts = list(get_user_model().objects.filter(email__iexact=email, is_active=True)[:2])
    return accounts[0] if len(accounts) == 1 else None


def _check_account(*, group: WorkingGroup, member: GroupMember) -> None:
    """One current membership per account and group: two would give it two roles at once."""
    if member.user_id is None or member.left_on is not None:
        return
    others = group.members.filter(user_id=member.user_id, left_on__isnull=True)
    if member.pk:
        others = others.exclude(pk=member.pk)
    if others.exists():
        raise ValidationError(
            {"user": _("This account is already a current member of the group; edit that entry.")}
        )


@transaction.atomic
def member_add(*, group: WorkingGroup, data: dict[str, Any]) -> GroupMember:
    """A new member; without an account given, the one account with the member's e-mail."""
    _check_member(data)
    values = {key: data[key] for key in MEMBER_FIELDS if key in data}
    if values.get("user") is None:
        values["user"] = _account_for_email((values.get("email") or "").strip())
    member = GroupMember(group=group, **values)
    _check_account(group=group, member=member)
    member.save()
    return member


@transaction.atomic
def member_update(*, member: GroupMember, data: dict[str, Any]) -> GroupMember:
    _check_member({**{k: getattr(member, k) for k in MEMBER_FIELDS}, **data})
    for key in MEMBER_FIELDS:
        if key in data:
            setattr(member, key, data[key])
    if member.user_id is None:
        member.user = _account_for_email((member.email or "").strip())
    _check_account(group=member.group, member=member)
    member.save()
    return member


@transaction.atomic
def member_remove(*, member: GroupMember) -> None:
    """Delete the membership; the history keeps who it was."""
    member.delete()


@transaction.atomic
def document_upload(*, group: WorkingGroup, user: Any, data: dict[str, Any]) -> GroupDocument:
    if not (data.get("title") or "").strip():
        raise ValidationError({"title": _("Give the document a title.")})
    if not data.get("file"):
        raise ValidationError({"file": _("Choose a file to upload.")})
    return GroupDocument.objects.create(
        group=group,
        title=data["title"].strip(),
        file=data["file"],
        language=data.get("language") or "en",
        is_public=bool(data.get("is_public")),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )


# Example people only: two per territory, named after their territory so no one is invented.
DEMO_MEMBER_ROLES = (GroupMember.Role.MEMBER, GroupMember.Role.MEMBER)


@transaction.atomic
def group_demo_load(*, groups: list[WorkingGroup], source: str) -> None:
    """Example members of the demo groups and the Cluster Dialogue's 2016–2018 roadmap.

    Called by ``dialogue.demo.dialogue_demo_load``; idempotent.
    """
    from clusterdialogue.dialogue.roadmap.services import roadmap_demo_load

    main = groups[0]
    for group in groups:
        for territory in group.network.territories.order_by("name"):
            for number, role in enumerate(DEMO_MEMBER_ROLES, start=1):
                GroupMember.objects.get_or_create(
                    group=group,
                    name=f"Example member {number} ({territory.name})",
                    defaults={
                        "territory": territory,
                        "role": role,
                        "organisation": f"Example regional agency ({territory.name})",
                    },
                )
    roadmap_demo_load(group=main, source=source)
