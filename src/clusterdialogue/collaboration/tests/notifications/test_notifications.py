"""Notifications: one's own only, the unread count in the header, marking as read."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from clusterdialogue.collaboration.models import Notification
from clusterdialogue.collaboration.notifications.services import notification_send
from clusterdialogue.testing.factories.board import NotificationFactory
from clusterdialogue.testing.factories.clusters import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(db):
    return UserFactory(username="alice")


def test_the_header_counts_unread_notifications(client, alice):
    NotificationFactory.create_batch(3, user=alice)
    NotificationFactory(user=UserFactory(username="bob"))
    client.force_login(alice)
    html = client.get(reverse("collaboration:board")).content.decode()
    assert 'class="unread-count"' in html and ">3</span>" in html
    assert "Notifications" in client.get("/").content.decode()


def test_no_count_for_the_public_or_without_unread(client, alice):
    assert "unread-count" not in client.get(reverse("collaboration:board")).content.decode()
    client.force_login(alice)
    assert "unread-count" not in client.get(reverse("collaboration:board")).content.decode()


def test_the_page_lists_ones_own_and_marks_them_read(client, alice):
    mine = NotificationFactory(user=alice, message="Example for Alice")
    NotificationFactory(user=UserFactory(username="bob"), message="Example for Bob")
    client.force_login(alice)
    page = client.get(reverse("collaboration:notifications")).content.decode()
    assert "Example for Alice" in page and "Example for Bob" not in page
    client.post(reverse("collaboration:notifications"))
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert Notification.objects.filter(read_at__isnull=True).count() == 1  # Bob's


def test_opening_a_notification_marks_it_read_and_goes_there(client, alice):
    notification = NotificationFactory(user=alice, url="/collaboration/board/?kind=offer")
    other = NotificationFactory(user=UserFactory(username="bob"))
    client.force_login(alice)
    response = client.get(reverse("collaboration:notification-open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == notification.url
    notification.refresh_from_db()
    assert notification.read_at is not None
    # Someone else's notification is not found (and stays unread).
    response = client.get(reverse("collaboration:notification-open", args=[other.pk]))
    assert response.status_code == 404


def test_an_address_elsewhere_is_not_followed(client, alice):
    notification = NotificationFactory(user=alice, url="https://elsewhere.example.com/")
    client.force_login(alice)
    response = client.get(reverse("collaboration:notification-open", args=[notification.pk]))
    assert response["Location"] == reverse("collaboration:notifications")


def test_the_api_gives_ones_own_only(client, alice):
    NotificationFactory.create_batch(2, user=alice)
    theirs = NotificationFactory(user=UserFactory(username="bob"))
    assert client.get("/api/notifications/").status_code in (401, 403)
    client.force_login(alice)
    listed = client.get("/api/notifications/").json()
    assert listed["count"] == 2
    assert client.get(f"/api/notifications/{theirs.pk}/").status_code == 404
    assert client.post(f"/api/notifications/{theirs.pk}/read/").status_code == 404
    first = listed["results"][0]["id"]
    assert client.post(f"/api/notifications/{first}/read/").json()["read_at"] is not None
    assert client.get("/api/notifications/?unread=true").json()["count"] == 1
    assert client.post("/api/notifications/read-all/").json() == {"marked": 1}
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_sending_skips_the_actor_and_sends_one_mail_each(alice, django_capture_on_commit_callbacks):
    bob, carol = UserFactory(username="bob"), UserFactory(username="carol", email="")
    with django_capture_on_commit_callbacks(execute=True):
        created = notification_send(
            users=[alice, bob, carol, bob],
            message="Example message",
            url="/collaboration/board/",
            site_url="https://platform.example.org",
            exclude=alice,
        )
    assert {n.user.username for n in created} == {"bob", "carol"}
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]  # carol has no address
    assert "https://platform.example.org/collaboration/board/" in mail.outbox[0].body


def test_a_failing_mail_server_keeps_the_notification(
    alice, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr("clusterdialogue.collaboration.notifications.services.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(users=[alice], message="Example message")
    assert Notification.objects.filter(user=alice).exists()
    assert "could not send a notification e-mail to alice@example.org" in caplog.text
