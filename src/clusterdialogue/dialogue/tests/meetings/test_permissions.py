"""Every role × every write of the meetings feature, on the pages and in the API.

The world (``meetings_world``): an example group with a member and a chair (both with user
accounts), a signed-in outsider, the network's secretariat and the anonymous public; one
upcoming meeting. A role missing from ``expected`` is refused and nothing is stored.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterdialogue.dialogue.meetings import services
from clusterdialogue.dialogue.models import (
    ActionItem,
    AgendaDocument,
    AgendaItem,
    Decision,
    Meeting,
    Minute,
    Registration,
)
from clusterdialogue.dialogue.tests.meetings.conftest import ROLES
from clusterdialogue.testing.permissions import (
    APPLIED,
    Action,
    assert_rules_exercised,
    check_action,
)

pytestmark = pytest.mark.django_db

MANAGERS = {"chair": APPLIED, "secretariat": APPLIED}
MEMBERS = {"member": APPLIED, "chair": APPLIED}


def _url(world, name: str, *extra) -> str:
    return reverse(f"dialogue:{name}", args=[world.group.slug, world.meeting.number, *extra])


def _meeting(world, state) -> Meeting:
    return world.meeting


def _with_item(world) -> dict:
    return {"item": services.agenda_item_add(meeting=world.meeting, title="Item under test")}


def _with_action(world) -> dict:
    return {"action": services.action_add(meeting=world.meeting, title="Action under test")}


def _action(
    name,
    perform,
    outcome,
    expected,
    *,
    rule="meetings.manage_meeting",
    setup=None,
    api=False,
    rule_object=_meeting,
):
    extra = {"setup": setup} if setup else {}
    return Action(
        name, perform, outcome, expected, rule=rule, rule_object=rule_object, api=api, **extra
    )


ACTIONS = [
    _action(
        "page: create a meeting",
        lambda c, w, s: c.post(
            reverse("dialogue:meeting-create", args=[w.group.slug]),
            {"start": "2032-05-04", "timezone_name": "Europe/Paris", "title": "Created"},
        ),
        lambda w, s: Meeting.objects.filter(title="Created").exists(),
        MANAGERS,
        rule="meetings.create_meeting",
        rule_object=lambda w, s: w.group,
    ),
    _action(
        "page: add an agenda item",
        lambda c, w, s: c.post(_url(w, "meeting-agenda-add"), {"title": "Added"}),
        lambda w, s: AgendaItem.objects.filter(title="Added").exists(),
        MANAGERS,
    ),
    _action(
        "page: remove an agenda item",
        lambda c, w, s: c.post(_url(w, "meeting-agenda-change", s["item"].pk), {"do": "remove"}),
        lambda w, s: not AgendaItem.objects.filter(pk=s["item"].pk).exists(),
        MANAGERS,
        setup=_with_item,
    ),
    _action(
        "page: attach a document",
        lambda c, w, s: c.post(
            _url(w, "meeting-document-add", s["item"].pk),
            {"title": "Slides", "file": SimpleUploadedFile("slides.txt", b"example")},
        ),
        lambda w, s: AgendaDocument.objects.filter(item=s["item"]).exists(),
        MANAGERS,
        setup=_with_item,
    ),
    _action(
        "page: register",
        lambda c, w, s: c.post(_url(w, "meeting-register"), {"mode": "in_person"}),
        lambda w, s: Registration.objects.filter(meeting=w.meeting).exists(),
        MEMBERS,
        rule="meetings.register",
    ),
    _action(
        "page: record attendance",
        lambda c, w, s: c.post(_url(w, "meeting-attendance"), {"member": [w.members["member"].pk]}),
        lambda w, s: w.meeting.attendance.exists(),
        MANAGERS,
    ),
    _action(
        "page: write minutes",
        lambda c, w, s: c.post(_url(w, "meeting-minutes"), {f"minute-{s['item'].pk}": "Written"}),
        lambda w, s: Minute.objects.filter(text="Written").exists(),
        MANAGERS,
        setup=_with_item,
    ),
    _action(
        "page: record a decision",
        lambda c, w, s: c.post(_url(w, "meeting-decision-add"), {"text": "Decided"}),
        lambda w, s: Decision.objects.filter(text="Decided").exists(),
        MANAGERS,
    ),
    _action(
        "page: add an action",
        lambda c, w, s: c.post(_url(w, "meeting-action-add"), {"title": "Added action"}),
        lambda w, s: ActionItem.objects.filter(title="Added action").exists(),
        MANAGERS,
    ),
    _action(
        "page: mark an action done",
        lambda c, w, s: c.post(
            _url(w, "meeting-action-status", s["action"].pk), {"status": "done"}
        ),
        lambda w, s: ActionItem.objects.filter(pk=s["action"].pk, status="done").exists(),
        MANAGERS,
        setup=_with_action,
    ),
    _action(
        "page: publish the minutes",
        lambda c, w, s: c.post(_url(w, "meeting-publish"), {"publish": "1"}),
        lambda w, s: Meeting.objects.filter(pk=w.meeting.pk, published_at__isnull=False).exists(),
        MANAGERS,
    ),
    _action(
        "page: create the next meeting from this one",
        lambda c, w, s: c.post(_url(w, "meeting-create-next"), {"start": "2031-11-04"}),
        lambda w, s: Meeting.objects.filter(previous=w.meeting).exists(),
        MANAGERS,
    ),
    _action(
        "page: e-mail the invitation",
        lambda c, w, s: c.post(_url(w, "meeting-send"), {"what": "invitation"}),
        lambda w, s: bool(mail.outbox),
        MANAGERS,
    ),
    _action(
        "api: mark an action done",
        lambda c, w, s: c.post(
            f"/api/dialogue/actions/{s['action'].pk}/status/", {"status": "done"}
        ),
        lambda w, s: ActionItem.objects.filter(pk=s["action"].pk, status="done").exists(),
        MANAGERS,
        setup=_with_action,
        api=True,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_role_may_or_may_not(client, meetings_world, action: Action, role: str):
    check_action(client, meetings_world, action, role)


def test_every_rule_is_exercised():
    assert_rules_exercised(
        "meetings",
        ACTIONS,
        elsewhere={
            "meetings.view_meeting": "reading: test_meetings (internal meetings hidden), test_exports (feed)",
            "meetings.read_minutes": "reading: test_meetings.test_minutes_are_read_once_published",
        },
    )
