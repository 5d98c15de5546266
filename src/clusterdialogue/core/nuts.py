"""NUTS codes across versions: which codes of other versions denote the same territory.

Eurostat publishes figures under the NUTS version in force when they were compiled: 2008-2015
business statistics under NUTS 2013 (``FR7``, Centre-Est), figures from 2021 under NUTS 2021 or
2024, while the platform's maps are NUTS 2016 (``FRK``, Auvergne-Rhône-Alpes, the same
territory). A *recoding* (new code, same territory) lets figures cross versions; a split, a
merger or a moved boundary does not, and these functions never follow one.

A recoding is a tuple ``(old_code, old_version, new_code, new_version)`` with versions written
as years (``"2013"``, ``"2016"``, ``"2021"``, ``"2024"``), so they compare as strings.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Recoding", "codes_in_version", "newer_codes", "territory_codes"]

Recoding = tuple[str, str, str, str]


def _links(recodings: Iterable[Recoding]) -> tuple[dict[str, str], dict[str, str]]:
    older: dict[str, str] = {}
    newer: dict[str, str] = {}
    for old, _, new, _ in recodings:
        older.setdefault(new, old)
        newer.setdefault(old, new)
    return older, newer


def _walk(code: str, links: dict[str, str]) -> list[str]:
    chain: list[str] = []
    seen = {code}
    while code in links and links[code] not in seen:  # a cycle in bad data stops the walk
        code = links[code]
        seen.add(code)
        chain.append(code)
    return chain


def territory_codes(code: str, recodings: Iterable[Recoding]) -> list[str]:
    """``code`` and the codes of the same territory in other versions, nearest first.

    The older codes come first (``FRK`` → ``FR7``), then the newer ones, so a region of the
    default version looks for its figures under its own code, then under its predecessors as
    it always did, and only then under its successors.

    Parameters
    ----------
    code : str
        A NUTS code of any version.
    recodings : iterable of (old_code, old_version, new_code, new_version)
        Recodings only (same territory, new code).

    Returns
    -------
    list of str
        ``[code, *older, *newer]``.

    Examples
    --------
    >>> recodings = [("FR91", "2010", "FRA1", "2013"), ("FRA1", "2013", "FRY1", "2016"),
    ...              ("FRY1", "2016", "FRY9", "2021")]
    >>> territory_codes("FRY1", recodings)
    ['FRY1', 'FRA1', 'FR91', 'FRY9']
    >>> territory_codes("DE11", recodings)
    ['DE11']
    """
    recodings = list(recodings)
    older, newer = _links(recodings)
    return [code, *_walk(code, older), *_walk(code, newer)]


def newer_codes(code: str, recodings: Iterable[Recoding]) -> list[str]:
    """The codes of the same territory in later versions than ``code``'s, nearest first.

    Examples
    --------
    >>> newer_codes("FRY1", [("FRA1", "2013", "FRY1", "2016"), ("FRY1", "2016", "FRY9", "2021")])
    ['FRY9']
    """
    return _walk(code, _links(recodings)[1])


def codes_in_version(recodings: Iterable[Recoding], version: str) -> dict[str, str]:
    """Map codes of other versions to the code of the same territory in ``version``.

    Older codes follow their recodings forward while these reach no later than ``version``;
    newer codes follow them backward while they start no earlier than ``version``. A code
    whose chain does not reach ``version`` maps to the last code reached on the way.

    Parameters
    ----------
    recodings : iterable of (old_code, old_version, new_code, new_version)
        Recodings only.
    version : str
        The target version, e.g. ``"2016"``.

    Returns
    -------
    dict
        ``{code: code in version}`` for every code of a recoding that is not itself the code
        in ``version``.

    Examples
    --------
    >>> recodings = [("FR7", "2013", "FRK", "2016"), ("FRY1", "2016", "FRY9", "2021"),
    ...              ("FRY9", "2021", "FRY8", "2024")]
    >>> codes_in_version(recodings, "2016")
    {'FR7': 'FRK', 'FRY9': 'FRY1', 'FRY8': 'FRY1'}
    >>> codes_in_version(recodings, "2024")
    {'FR7': 'FRK', 'FRY1': 'FRY8', 'FRY9': 'FRY8'}
    """
    recodings = list(recodings)
    forward = {old: new for old, _, new, new_version in recodings if new_version <= version}
    backward = {new: old for old, old_version, new, _ in recodings if old_version >= version}
    mapped: dict[str, str] = {}
    for links in (forward, backward):
        for code in links:
            chain = _walk(code, links)
            if chain:
                mapped.setdefault(code, chain[-1])
    return mapped
