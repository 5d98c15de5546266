"""Partner matching between cluster organisations, across languages and territories.

Pure Python (numpy, scipy, pandas): the web application and the command line call the same
functions. Start with :class:`MatchIndex` or :func:`recommend`; settings are
:class:`MatchSettings`.
"""

from __future__ import annotations

from clusterdialogue.core.matching.engine import (
    EXACT_LIMIT,
    OUTPUT_COLUMNS,
    MatchIndex,
    recommend,
    recommend_for,
)
from clusterdialogue.core.matching.profiles import prepare_profiles, read_profiles_csv
from clusterdialogue.core.matching.settings import MatchSettings

__all__ = [
    "EXACT_LIMIT",
    "OUTPUT_COLUMNS",
    "MatchIndex",
    "MatchSettings",
    "prepare_profiles",
    "read_profiles_csv",
    "recommend",
    "recommend_for",
]
