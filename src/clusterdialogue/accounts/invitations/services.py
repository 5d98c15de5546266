"""Invitations: inviting someone to take a role, and accepting."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdialogue.accounts.models import Invitation, Role
from clusterdialogue.accounts.permissions import user_can_invite
from clusterdialogue.accounts.services import role_assign, role_scope_check
from clusterdialogue.clusters.models import ClusterOrganisation, ContactPerson
from clusterdialogue.common.throttles import rate_limit_exceeded
from clusterdialogue.regions.models import Network, Territory


class InvitationError(Exception):
    """An invitation link cannot be used; the message says why and what to do."""


@dataclass
class InvitationSent:
    """A created invitation, its link, and whether the e-mail went out."""

    invitation: Invitation
    link: str
    email_sent: bool
    email_error: str = ""


def invitation_path(*, invitation: Invitation) -> str:
    """The site-relative address where the invitee accepts."""
    return reverse("accounts:invitation_accept", args=[invitation.token])


def invitation_create(
    *,
    inviter: Any,
    email: str,
    role: str,
    network: Network | None = None,
    territory: Territory | None = None,
    organisation: ClusterOrganisation | None = None,
    site_url: str = "",
) -> InvitationSent:
    """Invite ``email`` to take ``role``; send the link by e-mail and return it.

    ``site_url`` (``https://host``) makes the e-mailed link absolute. A failed e-mail does not
    undo the invitation: the inviter sees the link on screen and can pass it on.
    """
    scope = role_scope_check(role, network, territory, organisation)
    if not user_can_invite(inviter, role, scope):
        raise PermissionDenied(
            f"You may not invite a {Role(role).label.lower()}"
            + (f" for {scope}" if scope is not None else "")
            + "."
        )
    limit = settings.CLUSTERDIALOGUE_INVITATIONS_PER_HOUR
    if rate_limit_exceeded(key=f"invitations:{inviter.pk}", limit=limit, seconds=3600):
        raise ValidationError(
            _("You have sent %(limit)s invitations in the last hour; wait a while before "
              "sending more.") % {"limit": limit}
        )  # fmt: skip
    days = settings.CLUSTERDIALOGUE_INVITATION_DAYS
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email.strip(),
            role=role,
            network=network,
            territory=territory,
            organisation=organisation,
            token=secrets.token_urlsafe(32),
            invited_by=inviter,
            expires_at=timezone.now() + timedelta(days=days),
        )
    link = site_url.rstrip("/") + invitation_path(invitation=invitation)
    scope_text = f" for {scope}" if scope is not None else ""
    body = (
        f"Hello,\n\n{inviter} invites you to Cluster Dialogue as "
        f"{Role(role).label.lower()}{scope_text}.\n\n"
        f"Open this link to choose a user name and a password:\n{link}\n\n"
        f"The link works once and expires on {invitation.expires_at:%d %B %Y}.\n"
    )
    try:
        send_mail("Your invitation to Cluster Dialogue", body, settings.DEFAULT_FROM_EMAIL, [email])
    except Exception as error:  # any mail failure: the link is still shown on screen
        return InvitationSent(invitation, link, email_sent=False, email_error=str(error))
    return InvitationSent(invitation, link, email_sent=True)


def invitation_get_usable(*, token: str) -> Invitation:
    """The invitation behind a link, if it can still be accepted."""
    invitation = (
        Invitation.objects.select_related("organisation", "territory", "network", "invited_by")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise InvitationError(
            "This invitation link is not known. Check that you copied the whole link, or ask "
            "for a new invitation."
        )
    if invitation.accepted_at is not None:
        raise InvitationError(
            "This invitation was already accepted. Sign in with the account created then."
        )
    if invitation.expires_at < timezone.now():
        raise InvitationError(
            f"This invitation expired on {invitation.expires_at:%d %B %Y}. Ask "
            f"{invitation.invited_by or 'the secretariat'} for a new one."
        )
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: Any = None,
    username: str = "",
    password: str = "",
) -> Any:
    """Accept an invitation with an existing account, or create one; grant the role.

    A new password must pass Django's password validators. A contact person of the invited
    organisation with the invitation's e-mail address is linked to the account, so the person
    can later export or erase their data.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_get_usable(token=invitation.token)  # re-check under the lock
    if user is None:
        user_model = get_user_model()
        username = username.strip()
        if not username:
            raise ValidationError({"username": "Choose a user name."})
        if user_model.objects.filter(username__iexact=username).exists():
            raise ValidationError(
                {"username": f"The user name {username!r} is taken; choose another one."}
            )
        try:
            user_model._meta.get_field("username").run_validators(username)
        except ValidationError as error:
            raise ValidationError({"username": error.messages}) from error
        user = user_model(username=username, email=invitation.email)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password1": error.messages}) from error
        user.set_password(password)
        user.save()
    role_assign(
        user=user,
        role=invitation.role,
        network=invitation.network,
        territory=invitation.territory,
        organisation=invitation.organisation,
        granted_by=invitation.invited_by,
    )
    if invitation.organisation is not None:
        ContactPerson.objects.filter(
            organisation=invitation.organisation, email__iexact=invitation.email, user=None
        ).update(user=user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user
