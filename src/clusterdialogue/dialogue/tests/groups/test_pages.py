"""The group pages: the tree, a group's page by reader, forms, documents and history."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from clusterdialogue.dialogue.models import GroupDocument, GroupMember, WorkingGroup
from clusterdialogue.testing.factories import dialogue as factories_dialogue

pytestmark = pytest.mark.django_db


def test_list_is_a_tree_with_archived_apart_and_internal_hidden(client, group_world):
    group = group_world.group
    factories_dialogue.WorkingGroupFactory(
        network=group.network, parent=group, name="Example sub-dialogue"
    )
    factories_dialogue.WorkingGroupFactory(
        network=group.network, name="Example old group", archived_at=timezone.now()
    )
    factories_dialogue.WorkingGroupFactory(
        network=group.network, name="Example internal group", is_public=False
    )
    page = client.get(reverse("dialogue:group-list")).content.decode()
    assert "Example dialogue" in page and "Example sub-dialogue" in page
    assert page.index("Example sub-dialogue") > page.index("Example dialogue")
    assert page.index("Example old group") > page.index("Archived groups")
    assert "Example internal group" not in page
    client.force_login(group_world.user("secretariat"))
    page = client.get(reverse("dialogue:group-list")).content.decode()
    assert "Example internal group" in page and "New working group" in page


def test_empty_list_says_what_to_do(client, db):
    page = client.get(reverse("dialogue:group-list")).content.decode()
    assert "No working group yet." in page and "secretariat" in page


def test_internal_group_is_404_for_outsiders(client, group_world):
    hidden = factories_dialogue.WorkingGroupFactory(network=group_world.network, is_public=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    client.force_login(group_world.user("outsider"))
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_members_documents_and_history_by_reader(client, group_world):
    group = group_world.group
    factories_dialogue.GroupDocumentFactory(
        group=group, title="Example public paper", is_public=True
    )
    factories_dialogue.GroupDocumentFactory(group=group, title="Example internal note")
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Example public paper" in page and "Example internal note" not in page
    assert "Example chair" not in page and 'id="history"' not in page
    client.force_login(group_world.user("member"))
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Example internal note" in page
    assert "Example chair" in page and "Territory A" in page and "Example regional agency" in page
    assert 'id="history"' in page and "Member Example chair added" in page
    assert "Edit the group" not in page


def test_chair_edits_the_group_and_history_shows_it(client, group_world):
    group = group_world.group
    client.force_login(group_world.user("chair"))
    response = client.post(
        reverse("dialogue:group-edit", args=[group.slug]),
        {"name": "Example dialogue renamed", "description": "New text", "is_public": "on"},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Example dialogue renamed"
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Group changed" in page and "name" in page and "group_chair" in page


def test_create_requires_a_name_and_stores_nothing(client, group_world):
    client.force_login(group_world.user("secretariat"))
    before = WorkingGroup.objects.count()
    response = client.post(reverse("dialogue:group-create"), {"name": ""})
    assert response.status_code == 400
    assert WorkingGroup.objects.count() == before


def test_member_form_validates_dates(client, group_world):
    group = group_world.group
    client.force_login(group_world.user("chair"))
    response = client.post(
        reverse("dialogue:member-add", args=[group.slug]),
        {
            "name": "Example new",
            "role": "member",
            "joined_on": "2020-01-02",
            "left_on": "2020-01-01",
        },
    )
    assert response.status_code == 400
    assert "cannot leave before joining" in response.content.decode()
    assert not GroupMember.objects.filter(name="Example new").exists()


def test_document_upload_and_download(client, group_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    group = group_world.group
    client.force_login(group_world.user("chair"))
    upload = SimpleUploadedFile("terms.txt", b"Example terms of reference")
    response = client.post(
        reverse("dialogue:document-upload", args=[group.slug]),
        {"title": "Example terms", "file": upload, "language": "en"},
    )
    assert response.status_code == 302
    document = GroupDocument.objects.get(title="Example terms")
    assert not document.is_public and document.uploaded_by == group_world.user("chair")
    url = reverse("dialogue:document-download", args=[group.slug, document.pk])
    assert b"".join(client.get(url).streaming_content) == b"Example terms of reference"
    client.logout()
    assert client.get(url).status_code == 404


def test_document_upload_without_file_names_the_field(client, group_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(group_world.user("chair"))
    response = client.post(
        reverse("dialogue:document-upload", args=[group_world.group.slug]),
        {"title": "Example", "language": "en"},
    )
    assert response.status_code == 400
    assert not GroupDocument.objects.exists()


def test_a_sub_group_chair_cannot_move_it_to_the_top(client, group_world):
    child = factories_dialogue.WorkingGroupFactory(
        network=group_world.network, parent=group_world.group, name="Example child"
    )
    user = group_world.user("outsider")
    factories_dialogue.GroupMemberFactory(group=child, user=user, role="chair")
    client.force_login(user)
    url = reverse("dialogue:group-edit", args=[child.slug])
    response = client.post(url, {"name": "Example child", "is_public": "on"})
    assert response.status_code == 400
    child.refresh_from_db()
    assert child.parent == group_world.group
    response = client.post(
        url, {"name": "Example child renamed", "parent": group_world.group.pk, "is_public": "on"}
    )
    assert response.status_code == 302


def test_menu_entry_once_there_is_a_group(db):
    from django.contrib.auth.models import AnonymousUser

    from clusterdialogue.portal.navigation.registry import Place
    from clusterdialogue.portal.navigation.selectors import menu_visible

    def entries():
        groups = menu_visible(place=Place(user=AnonymousUser(), view_name="portal:home"))
        return [str(e.label) for g in groups if g.key == "dialogue" for e in g.links]

    assert "Working groups" not in entries()
    internal = factories_dialogue.WorkingGroupFactory(is_public=False)
    assert "Working groups" not in entries()
    internal.is_public = True
    internal.save()
    assert "Working groups" in entries()


def test_a_group_named_new_gets_a_slug_the_list_does_not_shadow(group_world):
    from clusterdialogue.dialogue.groups.services import group_create

    group = group_create(network=group_world.network, data={"name": "New"})
    assert group.slug == "new-group"


def test_member_form_links_an_account_chosen_or_found_by_email(client, group_world):
    from clusterdialogue.testing.factories import clusters as factories_clusters

    group = group_world.group
    chosen = factories_clusters.UserFactory(username="example_chosen", email="")
    found = factories_clusters.UserFactory(username="example_found", email="found@example.org")
    client.force_login(group_world.user("chair"))
    url = reverse("dialogue:member-add", args=[group.slug])
    assert 'name="user"' in client.get(url).content.decode()
    client.post(url, {"name": "Example chosen", "role": "secretariat", "user": chosen.pk})
    client.post(url, {"name": "Example found", "role": "member", "email": "FOUND@example.org"})
    client.post(url, {"name": "Example without", "role": "member", "email": "none@example.org"})
    members = {m.name: m.user for m in group.members.all()}
    assert members["Example chosen"] == chosen and members["Example found"] == found
    assert members["Example without"] is None
    page = client.get(group.get_absolute_url()).content.decode()
    assert "no account: the role gives no rights" in page
    # The linked secretariat now manages the group.
    client.force_login(chosen)
    assert client.get(reverse("dialogue:group-edit", args=[group.slug])).status_code == 200
