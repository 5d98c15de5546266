"""Who may write the policy and practice library.

Everyone reads it (it describes public policy). The network's secretariat writes every entry; a
territory's representatives write their own territory's instruments and cases.
"""

from __future__ import annotations

from typing import Any

from clusterdialogue.accounts.permissions import user_is_secretariat, user_represented_territories
from clusterdialogue.common.permissions import Rule, register_rules


def user_library_territory_ids(user: Any) -> set[int] | None:
    """The territories whose entries the user may write; ``None`` means every territory."""
    if user_is_secretariat(user):
        return None
    if not getattr(user, "is_authenticated", False):
        return set()
    return {territory.pk for territory in user_represented_territories(user)}


def _writes_territory(user: Any, territory: Any) -> bool:
    allowed = user_library_territory_ids(user)
    if allowed is None:
        return True
    if territory is None:
        return bool(allowed)
    return territory.pk in allowed


WHO = "the secretariat, and the representatives of the entry's territory"

RULES = register_rules(
    "library",
    {
        "add_entry": Rule(
            lambda user, territory: _writes_territory(user, territory),
            who="the secretariat, and territory representatives for their territory",
            needs_object=False,
        ),
        "change_instrument": Rule(
            lambda user, instrument: _writes_territory(user, instrument.territory), who=WHO
        ),
        "change_case": Rule(lambda user, case: _writes_territory(user, case.territory), who=WHO),
    },
)
