"""Writes for accounts: roles and invitations, and the export and erasure of personal data."""

from clusterdialogue.accounts.services.invitations import (
    InvitationError,
    InvitationSent,
    invitation_accept,
    invitation_create,
    invitation_get_usable,
    invitation_path,
    role_assign,
)
from clusterdialogue.accounts.services.personal_data import (
    account_erase,
    person_erase,
    personal_data_export,
)

__all__ = [
    "InvitationError",
    "InvitationSent",
    "account_erase",
    "invitation_accept",
    "invitation_create",
    "invitation_get_usable",
    "invitation_path",
    "person_erase",
    "personal_data_export",
    "role_assign",
]
