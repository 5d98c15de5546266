"""The plain data of consortium building: candidates, eligibility rules, proposals."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clusterdialogue.core.countries import normalise_country

if TYPE_CHECKING:
    from clusterdialogue.core.io.calls import Call

__all__ = [
    "DEFAULT_TERRITORY_WEIGHT",
    "Candidate",
    "ConsortiumInfeasible",
    "ConsortiumProposal",
    "ConsortiumTimeout",
    "EligibilityRules",
]

#: Default weight of one network territory covered, in units of fit: a partner with fit 0.6
#: from a territory not yet covered beats one with fit 0.8 from a covered one.
DEFAULT_TERRITORY_WEIGHT = 0.25


@dataclass(frozen=True)
class Candidate:
    """A possible consortium member (or the lead).

    ``country`` is stored in Eurostat form (``GR`` → ``EL``, ``GB`` → ``UK``). ``territory`` is
    the network territory the organisation belongs to, ``None`` outside the network. ``fit``
    (0 to 1) says how well the partner fits the call and the lead; the caller computes it, for
    example from the matching engine's score. The lead's own fit is not used.
    """

    id: str
    name: str
    country: str
    territory: str | None = None
    fit: float = 0.0

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError(f"candidate {self.name!r} has an empty id")
        if not (isinstance(self.fit, int | float) and math.isfinite(self.fit)):
            raise ValueError(f"fit of {self.id!r} must be a number, not {self.fit!r}")
        if not 0 <= self.fit <= 1:
            raise ValueError(f"fit of {self.id!r} is {self.fit}; it must be between 0 and 1")
        object.__setattr__(self, "country", normalise_country(self.country))
        if self.territory == "":
            object.__setattr__(self, "territory", None)

    def describe(self) -> str:
        """``name (country, territory)``, the way explanations name a member."""
        where = self.country if self.territory is None else f"{self.country}, {self.territory}"
        return f"{self.name} ({where})"


@dataclass(frozen=True)
class EligibilityRules:
    """What a call requires of a consortium.

    ``min_partners`` and ``max_partners`` count the lead too. ``eligible_countries`` lists the
    countries every member (the lead included) must come from; empty means any country.
    """

    min_partners: int = 1
    min_countries: int = 1
    eligible_countries: frozenset[str] = frozenset()
    max_partners: int | None = None

    def __post_init__(self) -> None:
        for name in ("min_partners", "min_countries"):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"{name} must be 1 or more, not {getattr(self, name)}")
        if self.max_partners is not None and self.max_partners < self.min_partners:
            raise ValueError(
                f"max_partners ({self.max_partners}) is below min_partners ({self.min_partners})"
            )
        countries: Iterable[str] = self.eligible_countries
        object.__setattr__(
            self, "eligible_countries", frozenset(normalise_country(c) for c in countries)
        )

    @classmethod
    def from_call(cls, call: Call) -> EligibilityRules:
        """The rules of a funding call read by :func:`clusterdialogue.core.io.calls.read_calls`."""
        return cls(
            min_partners=call.min_partners,
            min_countries=call.min_countries,
            eligible_countries=frozenset(call.eligible_countries),
            max_partners=call.max_partners,
        )

    def is_eligible(self, country: str) -> bool:
        """Whether a member from ``country`` (Eurostat form) may take part."""
        return not self.eligible_countries or country in self.eligible_countries


@dataclass(frozen=True)
class ConsortiumProposal:
    """One proposed consortium, best first (``rank`` 1), with its explanation.

    ``score`` = ``fit_total`` + ``territory_weight`` × ``len(territories)``, computed from the
    unrounded fits. ``status`` is ``"OPTIMAL"`` when no consortium (different from the proposals
    ranked above) can score more, ``"FEASIBLE"`` when the time limit stopped the proof; then
    ``bound`` is the best score still possible and ``gap`` = ``bound - score``.
    """

    rank: int
    lead: Candidate
    partners: tuple[Candidate, ...]
    score: float
    fit_total: float
    territory_weight: float
    countries: tuple[str, ...]
    territories: tuple[str, ...]
    network_territory_count: int
    status: str
    bound: float
    gap: float
    explanation: tuple[str, ...] = field(default=(), compare=False)

    @property
    def members(self) -> tuple[Candidate, ...]:
        """The lead, then the partners."""
        return (self.lead, *self.partners)

    @property
    def partner_ids(self) -> frozenset[str]:
        """The ids of the partners (the lead not included)."""
        return frozenset(p.id for p in self.partners)

    @property
    def size(self) -> int:
        """The number of members, the lead included."""
        return 1 + len(self.partners)

    @property
    def relative_gap(self) -> float:
        """``gap / bound`` (0 when proven optimal)."""
        return self.gap / self.bound if self.bound > 0 else 0.0


class ConsortiumInfeasible(ValueError):
    """No consortium can meet the rules; ``reasons`` says why, in plain words."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = list(reasons)
        super().__init__("No consortium can meet the rules: " + " ".join(self.reasons))


class ConsortiumTimeout(RuntimeError):
    """The solver found no consortium within the time limit (none was proven impossible)."""
