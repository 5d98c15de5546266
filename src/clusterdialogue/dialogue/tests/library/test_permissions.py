"""Every role × every write of the library (pages; the API is read-only).

The world is ``library_world`` (roles_world plus the Cluster Dialogue group): instrument A
belongs to territory A. Besides the accounts roles, the group's chair and a group member try
every write: a group role gives no right over the library, only the secretariat and the
territory's representatives write it.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterdialogue.dialogue.models import (
    GroupMember,
    InstrumentDocument,
    PolicyInstrument,
    PracticeCase,
)
from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.factories.dialogue import GroupMemberFactory, PracticeCaseFactory
from clusterdialogue.testing.permissions import (
    APPLIED,
    Action,
    assert_rules_exercised,
    check_action,
)

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous", "member", "group_member", "group_chair", "representative",
    "other_representative", "secretariat",
)  # fmt: skip
FOR_A = {"representative": APPLIED, "secretariat": APPLIED}


@pytest.fixture
def world(library_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for name, role in (("group_member", "member"), ("group_chair", "chair")):
        user = factories_clusters.UserFactory(username=f"library_{name}")
        GroupMemberFactory(group=library_world.group, user=user, role=role)
        library_world.users[name] = user
    assert GroupMember.objects.filter(group=library_world.group).count() == 2
    return library_world


def _instrument_data(world, **changes) -> dict:
    return {
        "territory": world.territory.pk, "name": "Created instrument",
        "kind": "cluster_programme", "budget_currency": "EUR", "language": "en",
        "source": "Example source (tests)", "tags_text": "a, b", "links_text": "", **changes,
    }  # fmt: skip


def _case_data(world, **changes) -> dict:
    return {
        "title": "Created case", "territory": world.territory.pk, "kind": "good_practice",
        "summary": "Example", "is_example": "on", "tags_text": "", **changes,
    }  # fmt: skip


def _case_of_a(world) -> dict:
    return {"case": PracticeCaseFactory(territory=world.territory, title="Case of A")}


ACTIONS = [
    Action(
        "page: add an instrument for A",
        lambda c, w, s: c.post(reverse("dialogue:library-instrument-create"), _instrument_data(w)),
        lambda w, s: PolicyInstrument.objects.filter(name="Created instrument").exists(),
        FOR_A,
        rule="library.add_entry",
        rule_object=lambda w, s: w.territory,
    ),
    Action(
        "page: edit A's instrument",
        lambda c, w, s: c.post(
            reverse("dialogue:library-instrument-edit", args=[w.instrument.pk]),
            _instrument_data(w, name="Renamed instrument"),
        ),
        lambda w, s: PolicyInstrument.objects.filter(
            pk=w.instrument.pk, name="Renamed instrument"
        ).exists(),
        FOR_A,
        rule="library.change_instrument",
        rule_object=lambda w, s: w.instrument,
    ),
    Action(
        "page: attach a document to A's instrument",
        lambda c, w, s: c.post(
            reverse("dialogue:library-instrument-document", args=[w.instrument.pk]),
            {"title": "Rules", "file": SimpleUploadedFile("rules.txt", b"Example rules")},
        ),
        lambda w, s: InstrumentDocument.objects.filter(instrument=w.instrument).exists(),
        FOR_A,
        rule="library.change_instrument",
        rule_object=lambda w, s: w.instrument,
    ),
    Action(
        "page: add a case for A",
        lambda c, w, s: c.post(reverse("dialogue:library-case-create"), _case_data(w)),
        lambda w, s: PracticeCase.objects.filter(title="Created case").exists(),
        FOR_A,
        rule="library.add_entry",
        rule_object=lambda w, s: w.territory,
    ),
    Action(
        "page: edit A's case",
        lambda c, w, s: c.post(
            reverse("dialogue:library-case-edit", args=[s["case"].pk]),
            _case_data(w, title="Renamed case"),
        ),
        lambda w, s: PracticeCase.objects.filter(pk=s["case"].pk, title="Renamed case").exists(),
        FOR_A,
        setup=_case_of_a,
        rule="library.change_case",
        rule_object=lambda w, s: s["case"],
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_library_write(client, world, action, role):
    check_action(client, world, action, role)


def test_every_library_rule_is_exercised():
    assert_rules_exercised("library", ACTIONS)


def test_a_representative_cannot_file_an_entry_under_another_territory(client, world):
    client.force_login(world.user("other_representative"))
    response = client.post(reverse("dialogue:library-instrument-create"), _instrument_data(world))
    assert response.status_code == 400
    assert not PolicyInstrument.objects.filter(name="Created instrument").exists()


def test_a_real_instrument_needs_its_source(client, world):
    client.force_login(world.user("secretariat"))
    response = client.post(
        reverse("dialogue:library-instrument-create"), _instrument_data(world, source="")
    )
    assert response.status_code == 400
    assert "source" in response.content.decode()
    assert not PolicyInstrument.objects.filter(name="Created instrument").exists()


def test_an_attached_document_is_listed_and_downloads(client, world):
    client.force_login(world.user("representative"))
    upload = SimpleUploadedFile("rules.txt", b"Example rules")
    url = reverse("dialogue:library-instrument-document", args=[world.instrument.pk])
    assert client.post(url, {"title": "Rules", "file": upload}).status_code == 302
    document = InstrumentDocument.objects.get(instrument=world.instrument)
    client.logout()
    page = client.get(world.instrument.get_absolute_url()).content.decode()
    assert reverse("dialogue:library-document", args=[document.pk]) in page
    response = client.get(reverse("dialogue:library-document", args=[document.pk]))
    assert b"".join(response.streaming_content) == b"Example rules"
    assert client.post(url, {"title": "", "file": ""}).status_code == 302  # signed out
