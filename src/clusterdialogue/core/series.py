"""Breaks in a statistical series: where the figures switch from one dataset to another.

Eurostat's regional SBS continues from reference year 2021 in ``sbs_r_nuts2021`` beside
``sbs_r_nuts06_r2`` (up to 2020): the two differ in NUTS version, indicator definitions and
coverage, so a growth rate or a shift-share between 2020 and 2021 would mix two series. These
functions say where a series breaks and which periods are free of a break; they take the
dataset of each year (``{2019: "sbs_r_nuts06_r2", 2021: "sbs_r_nuts2021"}``) and nothing else.

A year whose dataset is not known (an empty code) is left out: unknown is not different.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import NamedTuple

__all__ = ["Break", "Period", "period_breaks", "series_breaks", "series_periods"]


class Break(NamedTuple):
    """The first year of a new dataset, the dataset before it and the one from it on."""

    year: int
    before: str
    after: str


class Period(NamedTuple):
    """Consecutive years (first and last, inclusive) whose figures come from one dataset."""

    start: int
    end: int
    dataset: str


def series_periods(datasets: Mapping[int, str]) -> list[Period]:
    """The runs of years from one dataset, oldest first.

    Parameters
    ----------
    datasets : mapping of int to str
        The dataset code of each year with figures; years may be missing (a gap does not
        break a series) and an empty code is ignored.

    Returns
    -------
    list of Period
        ``(start, end, dataset)`` per run; a single year gives ``start == end``.

    Examples
    --------
    >>> series_periods({2019: "old", 2020: "old", 2021: "new", 2023: "new"})
    [Period(start=2019, end=2020, dataset='old'), Period(start=2021, end=2023, dataset='new')]
    >>> series_periods({})
    []
    """
    periods: list[Period] = []
    for year in sorted(y for y, code in datasets.items() if code):
        code = datasets[year]
        if periods and periods[-1].dataset == code:
            periods[-1] = periods[-1]._replace(end=year)
        else:
            periods.append(Period(year, year, code))
    return periods


def series_breaks(datasets: Mapping[int, str]) -> list[Break]:
    """Every change of dataset in a series, oldest first.

    Parameters
    ----------
    datasets : mapping of int to str
        The dataset code of each year, as for :func:`series_periods`.

    Returns
    -------
    list of Break
        ``(year, before, after)``: ``year`` is the first year of the dataset ``after``.

    Examples
    --------
    >>> series_breaks({2019: "old", 2020: "old", 2021: "new", 2022: "new"})
    [Break(year=2021, before='old', after='new')]
    >>> series_breaks({2019: "old", 2020: "", 2021: "old"})
    []
    """
    return period_breaks(series_periods(datasets))


def period_breaks(periods: Sequence[Period]) -> list[Break]:
    """The breaks between consecutive periods of :func:`series_periods`.

    Examples
    --------
    >>> period_breaks([Period(2008, 2020, "old"), Period(2021, 2023, "new")])
    [Break(year=2021, before='old', after='new')]
    """
    return [
        Break(later.start, earlier.dataset, later.dataset) for earlier, later in pairwise(periods)
    ]
