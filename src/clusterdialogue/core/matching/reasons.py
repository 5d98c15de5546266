"""Reasons for a proposed partnership, in the words a policy expert uses.

Example: ``shared themes: electric mobility, automotive; related industries: C29 Manufacture of
motor vehicles ↔ C22 Manufacture of rubber and plastic products (co-location r=0.34); regional
strengths: both regions specialised in C29 (LQ 3.6 and 1.1)``.

The reasons read plain data only (a :class:`ReasonContext` and the two sides'
:class:`~.features.ProfileFeatures`), so the engine calls them and they never call it back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusterdialogue.core.matching.features import ProfileFeatures
from clusterdialogue.core.matching.topk import PAIR_CHUNK, rowwise_dot

__all__ = ["ReasonContext", "pair_reasons", "pairs_reasons"]

SPECIALISED_LQ = 1.0
MAX_ITEMS = 3


@dataclass(frozen=True)
class ReasonContext:
    """What the reasons know besides the two profiles.

    Attributes
    ----------
    labels, themes : mapping of str to str
        Label and theme of each concept key.
    division_codes : sequence of str
        The NACE division of each column of ``ProfileFeatures.divisions`` (``"C29"``).
    division_titles : sequence of str
        How each of those divisions is named in a reason (``"C29 Manufacture of ..."``).
    related : numpy.ndarray, optional
        Divisions by divisions relatedness used in the score (0 below the threshold).
    correlation : pandas.DataFrame, optional
        The co-location correlation quoted next to a related pair.
    specialisation : pandas.DataFrame, optional
        Regions by divisions location quotients.
    """

    labels: Mapping[str, str]
    themes: Mapping[str, str]
    division_codes: Sequence[str]
    division_titles: Sequence[str]
    related: np.ndarray | None = None
    correlation: pd.DataFrame | None = None
    specialisation: pd.DataFrame | None = None


def pair_reasons(
    context: ReasonContext, query: ProfileFeatures, a: int, indexed: ProfileFeatures, b: int
) -> str:
    """Plain-words reasons why profile ``a`` of ``query`` and profile ``b`` of ``indexed`` match."""
    return pairs_reasons(context, query, np.array([a]), indexed, np.array([b]))[0]


def pairs_reasons(
    context: ReasonContext,
    query: ProfileFeatures,
    i: np.ndarray,
    indexed: ProfileFeatures,
    j: np.ndarray,
) -> list[str]:
    """:func:`pair_reasons` of the pairs ``(i[k], j[k])``, the sparse products done at once.

    The wording cosine and the shared divisions of all pairs come from vectorised products
    (one sparse row product per pair would cost more than the whole top-k search).
    """
    wording = rowwise_dot(query.wording, indexed.wording, i, j)
    shared_divisions = _shared_columns(query.divisions, indexed.divisions, i, j)
    label, theme = context.labels, context.themes
    titles = context.division_titles
    out = []
    for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
        parts: list[str] = []
        mine, theirs = query.concepts[a], indexed.concepts[b]
        if mine and theirs:
            _themes(parts, mine, theirs, label, theme)
        if not parts and wording[k] >= 0.2:
            parts.append(f"similar wording in their descriptions ({wording[k]:.2f})")
        offered, needed = query.offer_items[a], query.need_items[a]
        if offered or needed:
            offers = _items(offered, indexed.need_items[b])
            needs = _items(indexed.offer_items[b], needed)
            if offers:
                parts.append("offers what the partner needs: " + ", ".join(offers[:MAX_ITEMS]))
            if needs:
                parts.append("needs what the partner offers: " + ", ".join(needs[:MAX_ITEMS]))
        both = shared_divisions[k]
        if both:
            parts.append("same industry: " + ", ".join(titles[c] for c in both[:2]))
        if context.related is not None or context.specialisation is not None:
            da, db = query.divisions[a], indexed.divisions[b]
            if context.related is not None:
                related = _related(context, da, db)
                if related:
                    parts.append("related industries: " + "; ".join(related))
            if context.specialisation is not None:
                strengths = _strengths(context, query.regions[a], indexed.regions[b], da, db)
                if strengths:
                    parts.append("regional strengths: " + "; ".join(strengths))
        out.append("; ".join(parts) if parts else "little in common")
    return out


def _themes(parts: list[str], mine, theirs, label, theme) -> None:
    shared = [k for k in mine if k in set(theirs)]
    if shared:
        parts.append("shared themes: " + ", ".join(label[k] for k in shared[:MAX_ITEMS]))
        return
    families = sorted({theme[k] for k in mine} & {theme[k] for k in theirs})
    if families:
        pairs = [
            f"{label[x]} ↔ {label[y]}"
            for x in mine
            for y in theirs
            if theme[x] == theme[y] and theme[x] in families
        ]
        parts.append(f"related themes ({', '.join(families)}): " + ", ".join(pairs[:MAX_ITEMS]))


def _shared_columns(
    left: np.ndarray, right: np.ndarray, i: np.ndarray, j: np.ndarray
) -> list[list[int]]:
    """For each pair, the columns (in order) where both dense rows are positive."""
    found: list[list[int]] = []
    for s in range(0, len(i), PAIR_CHUNK):
        # Only the pairs' rows are compared (a single list must not convert the whole index).
        both = sp.csr_matrix((left[i[s : s + PAIR_CHUNK]] > 0) & (right[j[s : s + PAIR_CHUNK]] > 0))
        columns, bounds = both.indices.tolist(), both.indptr.tolist()
        found.extend(columns[bounds[r] : bounds[r + 1]] for r in range(len(bounds) - 1))
    return found


def _items(offered: dict[str, str], needed: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(offered[k] for k in offered if k in needed))


def _related(context: ReasonContext, da: np.ndarray, db: np.ndarray) -> list[str]:
    codes, titles = context.division_codes, context.division_titles
    contribution = np.outer(da, db) * context.related
    found, seen = [], set()
    for flat in np.argsort(-contribution, axis=None, kind="stable")[:4]:
        x, y = np.unravel_index(flat, contribution.shape)
        if contribution[x, y] <= 0 or len(found) == 2:
            break
        if frozenset((x, y)) in seen:  # C26 ↔ C27 and C27 ↔ C26 say the same
            continue
        seen.add(frozenset((x, y)))
        r = float(context.correlation.loc[codes[x], codes[y]])
        found.append(f"{titles[x]} ↔ {titles[y]} (co-location r={r:.2f})")
    return found


def _strengths(
    context: ReasonContext, ra: str, rb: str, da: np.ndarray, db: np.ndarray
) -> list[str]:
    lq, codes = context.specialisation, context.division_codes
    found = []
    for k in np.argsort(-(da + db), kind="stable"):
        if da[k] + db[k] <= 0 or len(found) == 2:
            break
        code = codes[k]
        qa = lq.at[ra, code] if ra in lq.index else np.nan
        qb = lq.at[rb, code] if rb in lq.index else np.nan
        if qa >= SPECIALISED_LQ and qb >= SPECIALISED_LQ:
            found.append(f"both regions specialised in {code} (LQ {qa:.1f} and {qb:.1f})")
        elif db[k] > 0 and qa >= SPECIALISED_LQ and da[k] == 0:
            found.append(f"{ra} specialised in the partner's {code} (LQ {qa:.1f})")
        elif da[k] > 0 and qb >= SPECIALISED_LQ:
            found.append(f"partner's region {rb} specialised in {code} (LQ {qb:.1f})")
    return found
