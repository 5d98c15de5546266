"""The settings of the matching engine that a user can change and see the effect of."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MatchSettings"]


@dataclass(frozen=True)
class MatchSettings:
    """How partners are scored and chosen.

    ``score = (1 - a - b) * (w * similarity + (1 - w) * complementarity)
    + a * industry relatedness + b * regional specialisation``, every component in [0, 1].
    ``a`` and ``b`` count only when their data is given (otherwise they are 0 and the themes
    carry the whole score).

    Attributes
    ----------
    similarity_weight : float
        ``w`` in [0, 1]: 1 ranks by shared themes, wording and industries only (joint R&D,
        joint calls); 0 by one's offers meeting the other's needs only.
    cross_territory : bool
        Propose only partners from another territory (the default inside a network).
    min_score : float
        Leave out partners scoring below it.
    territory_quota : int or None
        At most this many partners from one territory in a profile's list.
    relatedness_weight : float
        ``a``: weight of industry relatedness (co-location of employment).
    specialisation_weight : float
        ``b``: weight of the regions' specialisation in the pair's industries.
    candidate_factor : int
        Above :data:`~.engine.EXACT_LIMIT` profiles, with employment data or a territory
        quota, all-pairs lists are chosen among the ``top * candidate_factor`` best thematic
        partners of each profile (without them, the thematic lists are the exact lists).
    workers : int
        Threads for the all-pairs product of large sets (``match recommend`` uses the CPU
        count).
    """

    similarity_weight: float = 0.7
    cross_territory: bool = True
    min_score: float = 0.0
    territory_quota: int | None = None
    relatedness_weight: float = 0.15
    specialisation_weight: float = 0.1
    candidate_factor: int = 5
    workers: int = 1

    def __post_init__(self) -> None:
        for name in (
            "similarity_weight",
            "min_score",
            "relatedness_weight",
            "specialisation_weight",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {value}")
        if self.relatedness_weight + self.specialisation_weight >= 1.0:
            raise ValueError("relatedness_weight + specialisation_weight must stay below 1")
        if self.territory_quota is not None and self.territory_quota < 1:
            raise ValueError(f"territory_quota must be at least 1, not {self.territory_quota}")
        if self.candidate_factor < 1 or self.workers < 1:
            raise ValueError("candidate_factor and workers must be at least 1")
