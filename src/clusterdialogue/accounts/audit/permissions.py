"""Who reads the audit log: the network's secretariat."""

from __future__ import annotations

from clusterdialogue.accounts.permissions import user_is_secretariat
from clusterdialogue.common.permissions import Rule, register_rules

RULES = register_rules(
    "audit",
    {
        "view_log": Rule(
            lambda user, _obj: user_is_secretariat(user),
            who="the network's secretariat",
            needs_object=False,
        ),
    },
)
