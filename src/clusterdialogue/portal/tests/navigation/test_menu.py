"""The menu table and what it shows: rule-hidden entries, empty groups, registered slots."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from clusterdialogue.portal.navigation.registry import (
    GROUPS,
    Entry,
    Place,
    menu_entries,
    menu_entry_register,
    menu_entry_unregister,
)
from clusterdialogue.portal.navigation.selectors import breadcrumb_trail, menu_visible


@pytest.fixture
def empty_dialogue_slot():
    """The Dialogue and Events slots as before any feature of the dialogue and events apps fills
    them (these tests are about the slot mechanics and the other groups); their entries come
    back afterwards."""
    registered = {
        group.key: entries
        for group, entries in menu_entries()
        if group.key in ("dialogue", "events")
    }
    for key, entries in registered.items():
        for entry in entries:
            menu_entry_unregister(group=key, key=entry.key)
    yield
    for key, entries in registered.items():
        for entry in entries:
            menu_entry_register(group=key, entry=entry)


def labels(groups) -> dict[str, list[str]]:
    return {group.key: [str(link.label) for link in group.links] for group in groups}


def test_groups_have_a_fixed_order_with_slots_for_dialogue_and_events():
    assert [group.key for group in GROUPS] == [
        "evidence",
        "clusters",
        "collaboration",
        "dialogue",
        "events",
    ]


@pytest.mark.django_db
def test_public_menu_hides_the_queue_and_the_empty_groups(roles_world, empty_dialogue_slot):
    groups = menu_visible(place=Place(user=AnonymousUser(), view_name="portal:home"))
    assert labels(groups) == {
        "evidence": ["Map", "Categories", "Compare", "Growth", "Smart specialisation"],
        "clusters": ["Directory"],
        # No cluster of their own: the public gets no "Suggestions" entry.
        "collaboration": ["Cooperation board", "Funding calls", "Collaborations", "Network graph"],
    }
    assert not any(group.current for group in groups)  # the home page belongs to no group


@pytest.mark.django_db
def test_validation_queue_is_for_reviewers_only(roles_world):
    for role, shown in (("manager", False), ("representative", True), ("secretariat", True)):
        groups = menu_visible(place=Place(user=roles_world.user(role), view_name="clusters:list"))
        assert ("Validation queue" in labels(groups)["clusters"]) is shown, role


@pytest.mark.django_db
def test_a_manager_gets_suggestions_for_their_cluster(roles_world):
    groups = menu_visible(place=Place(user=roles_world.user("manager"), view_name="portal:map"))
    links = {link.key: link for group in groups for link in group.links}
    assert links["suggestions"].url == reverse(
        "collaboration:recommendations", args=[roles_world.organisation.slug]
    )


@pytest.mark.django_db
def test_growth_follows_the_region_being_looked_at(roles_world):
    place = Place(user=AnonymousUser(), view_name="portal:region", kwargs={"code": "QB11"})
    links = {link.key: link for group in menu_visible(place=place) for link in group.links}
    assert links["growth"].url == reverse("statistics:region-growth", args=["QB11"])
    # The region page belongs to the map; only one entry is current.
    assert [key for key, link in links.items() if link.current] == ["map"]


@pytest.mark.django_db
def test_most_specific_entry_is_current(roles_world):
    reviewer = roles_world.user("representative")
    place = Place(user=reviewer, view_name="clusters:change_detail", kwargs={"pk": 1})
    groups = menu_visible(place=place)
    current = [(g.key, link.key) for g in groups for link in g.links if link.current]
    assert current == [("clusters", "validation-queue")]
    # Someone who may not see the queue: the page falls back to the directory.
    place = Place(user=roles_world.user("manager"), view_name="clusters:change_queue")
    current = [link.key for g in menu_visible(place=place) for link in g.links if link.current]
    assert current == ["directory"]


@pytest.mark.django_db
def test_registering_into_the_dialogue_slot_shows_the_group(roles_world, empty_dialogue_slot):
    entry = Entry("dialogue-test", "Dialogue rooms", "portal:compare", rule="clusters.review_queue")
    menu_entry_register(group="dialogue", entry=entry)
    try:
        public = menu_visible(place=Place(user=AnonymousUser()))
        assert "dialogue" not in labels(public)  # its only entry is hidden: no group
        reviewer = menu_visible(place=Place(user=roles_world.user("secretariat")))
        assert labels(reviewer)["dialogue"] == ["Dialogue rooms"]
        assert [g.key for g in reviewer][-1] == "dialogue"  # after collaboration
        # Registering the same key again replaces the entry rather than adding one.
        menu_entry_register(group="dialogue", entry=Entry("dialogue-test", "Rooms", "portal:map"))
        assert labels(menu_visible(place=Place(user=AnonymousUser())))["dialogue"] == ["Rooms"]
    finally:
        menu_entry_unregister(group="dialogue", key="dialogue-test")
    assert "dialogue" not in labels(menu_visible(place=Place(user=AnonymousUser())))


def test_unknown_group_is_an_error():
    with pytest.raises(LookupError, match="no menu group"):
        menu_entry_register(group="benchmarks", entry=Entry("x", "X", "portal:map"))


@pytest.mark.django_db
def test_breadcrumbs_from_the_menu(roles_world):
    anonymous = AnonymousUser()
    assert breadcrumb_trail(place=Place(user=anonymous, view_name="portal:home"), title="") == []
    # A page of the menu itself is top level.
    assert breadcrumb_trail(place=Place(user=anonymous, view_name="portal:map"), title="Map") == []
    place = Place(user=anonymous, view_name="clusters:detail", kwargs={"slug": "example-cluster-a"})
    trail = breadcrumb_trail(place=place, title="Example cluster A")
    assert [(str(c.label), c.url) for c in trail] == [
        ("Home", "/"),
        ("Clusters", None),
        ("Directory", "/clusters/"),
        ("Example cluster A", None),
    ]
    # A page the menu does not know: home, then its title.
    trail = breadcrumb_trail(
        place=Place(user=anonymous, view_name="accounts:login"), title="Sign in"
    )
    assert [str(c.label) for c in trail] == ["Home", "Sign in"]


@pytest.mark.django_db
def test_pages_show_the_breadcrumbs_with_the_page_title(client, roles_world):
    html = client.get(reverse("clusters:detail", args=["example-cluster-a"])).content.decode()
    crumbs = html.split('<nav class="breadcrumbs" aria-label="Breadcrumb">')[1].split("</nav>")[0]
    assert '<a href="/clusters/">Directory</a>' in crumbs
    assert '<span aria-current="page">Example cluster A</span>' in crumbs
    # The header marks the current group and entry.
    header = html.split("</header>")[0]
    assert '<summary aria-expanded="false" aria-current="true">Clusters</summary>' in header
    assert '<a href="/clusters/" aria-current="true">Directory</a>' in header
    home = client.get("/").content.decode()
    assert 'aria-label="Breadcrumb"' not in home


@pytest.mark.django_db
def test_deeper_pages_name_the_pages_between(client, roles_world):
    client.force_login(roles_world.user("secretariat"))
    html = client.get(reverse("clusters:history", args=["example-cluster-a"])).content.decode()
    crumbs = html.split('aria-label="Breadcrumb">')[1].split("</nav>")[0]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs)
    assert links == [
        ("/", "Home"),
        ("/clusters/", "Directory"),
        ("/clusters/example-cluster-a/", "Example cluster A"),
    ]
    assert '<span aria-current="page">History · Example cluster A</span>' in crumbs


@pytest.mark.django_db
def test_every_menu_link_opens(client, small_world):
    groups = menu_visible(place=Place(user=AnonymousUser(), view_name="portal:home"))
    for group in groups:
        for link in group.links:
            assert client.get(link.url).status_code == 200, link.url
