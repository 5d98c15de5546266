"""The profile page: every fact of a profile, contacts by consent, history, per-role buttons."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from clusterdialogue.clusters.models import (
    ClusterCategory,
    ClusterOrganisation,
)
from clusterdialogue.testing import factories
from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.factories.clusters import ecosystem

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(roles_world):
    organisation = roles_world.organisation
    organisation.description = "An example cluster for tests."
    organisation.offers = "Example test beds"
    organisation.looking_for = "Example partners in batteries"
    organisation.keywords = ["example keyword", "electromobility"]
    organisation.members_sme, organisation.members_large = 10, 4
    organisation.members_rto, organisation.members_public = 2, 1
    organisation.staff_fte = 2
    organisation.website = "https://example.org/"
    organisation.source = "Example source for tests"
    organisation.save()
    organisation.sectors.add(
        factories.IndustryFactory(code="C29", name_en="Manufacture of motor vehicles")
    )
    organisation.ecosystems.add(ecosystem("digital"))
    factories_clusters.LabelFactory(
        organisation=organisation, name="ESCA", grade="Gold",
        valid_until=datetime.date.today() + datetime.timedelta(days=300),
    )  # fmt: skip
    factories_clusters.LabelFactory(
        organisation=organisation, name="Old label", grade="Bronze",
        valid_until=datetime.date(2015, 1, 1),
    )  # fmt: skip
    factories_clusters.ClusterMemberFactory(organisation=organisation, name="Example member Ltd")
    factories_clusters.ContactPersonFactory(
        organisation=organisation, name="Ada Consenting", public_consent=True
    )
    factories_clusters.ContactPersonFactory(
        organisation=organisation, name="Bob Private", email="bob.private@example.org"
    )
    return organisation


def test_profile_page_shows_all_facts(client, profile):
    response = client.get(reverse("clusters:detail", args=[profile.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Example cluster A", "An example cluster for tests.", "Example test beds",
        "Example partners in batteries", "electromobility", "Example member Ltd",
        "Manufacture of motor vehicles", "C29", "Digital", "ESCA", "Gold", "expired",
        "Example source for tests", "at least 15 committed members", "Industry", "Research",
    ):  # fmt: skip
        assert text in html, text
    # 17 members in four types, 2 FTE and a website: all entry criteria met.
    assert html.count('class="unmet"') == 0
    assert html.count('class="met"') == 4


def test_unmet_criteria_are_shown(client, roles_world):
    response = client.get(reverse("clusters:detail", args=[roles_world.organisation.slug]))
    assert response.content.decode().count('class="unmet"') == 4


def test_contacts_without_consent_only_for_signed_in_users(client, profile, roles_world):
    url = reverse("clusters:detail", args=[profile.slug])
    public = client.get(url).content.decode()
    assert "Ada Consenting" in public
    assert "Bob Private" not in public and "bob.private@example.org" not in public
    assert "shown to signed-in users only" in public
    client.force_login(roles_world.user("member"))
    signed_in = client.get(url).content.decode()
    assert "Bob Private" in signed_in and "bob.private@example.org" in signed_in


@pytest.mark.parametrize(
    ("role", "buttons", "absent"),
    [
        ("anonymous", [], ["Edit profile", "Propose a change", "Invite a cluster manager"]),
        ("member", [], ["Edit profile", "Propose a change", "Add a member"]),
        ("manager", ["Propose a change", "Add a member", "Invite a cluster manager"], ["Edit profile"]),
        ("other_manager", [], ["Edit profile", "Propose a change", "Add a member"]),
        ("representative", ["Edit profile", "Add a member", "Invite a cluster manager"], ["Propose a change"]),
        ("other_representative", [], ["Edit profile", "Propose a change", "Add a member"]),
        ("secretariat", ["Edit profile", "Add a member", "Invite a cluster manager"], ["Propose a change"]),
    ],
)  # fmt: skip
def test_buttons_follow_permissions(client, roles_world, role, buttons, absent):
    if roles_world.user(role):
        client.force_login(roles_world.user(role))
    html = client.get(reverse("clusters:detail", args=[roles_world.organisation.slug])).content
    for text in buttons:
        assert text.encode() in html, text
    for text in absent:
        assert text.encode() not in html, text


def test_private_and_archived_profiles_are_hidden_from_the_public(client, roles_world):
    organisation = roles_world.organisation
    organisation.status = ClusterOrganisation.Status.ARCHIVED
    organisation.save()
    url = reverse("clusters:detail", args=[organisation.slug])
    assert client.get(url).status_code == 404
    client.force_login(roles_world.user("member"))
    assert client.get(url).status_code == 404
    client.force_login(roles_world.user("manager"))
    assert client.get(url).status_code == 200


def test_history_tab_shows_who_changed_what(client, roles_world):
    from clusterdialogue.clusters.profiles.services import organisation_update

    organisation = roles_world.organisation
    representative = roles_world.user("representative")
    organisation_update(organisation=organisation, data={"city": "Gamma"}, user=representative)
    response = client.get(reverse("clusters:history", args=[organisation.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "role_representative" in html
    assert "Alpha" in html and "Gamma" in html


def test_similar_clusters_section(client, roles_world):
    organisation, other = roles_world.organisation, roles_world.other_organisation
    sector = factories.IndustryFactory(code="C21", name_en="Pharmaceuticals")
    health = ecosystem("health")
    category = ClusterCategory.objects.create(name="Example category", slug="example-category")
    for each in (organisation, other):
        each.sectors.add(sector)
        each.ecosystems.add(health)
        each.categories.add(category)
    html = client.get(reverse("clusters:detail", args=[organisation.slug])).content.decode()
    assert "Similar clusters" in html
    assert reverse("clusters:detail", args=[other.slug]) in html
