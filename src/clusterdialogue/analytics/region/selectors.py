"""Reads for a region's analytics page and API: profile, opportunities, complexity, dynamics.

Every function takes results from :mod:`clusterdialogue.analytics.selectors` and a region's
data code (the code under which its figures are published) and returns plain frames and
dataclasses, shaped for the page, its CSV downloads and the API alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterdialogue.analytics.selectors import (
    AnalyticsOverview,
    AnalyticsRegion,
    analytics_overview,
    analytics_regions,
    analytics_result,
)
from clusterdialogue.core.complexity import ComplexityResult
from clusterdialogue.core.diversification import (
    SpecialisationDynamics,
    diversification_opportunities,
    specialisation_dynamics,
)
from clusterdialogue.regions.models import Territory
from clusterdialogue.regions.selectors import network_default, territory_list

PROFILE_COLUMNS = ["category", "name", "employment", "rca", "specialised", "density", "pci", "cog"]
TRANSITION_COLUMNS = ["category", "name", "change", "rca_start", "rca_end", "density_start"]
ROLE_ORDER = {role: index for index, role in enumerate(Territory.Role.values)}


@dataclass(frozen=True)
class RegionSummary:
    """The headline figures of a region in one year, among the regions of its level."""

    eci: float | None
    eci_rank: int | None
    ranked: int
    diversity: int
    categories: int
    coi: float | None


def _number(value: float) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def network_territories() -> list[Territory]:
    """The default network's territories: partners first, then associates and observers."""
    network = network_default()
    territories = list(territory_list(network=network)) if network else []
    return sorted(territories, key=lambda t: (ROLE_ORDER.get(t.role, len(ROLE_ORDER)), t.name))


def region_default_year(*, place: AnalyticsRegion, overview: AnalyticsOverview) -> int | None:
    """The level's default year if the region has figures in it, else the region's latest."""
    if not place.years:
        return None
    return overview.default_year if overview.default_year in place.years else place.years[-1]


def region_summary(*, result: ComplexityResult, code: str) -> RegionSummary:
    """ECI, its rank among the regions with an ECI, diversity and complexity outlook."""
    eci = result.eci.dropna()
    value = _number(result.eci.get(code))
    rank = int((eci > value).sum()) + 1 if value is not None else None
    return RegionSummary(
        eci=value,
        eci_rank=rank,
        ranked=len(eci),
        diversity=int(result.m.loc[code].sum()),
        categories=int(result.pci.notna().sum()),
        coi=_number(result.coi.get(code)),
    )


def region_profile(*, result: ComplexityResult, code: str, names: dict[str, str]) -> pd.DataFrame:
    """Every category of one region: employment, RCA, specialised (M), density, PCI, COG.

    Sorted by RCA, highest first (categories without employment anywhere last).
    """
    columns = result.m.columns
    frame = pd.DataFrame(
        {
            "category": columns.astype(str),
            "name": [names.get(str(c), str(c)) for c in columns],
            "employment": result.employment.loc[code].to_numpy(),
            "rca": result.rca.loc[code].to_numpy(),
            "specialised": result.m.loc[code].to_numpy(),
            "density": result.density.loc[code].to_numpy(),
            "pci": result.pci.reindex(columns).to_numpy(),
            "cog": result.cog.loc[code].to_numpy(),
        }
    )
    return frame.sort_values(["rca", "category"], ascending=[False, True], na_position="last")[
        PROFILE_COLUMNS
    ].reset_index(drop=True)


def region_opportunities(
    *,
    result: ComplexityResult,
    code: str,
    names: dict[str, str],
    weight: float = 0.5,
    top: int | None = None,
) -> pd.DataFrame:
    """The region's diversification opportunities, best first, with each category's title.

    Columns as :func:`clusterdialogue.core.diversification.diversification_opportunities`, and
    ``name`` after ``category``.
    """
    table = diversification_opportunities(result, code, weight=weight, top=top)
    table.insert(3, "name", [names.get(c, c) for c in table["category"]])
    return table


