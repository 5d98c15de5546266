"""Proposed changes: the diff, approval (with history and stale checks), rejection, direct edits."""

from __future__ import annotations

import decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from clusterdialogue.clusters.changes.selectors import (
    profile_change_queue,
    profile_change_rows,
)
from clusterdialogue.clusters.changes.services import (
    ProfileChangeStale,
    profile_change_approve,
    profile_change_reject,
)
from clusterdialogue.clusters.models import ProfileChange
from clusterdialogue.clusters.profiles.forms import ProfileForm
from clusterdialogue.clusters.profiles.services import (
    ProfileChangeError,
    organisation_update,
    profile_change_propose,
    profile_diff,
)
from clusterdialogue.testing import factories
from clusterdialogue.testing.factories.clusters import ecosystem
from clusterdialogue.testing.fixtures.accounts import profile_form_data

pytestmark = pytest.mark.django_db


def test_an_unchanged_form_changes_nothing(roles_world):
    organisation = roles_world.organisation
    organisation.staff_fte = decimal.Decimal("1.50")
    organisation.keywords = ["a", "b"]
    organisation.save()
    form = ProfileForm(
        profile_form_data(organisation), organisation=organisation, reviewer=False, prefix="profile"
    )
    assert form.is_valid(), form.errors
    assert profile_diff(organisation=organisation, data=form.cleaned_data) == {}


def test_manager_proposes_and_representative_approves(roles_world):
    organisation = roles_world.organisation
    manager, representative = roles_world.user("manager"), roles_world.user("representative")
    digital = ecosystem("digital")
    sector = factories.IndustryFactory(code="C29", name_en="Motor vehicles")
    change = profile_change_propose(
        organisation=organisation,
        data={"description": "New text", "ecosystems": [digital], "sectors": [sector],
              "staff_fte": decimal.Decimal("2.5"), "keywords": ["batteries"]},
        user=manager,
    )  # fmt: skip
    assert change.changes["description"] == {"old": "", "new": "New text"}
    assert change.changes["ecosystems"] == {"old": [], "new": ["digital"]}
    assert change.changes["staff_fte"] == {"old": None, "new": "2.5"}
    organisation.refresh_from_db()
    assert organisation.description == ""  # not live before validation
    assert list(profile_change_queue(user=representative)) == [change]
    assert list(profile_change_queue(user=roles_world.user("other_representative"))) == []

    profile_change_approve(change=change, user=representative)
    organisation.refresh_from_db()
    change.refresh_from_db()
    assert organisation.description == "New text"
    assert organisation.staff_fte == decimal.Decimal("2.5")
    assert organisation.keywords == ["batteries"]
    assert list(organisation.ecosystems.all()) == [digital]
    assert list(organisation.sectors.all()) == [sector]
    assert change.status == ProfileChange.Status.APPROVED
    assert change.reviewed_by == representative and change.reviewed_at is not None
    latest = organisation.history.latest()
    assert latest.history_user == representative
    assert "role_manager" in latest.history_change_reason
    assert len(latest.history_change_reason) <= 100


def test_readable_diff_rows(roles_world):
    organisation = roles_world.organisation
    sector = factories.IndustryFactory(code="C29", name_en="Manufacture of motor vehicles")
    change = profile_change_propose(
        organisation=organisation,
        data={"sectors": [sector], "description": "Text"},
        user=roles_world.user("manager"),
    )
    rows = {row.field: row for row in profile_change_rows(change=change)}
    assert rows["sectors"].new == "C29 Manufacture of motor vehicles"
    assert rows["sectors"].old == "—"
    assert rows["description"].label == "Description"


def test_stale_change_is_refused_unless_forced(roles_world):
    organisation = roles_world.organisation
    change = profile_change_propose(
        organisation=organisation, data={"city": "Delta"}, user=roles_world.user("manager")
    )
    organisation_update(
        organisation=organisation, data={"city": "Epsilon"}, user=roles_world.user("secretariat")
    )
    with pytest.raises(ProfileChangeStale, match="city"):
        profile_change_approve(change=change, user=roles_world.user("representative"))
    organisation.refresh_from_db()
    assert organisation.city == "Epsilon"
    assert [row.current for row in profile_change_rows(change=change)] == ["Epsilon"]
    profile_change_approve(change=change, user=roles_world.user("representative"), force=True)
    organisation.refresh_from_db()
    assert organisation.city == "Delta"


