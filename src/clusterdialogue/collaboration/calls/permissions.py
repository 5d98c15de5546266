"""Who may do what with funding calls.

* Everyone reads the calls, the clusters matching them and the consortium proposals (only
  public profiles take part).
* The **secretariat** imports calls.
* A joint application is started from a proposal by those who act for its lead cluster
  (``clusters.act_for``: its managers, its territory representative, the secretariat).

The rules are declared once in :data:`RULES` and asked through
``clusterdialogue.common.permissions.can`` (``can(user, "calls.import")``).
"""

from __future__ import annotations

from clusterdialogue.accounts.permissions import user_is_secretariat
from clusterdialogue.common.permissions import Rule, can, register_rules

RULES = register_rules(
    "calls",
    {
        "import": Rule(
            lambda user, obj: user_is_secretariat(user),
            who="the secretariat",
            needs_object=False,
        ),
        "start_collaboration": Rule(
            lambda user, lead: can(user, "clusters.act_for", lead),
            who="the managers of the lead cluster, its territory representative and the "
            "secretariat",
        ),
    },
)
