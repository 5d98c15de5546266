"""Personal data: export as JSON, and erasure that leaves no trace in any table."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from clusterdialogue.accounts.personal_data.services import (
    account_erase,
    person_erase,
    personal_data_export,
)
from clusterdialogue.clusters.models import ContactPerson
from clusterdialogue.testing.factories import clusters as factories_clusters

pytestmark = pytest.mark.django_db

NAME, EMAIL, PHONE = "Zelda Uniquename", "zelda.unique@example.org", "+00 555 0199"


def rows_mentioning(*texts: str) -> list[str]:
    """Every row of every table (history tables included) whose values contain one of ``texts``."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        columns = [f.attname for f in model._meta.concrete_fields]
        for row in model._base_manager.values_list(*columns):
            flat = json.dumps(row, default=str, ensure_ascii=False).lower()
            for text in texts:
                if text.lower() in flat:
                    found.append(f"{model._meta.label}: {row}")
    return found


@pytest.fixture
def person(roles_world):
    """A contact person with an account, history rows, and a proposed change quoting them."""
    user = roles_world.user("member")
    contact = factories_clusters.ContactPersonFactory(
        organisation=roles_world.organisation, name=NAME, email=EMAIL, phone=PHONE, user=user
    )
    contact.role = "director"
    contact.save()  # a second history row
    factories_clusters.ProfileChangeFactory(
        organisation=roles_world.organisation,
        proposed_by=roles_world.user("manager"),
        changes={"description": {"old": "", "new": f"Contact {NAME} at {EMAIL}"}},
    )
    return contact


def test_the_scan_finds_the_person_before_erasure(person):
    found = rows_mentioning(NAME, EMAIL)
    assert any("HistoricalContactPerson" in row for row in found)
    assert any("ProfileChange" in row for row in found)


def test_export_has_everything_about_the_person(person, roles_world):
    data = personal_data_export(user=roles_world.user("member"))
    assert data["account"]["username"] == "role_member"
    [contact] = data["contact_persons"]
    assert contact["name"] == NAME and contact["email"] == EMAIL
    assert len(contact["history"]) == 2
    assert data["roles"][0]["role"] == "Registered member"
    json.dumps(data)  # serialisable as it is


def test_export_download(client, person, roles_world):
    client.force_login(roles_world.user("member"))
    response = client.get(reverse("accounts:personal_data_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content)["contact_persons"][0]["email"] == EMAIL


def test_erasure_leaves_no_row_with_the_name_or_email(person, roles_world):
    summary = person_erase(contact=person, actor=roles_world.user("member"))
    assert summary["history_rows"] == 3  # created, changed, deleted
    assert summary["changes_scrubbed"] == 1
    assert rows_mentioning(NAME, EMAIL, PHONE) == []
    assert not ContactPerson.history.model.objects.filter(id=person.pk).exists()


def test_secretariat_erases_on_request_through_the_page(client, person, roles_world):
    client.force_login(roles_world.user("secretariat"))
    url = reverse("accounts:contact_erase", args=[person.pk])
    unconfirmed = client.post(url)
    assert unconfirmed.status_code == 400
    assert ContactPerson.objects.filter(pk=person.pk).exists()
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert rows_mentioning(NAME, EMAIL) == []


def test_person_erases_their_own_contact_data_from_the_page(client, person, roles_world):
    client.force_login(roles_world.user("member"))
    page = client.get(reverse("accounts:personal_data"))
    assert NAME in page.content.decode()
    response = client.post(reverse("accounts:personal_data"), {"confirm": "on", "what": "contacts"})
    assert response.status_code == 302
    assert rows_mentioning(NAME, EMAIL) == []
    assert get_user_model().objects.filter(username="role_member").exists()


def test_account_erasure_removes_the_account_too(person, roles_world):
    user = roles_world.user("member")
    account_erase(user=user, actor=user)
    assert not get_user_model().objects.filter(username="role_member").exists()
    assert rows_mentioning(NAME, EMAIL, "role_member@example.org") == []


def test_others_may_not_erase(person, roles_world):
    from django.core.exceptions import PermissionDenied

    for role in ("manager", "representative", "other_manager"):
        with pytest.raises(PermissionDenied):
            person_erase(contact=person, actor=roles_world.user(role))
    assert ContactPerson.objects.filter(pk=person.pk).exists()


def test_scrubbing_replaces_whole_words_only(roles_world):

    contact = factories_clusters.ContactPersonFactory(
        organisation=roles_world.organisation, name="Ana", email="ana@example.org"
    )
    change = factories_clusters.ProfileChangeFactory(
        organisation=roles_world.organisation,
        changes={"description": {"old": "", "new": "Analysis by Ana (ana@example.org)."}},
    )
    person_erase(contact=contact, actor=roles_world.user("secretariat"))
    change.refresh_from_db()
    assert change.changes["description"]["new"] == "Analysis by [erased] ([erased])."


@pytest.fixture
def member_and_participant(person, roles_world):
    """The same person also in a working group (with history) and registered for an event."""
    import datetime as dt

    from clusterdialogue.dialogue.models import GroupMember
    from clusterdialogue.events.models import Event, Participant
    from clusterdialogue.testing.factories import dialogue as factories_dialogue

    user = roles_world.user("member")
    group = factories_dialogue.WorkingGroupFactory(network=roles_world.network)
    member = GroupMember.objects.create(group=group, name=NAME, email=EMAIL, user=user)
    member.organisation = "Example agency"
    member.save()  # a second history row
    event = Event.objects.create(
        title="Example event", slug="example-erasure-event", network=roles_world.network,
        host_territory=roles_world.territory, start=dt.date(2027, 5, 4), end=dt.date(2027, 5, 4),
    )  # fmt: skip
    Participant.objects.create(
        event=event, organisation=roles_world.organisation, name=NAME, email=EMAIL, user=user,
        interests=f"Ask {NAME} about batteries",
    )  # fmt: skip
    return member


def test_export_has_memberships_and_event_registrations(member_and_participant, roles_world):
    data = personal_data_export(user=roles_world.user("member"))
    [membership] = data["working_group_memberships"]
    assert membership["name"] == NAME and membership["organisation"] == "Example agency"
    [registration] = data["event_registrations"]
    assert registration["event"] == "Example event" and registration["email"] == EMAIL
    json.dumps(data)


def test_account_erasure_keeps_no_name_in_groups_or_events(member_and_participant, roles_world):
    from clusterdialogue.dialogue.models import GroupMember
    from clusterdialogue.events.models import Participant

    user = roles_world.user("member")
    summary = account_erase(user=user, actor=user)
    assert summary["group_memberships"] == 1 and summary["event_registrations"] == 1
    assert rows_mentioning(NAME, EMAIL) == []
    assert GroupMember.objects.get(pk=member_and_participant.pk).name == "Erased person"
    assert Participant.objects.get().email.endswith("@erased.invalid")
