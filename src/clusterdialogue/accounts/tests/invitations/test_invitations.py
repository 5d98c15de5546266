"""Invitations: who may invite whom, the e-mail and its link, accepting, expiry."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from clusterdialogue.accounts.invitations.services import (
    InvitationError,
    invitation_accept,
    invitation_create,
    invitation_get_usable,
)
from clusterdialogue.accounts.models import Invitation, Role, RoleAssignment
from clusterdialogue.accounts.permissions import user_can_invite
from clusterdialogue.testing.factories import clusters as factories_clusters

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("inviter", "role", "scope", "allowed"),
    [
        ("secretariat", Role.SECRETARIAT, None, True),
        ("secretariat", Role.TERRITORY_REPRESENTATIVE, "territory", True),
        ("secretariat", Role.CLUSTER_MANAGER, "other_organisation", True),
        ("representative", Role.CLUSTER_MANAGER, "organisation", True),
        ("representative", Role.CLUSTER_MANAGER, "other_organisation", False),
        ("representative", Role.TERRITORY_REPRESENTATIVE, "territory", False),
        ("manager", Role.CLUSTER_MANAGER, "organisation", True),
        ("manager", Role.CLUSTER_MANAGER, "other_organisation", False),
        ("manager", Role.SECRETARIAT, None, False),
        ("member", Role.CLUSTER_MANAGER, "organisation", False),
        ("anonymous", Role.MEMBER, None, False),
    ],
)
def test_who_may_invite_whom(roles_world, inviter, role, scope, allowed):
    scope_object = getattr(roles_world, scope) if scope else None
    assert user_can_invite(roles_world.user(inviter), role, scope_object) is allowed


def test_invitation_mail_link_and_acceptance(client, roles_world):
    sent = invitation_create(
        inviter=roles_world.user("representative"),
        email="new.manager@example.org",
        role=Role.CLUSTER_MANAGER,
        organisation=roles_world.organisation,
        site_url="https://cd.example.org/",
    )
    assert sent.email_sent
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.manager@example.org"]
    assert sent.link.startswith("https://cd.example.org/accounts/invitations/")
    assert sent.link in message.body
    assert (sent.invitation.expires_at - timezone.now()).days in (13, 14)

    path = reverse("accounts:invitation_accept", args=[sent.invitation.token])
    page = client.get(path)
    assert page.status_code == 200 and "Example cluster A" in page.content.decode()
    weak = client.post(path, {"username": "newmanager", "password1": "123", "password2": "123"})
    assert weak.status_code == 400
    assert "too short" in weak.content.decode()
    assert not RoleAssignment.objects.filter(user__username="newmanager").exists()

    response = client.post(
        path,
        {
            "username": "newmanager",
            "password1": "a-Long-pass-2024",
            "password2": "a-Long-pass-2024",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("clusters:detail", args=["example-cluster-a"])
    assignment = RoleAssignment.objects.get(user__username="newmanager")
    assert assignment.role == Role.CLUSTER_MANAGER
    assert assignment.organisation == roles_world.organisation
    assert assignment.granted_by == roles_world.user("representative")
    # Signed in at once, and the link works only once.
    assert client.get(reverse("accounts:home")).status_code == 200
    assert client.get(path).status_code == 410


def test_expired_and_unknown_invitations_are_refused_clearly(client, roles_world):
    sent = invitation_create(
        inviter=roles_world.user("secretariat"), email="x@example.org", role=Role.MEMBER
    )
    Invitation.objects.filter(pk=sent.invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    with pytest.raises(InvitationError, match="expired"):
        invitation_get_usable(token=sent.invitation.token)
    response = client.get(reverse("accounts:invitation_accept", args=[sent.invitation.token]))
    assert response.status_code == 410 and "expired" in response.content.decode()
    response = client.get(reverse("accounts:invitation_accept", args=["no-such-token"]))
    assert response.status_code == 410 and "not known" in response.content.decode()


def test_service_refuses_what_the_inviter_may_not_do(roles_world):
    with pytest.raises(PermissionDenied):
        invitation_create(
            inviter=roles_world.user("manager"),
            email="x@example.org",
            role=Role.CLUSTER_MANAGER,
            organisation=roles_world.other_organisation,
        )
    with pytest.raises(ValidationError):
        invitation_create(
            inviter=roles_world.user("secretariat"),
            email="x@example.org",
            role=Role.CLUSTER_MANAGER,
        )
    assert not Invitation.objects.exists()


def test_accept_links_the_contact_person_and_rejects_taken_names(roles_world):
    contact = factories_clusters.ContactPersonFactory(
        organisation=roles_world.organisation, email="Person@Example.org"
    )
    sent = invitation_create(
        inviter=roles_world.user("manager"),
        email="person@example.org",
        role=Role.CLUSTER_MANAGER,
        organisation=roles_world.organisation,
    )
    with pytest.raises(ValidationError, match="taken"):
        invitation_accept(invitation=sent.invitation, username="role_member", password="x")
    user = invitation_accept(
        invitation=sent.invitation, username="colleague", password="a-Long-pass-2024"
    )
    contact.refresh_from_db()
    assert contact.user == user


def test_signed_in_user_accepts_with_their_account(client, roles_world):
    member = roles_world.user("member")
    sent = invitation_create(
        inviter=roles_world.user("secretariat"),
        email=member.email,
        role=Role.TERRITORY_REPRESENTATIVE,
        territory=roles_world.territory,
    )
    client.force_login(member)
    response = client.post(
        reverse("accounts:invitation_accept", args=[sent.invitation.token]), {"existing": "1"}
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(
        user=member, role=Role.TERRITORY_REPRESENTATIVE, territory=roles_world.territory
    ).exists()


def test_invitation_page_shows_the_link(client, roles_world):
    client.force_login(roles_world.user("manager"))
    form = client.get(
        reverse("accounts:invitation_create"),
        {"role": "cluster_manager", "organisation": roles_world.organisation.slug},
    )
    html = form.content.decode()
    assert "Example cluster A" in html and "Example cluster B" not in html
    response = client.post(
        reverse("accounts:invitation_create"),
        {"email": "c@example.org", "role": "cluster_manager", "organisation": "example-cluster-a"},
    )
    invitation = Invitation.objects.get()
    assert (
        reverse("accounts:invitation_accept", args=[invitation.token]) in response.content.decode()
    )
    listing = client.get(reverse("accounts:invitation_list")).content.decode()
    assert "c@example.org" in listing
