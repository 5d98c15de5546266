"""Invitations and reminders by e-mail, and the ``dialogue remind`` command."""

from __future__ import annotations

import argparse
import datetime

import pytest
from django.core import mail
from django.urls import reverse

from clusterdialogue.dialogue.meetings import services
from clusterdialogue.dialogue.meetings.cli import register_remind

pytestmark = pytest.mark.django_db


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clusterdialogue dialogue")
    register_remind(parser.add_subparsers(dest="command", required=True))
    return parser


def test_invitation_button_mails_every_member(client, meetings_world):
    w = meetings_world
    client.force_login(w.user("chair"))
    response = client.post(
        reverse("dialogue:meeting-send", args=[w.group.slug, 1]), {"what": "invitation"}
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["chair@example.org", "member@example.org"]
    assert "http://testserver" + w.meeting.get_absolute_url() in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Invitation")


def test_reminders_go_to_meetings_starting_in_n_days(meetings_world):
    w = meetings_world
    services.registration_create(meeting=w.meeting, member=w.members["member"], mode="in_person")
    mail.outbox.clear()
    today = w.meeting.start - datetime.timedelta(days=7)
    assert services.meeting_reminders_send(days_before=7, today=today) == 1
    assert mail.outbox[0].to == ["member@example.org"]
    assert services.meeting_reminders_send(days_before=6, today=today) == 0


def test_remind_command_prints_its_count(meetings_world, capsys, monkeypatch):
    w = meetings_world
    monkeypatch.setattr(
        "django.utils.timezone.localdate",
        lambda *a, **k: w.meeting.start - datetime.timedelta(days=3),
    )
    args = _parser().parse_args(
        ["remind", "--days-before", "3", "--site-url", "https://example.org/"]
    )
    assert args.handler(args) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "sent 2 reminders"
    assert "https://example.org" + w.meeting.get_absolute_url() in mail.outbox[0].body
    args = _parser().parse_args(["remind", "--days-before", "5"])
    args.handler(args)
    assert capsys.readouterr().out.strip().splitlines()[-1] == "sent 0 reminders"