def eci_history(*, place: AnalyticsRegion, territories: list[Territory], scheme: str) -> list[dict]:
    """ECI per year of the region and of the network's territories, each at its own level.

    Returns one dict per line: ``label, code, data_code, level, is_region, years, eci`` (only
    the years with an ECI). ECI is standardised among the regions of each level, so lines of
    different levels compare positions, not raw values.
    """
    places = [place] + [
        p
        for p in analytics_regions(regions=[t.region for t in territories], scheme=scheme)
        if p.region.pk != place.region.pk
    ]
    labels = {t.region.pk: t.name for t in territories}
    overviews: dict[int, AnalyticsOverview] = {}
    lines = []
    for index, item in enumerate(places):
        if item.data_code is None:
            continue
        if item.level not in overviews:
            overviews[item.level] = analytics_overview(scheme=scheme, level=item.level)
        eci = overviews[item.level].eci
        if item.data_code not in eci.index:
            continue
        series = eci.loc[item.data_code].dropna()
        lines.append(
            {
                "label": labels.get(item.region.pk, item.region.name),
                "code": item.region.code,
                "data_code": item.data_code,
                "level": item.level,
                "is_region": index == 0,
                "years": [int(y) for y in series.index],
                "eci": [round(float(v), 4) for v in series.to_numpy()],
            }
        )
    return lines


def eci_table(lines: list[dict]) -> tuple[list[int], list[dict]]:
    """The lines of :func:`eci_history` as a table: every year, one row per line.

    Each row is the line with ``values``, its ECI per year (None where it has none).
    """
    years = sorted({year for line in lines for year in line["years"]})
    rows = []
    for line in lines:
        by_year = dict(zip(line["years"], line["eci"], strict=True))
        rows.append({**line, "values": [by_year.get(year) for year in years]})
    return years, rows


@dataclass(frozen=True)
class RegionDynamics:
    """Specialisation dynamics between two years: all regions of the level, and the region's."""

    network: SpecialisationDynamics
    transitions: pd.DataFrame  # the region's entries and exits, TRANSITION_COLUMNS
    candidates: int  # the region's categories without advantage in the start year
    incumbents: int  # the region's categories with advantage in the start year

    @property
    def entries(self) -> pd.DataFrame:
        return self.transitions[self.transitions["change"] == "entry"]

    @property
    def exits(self) -> pd.DataFrame:
        return self.transitions[self.transitions["change"] == "exit"]

    @property
    def has_gaps(self) -> bool:
        """Whether an entry or exit starts or ends without employment (RCA 0).

        The structural business statistics hide confidential figures, which count as zero:
        such a move may be a gap in the published figures rather than a real change.
        """
        moves = self.transitions
        return bool(((moves["rca_start"] == 0) | (moves["rca_end"] == 0)).any())


def region_dynamics(
    *, scheme: str, level: int, code: str, start: int, end: int, names: dict[str, str]
) -> RegionDynamics | None:
    """Entries and exits of advantage from ``start`` to ``end``; None if a year has no figures."""
    first = analytics_result(year=start, scheme=scheme, level=level)
    last = analytics_result(year=end, scheme=scheme, level=level)
    if first is None or last is None:
        return None
    dynamics = specialisation_dynamics(first, last)
    own = dynamics.transitions[dynamics.transitions["region"] == code]
    moves = own[own["change"].isin(["entry", "exit"])].copy()
    moves["name"] = [names.get(c, c) for c in moves["category"]]
    moves = moves.sort_values(["change", "density_start"], ascending=[True, False])
    return RegionDynamics(
        network=dynamics,
        transitions=moves[TRANSITION_COLUMNS].reset_index(drop=True),
        candidates=int(((own["m_start"] == 0) & own["density_start"].notna()).sum()),
        incumbents=int((own["m_start"] == 1).sum()),
    )


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with None for missing values (for templates, JSON and the API)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return [
        {k: (v.item() if isinstance(v, np.generic) else v) for k, v in row.items()}
        for row in clean.to_dict("records")
    ]