def test_reject_needs_a_comment_and_keeps_the_profile(roles_world):
    organisation = roles_world.organisation
    change = profile_change_propose(
        organisation=organisation, data={"city": "Delta"}, user=roles_world.user("manager")
    )
    with pytest.raises(ProfileChangeError):
        profile_change_reject(change=change, user=roles_world.user("secretariat"), comment=" ")
    profile_change_reject(change=change, user=roles_world.user("secretariat"), comment="Typo")
    change.refresh_from_db()
    organisation.refresh_from_db()
    assert change.status == ProfileChange.Status.REJECTED and change.review_comment == "Typo"
    assert organisation.city == "Alpha"
    with pytest.raises(ProfileChangeError, match="already"):
        profile_change_approve(change=change, user=roles_world.user("secretariat"))


def test_managers_cannot_validate_or_propose_reviewer_fields(roles_world):
    organisation = roles_world.organisation
    manager = roles_world.user("manager")
    change = profile_change_propose(organisation=organisation, data={"city": "X"}, user=manager)
    with pytest.raises(PermissionDenied):
        profile_change_approve(change=change, user=manager)
    with pytest.raises(PermissionDenied):
        profile_change_propose(organisation=organisation, data={"status": "active"}, user=manager)
    with pytest.raises(PermissionDenied):
        organisation_update(organisation=organisation, data={"city": "Y"}, user=manager)


def test_no_change_no_proposal(roles_world):
    organisation = roles_world.organisation
    assert (
        profile_change_propose(
            organisation=organisation, data={"city": "Alpha"}, user=roles_world.user("manager")
        )
        is None
    )


def test_manager_edit_form_creates_a_proposal_and_public_page_keeps_old_value(client, roles_world):
    organisation = roles_world.organisation
    client.force_login(roles_world.user("manager"))
    url = reverse("clusters:edit", args=[organisation.slug])
    response = client.post(url, profile_form_data(organisation, city="Proposed City"))
    change = ProfileChange.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("clusters:change_detail", args=[change.pk])
    assert change.changes == {"city": {"old": "Alpha", "new": "Proposed City"}}
    client.logout()
    page = client.get(reverse("clusters:detail", args=[organisation.slug])).content.decode()
    assert "Proposed City" not in page and "Alpha" in page


def test_reviewer_queue_and_approval_pages(client, roles_world):
    organisation = roles_world.organisation
    change = profile_change_propose(
        organisation=organisation, data={"city": "Queued City"}, user=roles_world.user("manager")
    )
    client.force_login(roles_world.user("representative"))
    queue = client.get(reverse("clusters:change_queue")).content.decode()
    assert "Queued City" in queue and "Alpha" in queue
    detail = client.get(reverse("clusters:change_detail", args=[change.pk])).content.decode()
    assert "Approve and publish" in detail
    response = client.post(reverse("clusters:change_approve", args=[change.pk]))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.city == "Queued City"


def test_stale_approval_in_the_ui_says_why(client, roles_world):
    organisation = roles_world.organisation
    change = profile_change_propose(
        organisation=organisation, data={"city": "Delta"}, user=roles_world.user("manager")
    )
    organisation_update(
        organisation=organisation, data={"city": "Epsilon"}, user=roles_world.user("secretariat")
    )
    client.force_login(roles_world.user("representative"))
    response = client.post(reverse("clusters:change_approve", args=[change.pk]), follow=True)
    html = response.content.decode()
    assert "was changed after this proposal" in html
    assert "Overwrite the values changed since the proposal" in html
    organisation.refresh_from_db()
    assert organisation.city == "Epsilon"


def test_manager_sees_status_of_proposals(client, roles_world):
    organisation = roles_world.organisation
    change = profile_change_propose(
        organisation=organisation, data={"city": "Delta"}, user=roles_world.user("manager")
    )
    profile_change_reject(
        change=change, user=roles_world.user("secretariat"), comment="No such city"
    )
    client.force_login(roles_world.user("manager"))
    html = client.get(reverse("clusters:change_queue")).content.decode()
    assert "Rejected" in html and "No such city" in html
    assert "Validation queue" not in html.split("<main>")[1]


def test_invalid_direct_edit_leaves_the_profile_as_it_was(client, roles_world):
    organisation = roles_world.organisation
    client.force_login(roles_world.user("secretariat"))
    url = reverse("clusters:edit", args=[organisation.slug])
    response = client.post(
        url,
        profile_form_data(organisation, reviewer=True, founding_year="not a year", city="Changed"),
    )
    assert response.status_code == 400
    assert "Enter a whole number" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.city == "Alpha"


def test_refusals_say_why(client, roles_world):
    organisation = roles_world.organisation
    client.force_login(roles_world.user("member"))
    response = client.get(reverse("clusters:edit", args=[organisation.slug]))
    assert response.status_code == 403
    assert "territory&#x27;s representative and the secretariat edit this profile" in (
        response.content.decode()
    )
    client.force_login(roles_world.user("manager"))
    response = client.patch(
        f"/api/clusters/{organisation.slug}/", {"city": "X"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "propose profile changes on the profile page" in response.json()["detail"]
