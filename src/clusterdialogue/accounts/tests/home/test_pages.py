"""The signed-in home, role by role: each role sees its own sections with its data, and no other.

Example data only (``homes_world``: see ``testing/homes.py``).
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from clusterdialogue.accounts.models import Role
from clusterdialogue.testing.factories import clusters as factories_clusters

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")
# The opening tag of each role's sections.
MY_CLUSTER, MY_TERRITORY = 'id="my-cluster-', 'id="my-territory-'
SECRETARIAT, NEXT_STEPS, NOTIFICATIONS = 'id="secretariat"', 'id="next-steps"', 'id="notifications"'


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def _section(html: str, section_id: str) -> str:
    """The HTML of the section with ``section_id`` (sections are not nested)."""
    found = re.search(rf'<section[^>]* id="{re.escape(section_id)}".*?</section>', html, re.S)
    assert found, f"no section {section_id!r} on the page"
    return found.group(0)


def test_the_public_is_sent_to_sign_in(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_a_cluster_manager_sees_my_cluster(client, homes_world):
    world = homes_world
    html = _home(client, world.user("manager"))
    section = _section(html, "my-cluster-example-cluster-a")
    assert "My cluster: Example cluster A" in section
    # Completeness: 6 of 12 items; the missing ones link to where they are filled in.
    assert "<strong>50 %</strong>" in section
    for key in ("location", "categories", "ecosystems", "partnering", "labels", "contacts"):
        assert f'data-item="{key}"' in section, key
    for key in ("description", "website", "sectors", "keywords", "members", "staff"):
        assert f'data-item="{key}"' not in section, key
    edit = reverse("clusters:edit", args=["example-cluster-a"])
    assert f'href="{edit}#id_profile-offers"' in section
    assert "Active" in section and "✗" not in section  # meets every entry criterion
    assert reverse("clusters:change_detail", args=[world.change_a.pk]) in section
    assert reverse("clusters:change_detail", args=[world.change_b.pk]) not in html
    suggestions = re.search(r'<ol class="suggestions">.*?</ol>', section, re.S).group(0)
    assert "Example cluster B" in suggestions
    assert world.matched_post.title in section
    assert world.hidden_closed_post.title not in html
    assert world.own_post.title in section and "1 interested cluster" in section
    assert world.collaboration.title in section and "Contact made" in section
    assert world.hidden_closed_collaboration.title not in html
    notifications = _section(html, "notifications")
    assert world.notification.message in notifications
    assert world.hidden_read_notification.message not in html
    for other in (MY_TERRITORY, SECRETARIAT, NEXT_STEPS):
        assert other not in html, other
    # What the home showed before stays: roles and the account's links.
    assert "Cluster manager" in html
    assert reverse("accounts:password_change") in html
    assert reverse("accounts:invitation_create") in html


def test_a_manager_of_two_clusters_sees_each_with_its_own_data(client, homes_world):
    world = homes_world
    factories_clusters.RoleAssignmentFactory(
        user=world.user("manager"),
        role=Role.CLUSTER_MANAGER,
        organisation=world.roles.other_organisation,
    )
    html = _home(client, world.user("manager"))
    a = _section(html, "my-cluster-example-cluster-a")
    b = _section(html, "my-cluster-example-cluster-b")
    assert reverse("clusters:change_detail", args=[world.change_a.pk]) in a
    assert reverse("clusters:change_detail", args=[world.change_b.pk]) in b
    assert reverse("clusters:change_detail", args=[world.change_a.pk]) not in b
    assert world.own_post.title in a and world.own_post.title not in b
    assert world.collaboration.title in a and world.collaboration.title in b
    assert html.count(NOTIFICATIONS) == 1


def test_a_representative_sees_my_territory(client, homes_world):
    world = homes_world
    html = _home(client, world.user("representative"))
    section = _section(html, "my-territory-QA1")
    assert "My territory: Territory A" in section
    assert reverse("clusters:change_detail", args=[world.change_a.pk]) in section
    assert reverse("clusters:change_detail", args=[world.change_b.pk]) not in html
    assert reverse("clusters:change_queue") in section
    # The territory's clusters: A (active, meets the criteria) and A2 (provisional, below them).
    assert "2 cluster organisations" in section
    below = re.search(r'<table class="data below-criteria">.*?</table>', section, re.S).group(0)
    assert "Example battery cluster A2" in below and "Example cluster A<" not in below
    assert "a website" in below
    # The stored mapping, strongest first.
    specialisations = re.search(r'<table class="data specialisations">.*?</table>', section, re.S)
    rows = specialisations.group(0)
    assert rows.index("C27 Example electrical equipment") < rows.index("C10 Example food")
    assert "2.50" in rows
    # Every collaboration with a partner in the territory, finished or not.
    assert world.collaboration.title in section
    assert world.hidden_closed_collaboration.title in section
    for other in (MY_CLUSTER, SECRETARIAT, NEXT_STEPS, NOTIFICATIONS):
        assert other not in html, other


def test_another_representative_sees_their_own_territory_only(client, homes_world):
    world = homes_world
    html = _home(client, world.user("other_representative"))
    section = _section(html, "my-territory-QB1")
    assert reverse("clusters:change_detail", args=[world.change_b.pk]) in section
    assert reverse("clusters:change_detail", args=[world.change_a.pk]) not in html
    assert "My territory: Territory A" not in html
    assert world.collaboration.title in section  # B is a partner
    assert world.hidden_closed_collaboration.title not in html


def test_the_secretariat_sees_everything_waiting_and_upcoming_work(client, homes_world):
    world = homes_world
    html = _home(client, world.user("secretariat"))
    section = _section(html, "secretariat")
    by_territory = re.search(r'<table class="data changes-by-territory">.*?</table>', section, re.S)
    counts = re.findall(r"<td>(Territory \w)</td><td class=\"num\">(\d+)</td>", by_territory[0])
    assert counts == [("Territory A", "1"), ("Territory B", "1"), ("Territory C", "0")]
    for change in (world.change_a, world.change_b):
        assert reverse("clusters:change_detail", args=[change.pk]) in section
    assert world.invitation.email in section
    assert world.matched_post.title in section  # closes in 10 days
    assert world.call_soon.title in section and world.hidden_call_later.title not in html
    assert world.collaboration.title in section and "Contact made" in section
    for name in ("clusters:import", "collaboration:call-import", "accounts:invitation_list"):
        assert f'href="{reverse(name)}"' in section, name
    # The secretariat's account is not staff: the administration is named, not linked.
    assert f'href="{reverse("admin:index")}"' not in html
    assert "need a staff account" in section
    for other in (MY_CLUSTER, MY_TERRITORY, NEXT_STEPS, NOTIFICATIONS):
        assert other not in html, other


def test_a_superuser_without_roles_sees_the_secretariat_section(client, homes_world):
    admin = factories_clusters.UserFactory(username="home_admin", is_staff=True, is_superuser=True)
    html = _home(client, admin)
    section = _section(html, "secretariat")
    assert f'href="{reverse("admin:index")}"' in section
    assert NEXT_STEPS not in html


def test_a_registered_member_is_told_what_to_do_next(client, homes_world):
    html = _home(client, homes_world.user("member"))
    section = _section(html, "next-steps")
    for name in ("clusters:list", "collaboration:board", "collaboration:call-list"):
        assert f'href="{reverse(name)}"' in section, name
    assert "invite you" in section
    for other in (MY_CLUSTER, MY_TERRITORY, SECRETARIAT, NOTIFICATIONS):
        assert other not in html, other


def test_every_empty_section_says_what_to_do_next(client, roles_world):
    """Without posts, changes, collaborations, calls or mapping, each section says what to do."""
    expected = {
        "manager": (
            "No change is waiting.", "No open post matches the cluster yet.",
            "The cluster has no open post.", "No collaboration is under way.", "Nothing new.",
        ),
        "representative": (
            "No change is waiting for validation.", "No cluster mapping is stored",
            "No collaboration involves the territory",
        ),
        "secretariat": (
            "No proposed change is waiting anywhere.", "No invitation is waiting",
            "No open post closes soon.", "No call closes in that time.",
            "No collaboration has moved yet.",
        ),
    }  # fmt: skip
    for role, messages in expected.items():
        html = _home(client, roles_world.user(role))
        for message in messages:
            assert message in html, (role, message)
        assert html.count('class="empty"') >= len(messages), role


def test_contact_person_listings_stay(client, roles_world):
    factories_clusters.ContactPersonFactory(
        organisation=roles_world.other_organisation, user=roles_world.user("member")
    )
    html = _home(client, roles_world.user("member"))
    assert "You are listed as contact person of" in html and "Example cluster B" in html
    assert reverse("accounts:personal_data") in html
