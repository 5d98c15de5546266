"""Who may see and change the collaborations followed in the pipeline.

Collaborations hold unpublished plans (who applies with whom, for how much), so they are shown
to signed-in users only; the public sees the aggregated statistics and the network graph, which
carry counts and structure but no titles or texts.

Writing follows the directory's roles: a collaboration is changed by the people who act for
one of its partners, that is

* the **cluster managers** of a partner organisation,
* the **territory representatives** of a territory a partner lies in,
* the **secretariat** (everything).

Deleting a whole collaboration is for the secretariat and the partners' territory
representatives; managers close it instead. Documents (drafts of applications, budgets) are
downloaded by the same people who may change the collaboration.

The rules are declared once in :data:`RULES` and asked through
``clusterdialogue.common.permissions.can`` (``can(user, "pipeline.edit", collaboration)``);
:class:`ActingScope` answers "acts for" for many collaborations at once (the board's cards).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clusterdialogue.accounts.permissions import (
    user_is_registered,
    user_is_secretariat,
    user_managed_organisation_ids,
    user_represented_territories,
)
from clusterdialogue.clusters.permissions import user_represents_organisation
from clusterdialogue.common.permissions import Rule, register_rules

if TYPE_CHECKING:
    from clusterdialogue.clusters.models import ClusterOrganisation
    from clusterdialogue.collaboration.models import Collaboration


@dataclass(frozen=True)
class ActingScope:
    """The organisations a user acts for, read once: for checking many collaborations."""

    everything: bool
    organisation_ids: frozenset[int]
    region_prefixes: tuple[str, ...]

    def acts_for(self, organisation: ClusterOrganisation) -> bool:
        return (
            self.everything
            or organisation.pk in self.organisation_ids
            or organisation.region.code.startswith(self.region_prefixes)
        )

    def acts_for_any(self, organisations: Iterable[ClusterOrganisation]) -> bool:
        return any(self.acts_for(o) for o in organisations)


def user_acting_scope(user: Any) -> ActingScope:
    """The user's :class:`ActingScope` (the same answer as ``clusters.act_for``, read once)."""
    from clusterdialogue.clusters.selectors import territory_region_codes

    return ActingScope(
        everything=user_is_secretariat(user),
        organisation_ids=frozenset(user_managed_organisation_ids(user)),
        region_prefixes=tuple(
            code
            for territory in user_represented_territories(user)
            for code in territory_region_codes(territory=territory)
        ),
    )


def user_can_view_collaborations(user: Any) -> bool:
    """Collaborations, their stages and documents' titles are for signed-in users."""
    return user_is_registered(user)


def user_can_create_collaboration(
    user: Any, partners: Iterable[ClusterOrganisation] | None = None
) -> bool:
    """Whether the user may start a collaboration with ``partners``.

    One of the partners must be an organisation the user acts for. Without ``partners`` the
    answer is whether the user may start collaborations at all (shows the "New" button).
    """
    if user_is_secretariat(user):
        return True
    if partners is None:
        return bool(user_managed_organisation_ids(user) or user_represented_territories(user))
    return user_acting_scope(user).acts_for_any(partners)


def user_can_edit_collaboration(user: Any, collaboration: Collaboration) -> bool:
    """Edit, move to another stage, add or remove documents: one who acts for a partner."""
    if user_is_secretariat(user):
        return True
    if not user_is_registered(user) or collaboration.pk is None:
        return False
    return user_acting_scope(user).acts_for_any(collaboration.partners.all())


def user_can_delete_collaboration(user: Any, collaboration: Collaboration) -> bool:
    """Deleting is for the secretariat and the representatives of a partner's territory."""
    if user_is_secretariat(user):
        return True
    if not user_is_registered(user) or collaboration.pk is None:
        return False
    return any(
        user_represents_organisation(user, partner) for partner in collaboration.partners.all()
    )


def user_can_download_documents(user: Any, collaboration: Collaboration) -> bool:
    """Documents are drafts and budgets: for those who may change the collaboration."""
    return user_can_edit_collaboration(user, collaboration)


RULES = register_rules(
    "pipeline",
    {
        "view": Rule(
            lambda user, obj: user_can_view_collaborations(user),
            who="signed-in users",
            needs_object=False,
        ),
        "create": Rule(
            user_can_create_collaboration,
            who="the managers and territory representatives of one of the partners, and the "
            "secretariat",
            needs_object=False,
        ),
        "edit": Rule(
            user_can_edit_collaboration,
            who="the managers and territory representatives of a partner, and the secretariat",
        ),
        "delete": Rule(
            user_can_delete_collaboration,
            who="the secretariat and the partners' territory representatives",
        ),
        "download_documents": Rule(
            user_can_download_documents,
            who="the managers and territory representatives of a partner, and the secretariat",
        ),
    },
)
