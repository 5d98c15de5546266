"""Reasons for a proposed partnership, in the words a policy expert uses.

Example: ``shared themes: electric mobility, automotive; related industries: C29 Manufacture of
motor vehicles ↔ C22 Manufacture of rubber and plastic products (co-location r=0.34); regional
strengths: both regions specialised in C29 (LQ 3.6 and 1.1)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from clusterdialogue.core.matching.engine import MatchIndex
    from clusterdialogue.core.matching.features import ProfileFeatures

__all__ = ["pair_reasons"]

SPECIALISED_LQ = 1.0
MAX_ITEMS = 3


def pair_reasons(index: MatchIndex, f: ProfileFeatures, a: int, b: int) -> str:
    """Plain-words reasons why profile ``a`` (of ``f``) and indexed profile ``b`` match."""
    g = index.features
    vocabulary = index.space.vocabulary
    parts: list[str] = []
    mine, theirs = f.concepts[a], g.concepts[b]
    shared = [k for k in mine if k in set(theirs)]
    label = {c.key: c.label for c in vocabulary.concepts}
    theme = {c.key: c.theme for c in vocabulary.concepts}
    if shared:
        parts.append("shared themes: " + ", ".join(label[k] for k in shared[:MAX_ITEMS]))
    else:
        families = sorted({theme[k] for k in mine} & {theme[k] for k in theirs})
        if families:
            pairs = [
                f"{label[x]} ↔ {label[y]}"
                for x in mine
                for y in theirs
                if theme[x] == theme[y] and theme[x] in families
            ]
            parts.append(f"related themes ({', '.join(families)}): " + ", ".join(pairs[:MAX_ITEMS]))
    wording = f.wording[a].multiply(g.wording[b]).sum()
    if not parts and wording >= 0.2:
        parts.append(f"similar wording in their descriptions ({wording:.2f})")
    offers = _items(f.offer_items[a], g.need_items[b])
    needs = _items(g.offer_items[b], f.need_items[a])
    if offers:
        parts.append("offers what the partner needs: " + ", ".join(offers[:MAX_ITEMS]))
    if needs:
        parts.append("needs what the partner offers: " + ", ".join(needs[:MAX_ITEMS]))
    codes = index.space.division_codes
    da, db = f.divisions[a], g.divisions[b]
    both = [codes[k] for k in np.flatnonzero((da > 0) & (db > 0))]
    if both:
        parts.append("same industry: " + ", ".join(_title(index, c) for c in both[:2]))
    if index.related is not None:
        related = _related(index, da, db)
        if related:
            parts.append("related industries: " + "; ".join(related))
    if index.lq is not None:
        strengths = _strengths(index, f.regions[a], g.regions[b], da, db)
        if strengths:
            parts.append("regional strengths: " + "; ".join(strengths))
    return "; ".join(parts) if parts else "little in common"


def _items(offered: dict[str, str], needed: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(offered[k] for k in offered if k in needed))


def _title(index: MatchIndex, code: str) -> str:
    return index.nace.title(code) if index.nace is not None else code


def _related(index: MatchIndex, da: np.ndarray, db: np.ndarray) -> list[str]:
    codes = index.space.division_codes
    contribution = np.outer(da, db) * index.related
    found, seen = [], set()
    for flat in np.argsort(-contribution, axis=None, kind="stable")[:4]:
        x, y = np.unravel_index(flat, contribution.shape)
        if contribution[x, y] <= 0 or len(found) == 2:
            break
        if frozenset((x, y)) in seen:  # C26 ↔ C27 and C27 ↔ C26 say the same
            continue
        seen.add(frozenset((x, y)))
        r = float(index.correlation.loc[codes[x], codes[y]])
        found.append(
            f"{_title(index, codes[x])} ↔ {_title(index, codes[y])} (co-location r={r:.2f})"
        )
    return found


def _strengths(index: MatchIndex, ra: str, rb: str, da: np.ndarray, db: np.ndarray) -> list[str]:
    lq = index.lq
    codes = index.space.division_codes
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
