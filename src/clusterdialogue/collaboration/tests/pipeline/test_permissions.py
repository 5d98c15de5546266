"""Every role × every write of the pipeline (pages and API): try it, check the answer and effect.

The collaboration under test (``pipeline_roles``) joins cluster A, in the territory of the
``representative``, with a cluster outside the network; so A's ``manager``, the
``representative`` and the ``secretariat`` act for a partner, the others do not. Deleting a
whole collaboration is for the representative and the secretariat only. A role missing from
``expected`` must be refused: the anonymous public is sent to sign in (pages) or gets 401/403
(API), a signed-in user without the right gets 403 (or 400/404), and nothing is stored. The
matrix is the shared one (``clusterdialogue.testing.permissions``): every action names the
``pipeline`` rule guarding it, and ``can()`` must give every role the page's answer.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterdialogue.collaboration.models import Collaboration, CollaborationDocument
from clusterdialogue.common.permissions import can
from clusterdialogue.testing.factories.pipeline import CollaborationDocumentFactory
from clusterdialogue.testing.fixtures.accounts import ROLE_NAMES
from clusterdialogue.testing.permissions import (
    APPLIED,
    NONE,
    Action,
    assert_rules_exercised,
    check_action,
)

pytestmark = pytest.mark.django_db

ACTORS = {"manager": APPLIED, "representative": APPLIED, "secretariat": APPLIED}
DELETERS = {"representative": APPLIED, "secretariat": APPLIED}


def _collaboration(world) -> Collaboration:
    return Collaboration.objects.get(pk=world.collaboration.pk)


def _exists(queryset) -> str:
    return APPLIED if queryset.exists() else NONE


def _gone(queryset) -> str:
    return NONE if queryset.exists() else APPLIED


def _link(world) -> dict:
    return {"document": CollaborationDocumentFactory(collaboration=world.collaboration)}


def _file(world) -> dict:
    from clusterdialogue.collaboration.pipeline.services import (
        collaboration_document_add,
    )

    document = collaboration_document_add(
        collaboration=world.collaboration,
        user=world.user("secretariat"),
        title="Example budget",
        file=SimpleUploadedFile("budget.csv", b"item,eur\nexample,1\n"),
    )
    return {"document": document}


def _new_data(world, **extra) -> dict:
    return {
        "title": "Example new collaboration",
        "kind": "bilateral",
        "partners": [world.organisation.slug, world.outside_organisation.slug],
        "started_on": "2024-03-01",
        **extra,
    }


def _created(world, state) -> str:
    return _exists(Collaboration.objects.filter(title="Example new collaboration"))


def _title(world, state) -> str:
    return APPLIED if _collaboration(world).title == "Changed title" else NONE


def _stage(world, state) -> str:
    return APPLIED if _collaboration(world).stage == "meeting" else NONE


def _downloaded(world, state) -> str:
    return APPLIED if state.get("downloaded") == b"item,eur\nexample,1\n" else NONE


def _edit_form(world) -> dict:
    collaboration = world.collaboration
    return {
        "title": "Changed title",
        "kind": collaboration.kind,
        "partners": [p.slug for p in collaboration.partners.all()],
        "started_on": collaboration.started_on.isoformat(),
    }


def _move(world) -> dict:
    return {"stage": "meeting", "date": "2024-03-01", "expected_stage": "contact"}


def _the_collaboration(world, state) -> Collaboration:
    return world.collaboration


def _snapshot(world) -> dict:
    """The collaboration with its partners read before the action (a deletion removes them)."""
    collaboration = Collaboration.objects.prefetch_related("partners").get(
        pk=world.collaboration.pk
    )
    return {"collaboration": collaboration}


def _snapshot_collaboration(world, state) -> Collaboration:
    return state["collaboration"]


def _partners(world, state) -> list:
    return [world.organisation, world.outside_organisation]


def _url(name: str, world, *args) -> str:
    return reverse(f"collaboration:{name}", args=[world.collaboration.pk, *args])


ACTIONS = [
    Action(
        "page: create a collaboration",
        lambda c, w, s: c.post(reverse("collaboration:collaboration-create"), _new_data(w)),
        _created,
        ACTORS,
        rule="pipeline.create",
        rule_object=_partners,
    ),
    Action(
        "page: edit",
        lambda c, w, s: c.post(_url("collaboration-edit", w), _edit_form(w)),
        _title,
        ACTORS,
        rule="pipeline.edit",
        rule_object=_the_collaboration,
    ),
    Action(
        "page: move to the next stage",
        lambda c, w, s: c.post(_url("collaboration-move", w), _move(w)),
        _stage,
        ACTORS,
        rule="pipeline.edit",
        rule_object=_the_collaboration,
    ),
    Action(
        "page: add a link",
        lambda c, w, s: c.post(
            _url("collaboration-document-add", w),
            {"title": "Example link", "url": "https://example.org/plan"},
        ),
        lambda w, s: _exists(CollaborationDocument.objects.filter(title="Example link")),
        ACTORS,
        rule="pipeline.edit",
        rule_object=_the_collaboration,
    ),
    Action(
        "page: upload a file",
        lambda c, w, s: c.post(
            _url("collaboration-document-add", w),
            {"title": "Example draft", "file": SimpleUploadedFile("draft.pdf", b"%PDF-1.4 x")},
        ),
        lambda w, s: _exists(CollaborationDocument.objects.filter(title="Example draft")),
        ACTORS,
        rule="pipeline.edit",
        rule_object=_the_collaboration,
    ),
    Action(
        "page: download a file",
        lambda c, w, s: c.get(_url("collaboration-document", w, s["document"].pk)),
        _downloaded,
        ACTORS,
        setup=_file,
        rule="pipeline.download_documents",
        rule_object=_the_collaboration,
    ),
    Action(
        "page: remove a document",
        lambda c, w, s: c.post(_url("collaboration-document-delete", w, s["document"].pk)),
        lambda w, s: _gone(CollaborationDocument.objects.filter(pk=s["document"].pk)),
        ACTORS,
        setup=_link,
        rule="pipeline.edit",
        rule_object=_the_collaboration,
    ),
    Action(
        "page: delete the collaboration",
        lambda c, w, s: c.post(_url("collaboration-delete", w)),
        lambda w, s: _gone(Collaboration.objects.filter(pk=w.collaboration.pk)),
        DELETERS,
        rule="pipeline.delete",
        rule_object=_snapshot_collaboration,
        setup=_snapshot,
    ),
    Action(
        "API: POST a collaboration",
        lambda c, w, s: c.post(
            "/api/collaborations/", _new_data(w), content_type="application/json"
        ),
        _created,
        ACTORS,
        api=True,
        rule="pipeline.create",
        rule_object=_partners,
    ),
    Action(
        "API: PATCH a collaboration",
        lambda c, w, s: c.patch(
            f"/api/collaborations/{w.collaboration.pk}/",
            {"title": "Changed title"},
            content_type="application/json",
        ),
        _title,
        ACTORS,
        api=True,
        rule="pipeline.edit",
        rule_object=_the_collaboration,
    ),
    Action(
        "API: move",
        lambda c, w, s: c.post(
            f"/api/collaborations/{w.collaboration.pk}/move/",
            _move(w),
            content_type="application/json",
        ),
        _stage,
        ACTORS,
        api=True,
        rule="pipeline.edit",
        rule_object=_the_collaboration,
    ),
    Action(
        "API: add a link",
        lambda c, w, s: c.post(
            f"/api/collaborations/{w.collaboration.pk}/documents/",
            {"title": "Example link", "url": "https://example.org/plan"},
            content_type="application/json",
        ),
        lambda w, s: _exists(CollaborationDocument.objects.filter(title="Example link")),
        ACTORS,
        api=True,
        rule="pipeline.edit",
        rule_object=_the_collaboration,
    ),
    Action(
        "API: upload a file",
        lambda c, w, s: c.post(
            f"/api/collaborations/{w.collaboration.pk}/documents/",
            {"title": "Example draft", "file": SimpleUploadedFile("draft.pdf", b"%PDF-1.4 x")},
        ),
        lambda w, s: _exists(CollaborationDocument.objects.filter(title="Example draft")),
        ACTORS,
        api=True,
        rule="pipeline.edit",
        rule_object=_the_collaboration,
    ),
    Action(
        "API: DELETE a document",
        lambda c, w, s: c.delete(
            f"/api/collaborations/{w.collaboration.pk}/documents/{s['document'].pk}/"
        ),
        lambda w, s: _gone(CollaborationDocument.objects.filter(pk=s["document"].pk)),
        ACTORS,
        setup=_file,
        api=True,
        rule="pipeline.edit",
        rule_object=_the_collaboration,
    ),
    Action(
        "API: DELETE a collaboration",
        lambda c, w, s: c.delete(f"/api/collaborations/{w.collaboration.pk}/"),
        lambda w, s: _gone(Collaboration.objects.filter(pk=w.collaboration.pk)),
        DELETERS,
        api=True,
        rule="pipeline.delete",
        rule_object=_snapshot_collaboration,
        setup=_snapshot,
    ),
]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize("role", ROLE_NAMES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_role_may_or_may_not(client, pipeline_roles, action: Action, role: str):
    check_action(client, pipeline_roles, action, role)


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_read_rule_and_pages_agree(client, pipeline_roles, role: str):
    """``pipeline.view`` guards reading: the board page, a collaboration's page, the API."""
    user = pipeline_roles.user(role)
    if user is not None:
        client.force_login(user)
    allowed = can(user, "pipeline.view")
    assert allowed == (user is not None), role
    board = client.get(reverse("collaboration:pipeline")).content.decode()
    page = client.get(_url("collaboration-detail", pipeline_roles))
    api = client.get(f"/api/collaborations/{pipeline_roles.collaboration.pk}/")
    assert (pipeline_roles.collaboration.title in board) is allowed, role
    assert (page.status_code == 200) is allowed, role
    assert (api.status_code == 200) is allowed, role


def test_every_pipeline_rule_is_tried():
    assert_rules_exercised(
        "pipeline",
        ACTIONS,
        elsewhere={"pipeline.view": "test_read_rule_and_pages_agree (reading, not a write)"},
    )
