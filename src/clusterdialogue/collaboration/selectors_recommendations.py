"""Partner recommendations for a profile, ready for the pages, the CSV and the API."""

from __future__ import annotations

import logging
import math

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.selectors_board import territory_for_code, territory_prefixes
from clusterdialogue.collaboration.services.engine import (
    directory_index,
    organisation_recommendations,
)
from clusterdialogue.core.matching import MatchSettings

logger = logging.getLogger(__name__)

COMPONENTS = ("similarity", "complementarity", "relatedness", "specialisation")
PROFILE_SUGGESTIONS = 5


def _number(value: float) -> float | None:
    """A component for display; None when the engine left it out (no employment data)."""
    return None if value is None or math.isnan(value) else round(float(value), 4)


def recommendation_rows(
    *, organisation: ClusterOrganisation, settings: MatchSettings, top: int
) -> list[dict]:
    """The engine's partners for ``organisation`` with their territory; components may be None."""
    prefixes = territory_prefixes()
    rows = organisation_recommendations(organisation=organisation, settings=settings, top=top)
    for row in rows:
        row["territory"] = territory_for_code(row["organisation"].region.code, prefixes)
        row["score"] = round(row["score"], 4)
        for name in COMPONENTS:
            row[name] = _number(row[name])
        row["components"] = [(name, row[name]) for name in COMPONENTS]
    return rows


def recommendation_notes() -> list[str]:
    """What the engine left out of the scores and why (e.g. no employment data)."""
    return list(directory_index().index.notes)


def profile_partner_suggestions(
    *, organisation: ClusterOrganisation, top: int = PROFILE_SUGGESTIONS
) -> list[dict]:
    """The default recommendations for a profile page; empty (never an error) when the engine
    cannot answer, so the profile page always opens."""
    try:
        return recommendation_rows(organisation=organisation, settings=MatchSettings(), top=top)
    except Exception:  # an optional section: log the cause, show the profile without it
        logger.exception("partner suggestions for %s failed", organisation.slug)
        return []
