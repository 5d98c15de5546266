"""The matching engine: partners for every profile (or one), with scores and reasons.

Build a :class:`MatchIndex` once from the profiles (and, when available, employment-based
industry relatedness and regional specialisation), then ask it for everyone's partners
(:meth:`MatchIndex.recommend`) or for one profile's (:meth:`MatchIndex.recommend_for`).

Score components of a pair ``(i, j)``, each in [0, 1]:

* similarity ``sim = x_i . x_j`` (:mod:`.features`: themes, wording, industries);
* complementarity ``comp = (o_i . n_j + n_i . o_j) / 2`` (offers ``o``, needs ``n``);
* industry relatedness ``rel = sum_{a != b} d_i[a] d_j[b] r+(a, b)``, with ``d`` the NACE
  weights (summing to 1) and ``r+`` the co-location correlation when at least 0.2, else 0;
* regional specialisation ``spec = (d_i . s(region_j) + d_j . s(region_i)) / 2`` with ``s``
  the specialisation strength of a region (:func:`.industries.specialisation_strength`).

Up to :data:`EXACT_LIMIT` profiles, and always for one profile, every pair is scored. Above,
each profile's best pairs by ``w sim + (1 - w) comp`` are found exactly by the blockwise
sparse product of ``sparse_dot_topn`` (:func:`.topk.all_pairs_topk`: identical profiles
multiplied once, ties broken by the partner's row): they are the lists when no employment
data is given; with it, each profile's ``top * candidate_factor`` best are scored in full.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusterdialogue.core.matching.features import FeatureSpace, ProfileFeatures
from clusterdialogue.core.matching.industries import MIN_CORRELATION, specialisation_strength
from clusterdialogue.core.matching.nace_vocabulary import NaceVocabulary
from clusterdialogue.core.matching.profiles import prepare_profiles
from clusterdialogue.core.matching.reasons import ReasonContext, pairs_reasons
from clusterdialogue.core.matching.settings import MatchSettings
from clusterdialogue.core.matching.topk import PAIR_CHUNK, all_pairs_topk, rowwise_dot
from clusterdialogue.core.matching.vocabulary import ConceptVocabulary, load_concepts

__all__ = ["EXACT_LIMIT", "OUTPUT_COLUMNS", "MatchIndex", "recommend", "recommend_for"]

EXACT_LIMIT = 3000
OUTPUT_COLUMNS = [
    "id", "partner_id", "rank", "score", "similarity", "complementarity", "relatedness",
    "specialisation", "partner_region", "reasons",
]  # fmt: skip


class MatchIndex:
    """Profiles encoded once, ready to be matched.

    Parameters
    ----------
    profiles : pandas.DataFrame
        The profile contract of :mod:`.profiles` (list columns as lists or ``;`` strings).
    industry_relatedness : pandas.DataFrame, optional
        Divisions by divisions correlation (:func:`.industries.industry_relatedness`).
    specialisation : pandas.DataFrame, optional
        Regions by divisions location quotients (:func:`.industries.regional_specialisation`).
    vocabulary : ConceptVocabulary, optional
        Default: the curated concepts shipped with the package.
    nace : NaceVocabulary, optional
        NACE titles, to infer divisions from text and to name them in reasons.
    """

    def __init__(
        self,
        profiles: pd.DataFrame,
        *,
        industry_relatedness: pd.DataFrame | None = None,
        specialisation: pd.DataFrame | None = None,
        vocabulary: ConceptVocabulary | None = None,
        nace: NaceVocabulary | None = None,
    ) -> None:
        self.profiles = prepare_profiles(profiles)
        extra = [] if industry_relatedness is None else list(industry_relatedness.index)
        self.space = FeatureSpace(vocabulary or load_concepts(), nace, divisions=extra)
        self.nace = nace
        self.features = self.space.fit_transform(self.profiles)
        self.row = {pid: i for i, pid in enumerate(self.features.ids)}
        self._cache: dict = {}
        self._regions = np.asarray(self.features.regions, dtype=object)
        self._ids = np.asarray(self.features.ids, dtype=object)
        codes = self.space.division_codes
        self.notes: list[str] = []
        self.correlation: pd.DataFrame | None = None
        self.related = None
        if industry_relatedness is None:
            self.notes.append("industry relatedness left out: no employment data given")
        else:
            r = industry_relatedness.reindex(index=codes, columns=codes).fillna(0.0).to_numpy()
            r = np.where(r >= MIN_CORRELATION, r, 0.0)
            np.fill_diagonal(r, 0.0)
            self.correlation = industry_relatedness
            self.related = r.astype(np.float32)
        self.lq: pd.DataFrame | None = None
        self.strength = None
        if specialisation is None:
            self.notes.append("regional specialisation left out: no employment data given")
        else:
            self.lq = specialisation.reindex(columns=codes)
            self.strength = self._region_strength(self.features)
            unknown = sorted(set(self.features.regions) - set(specialisation.index))
            if unknown:
                self.notes.append(
                    f"no employment data for the region(s) {', '.join(unknown[:10])}: their "
                    "regional specialisation counts as none"
                )
        concepts = self.space.vocabulary.concepts
        self.reason_context = ReasonContext(
            labels={c.key: c.label for c in concepts},
            themes={c.key: c.theme for c in concepts},
            division_codes=codes,
            division_titles=[nace.title(c) if nace is not None else c for c in codes],
            related=self.related,
            correlation=self.correlation,
            specialisation=self.lq,
        )

    # -- public ---------------------------------------------------------------------------
    def recommend(
        self, *, settings: MatchSettings, top: int = 10, reasons: bool = True
    ) -> pd.DataFrame:
        """Every profile's best ``top`` partners, as rows of :data:`OUTPUT_COLUMNS`."""
        f, n = self.features, len(self.features.ids)
        groups = self._groups(f.regions)
        if n <= EXACT_LIMIT:
            parts = [
                self._dense_pairs(f, np.arange(s, min(s + 500, n)), settings, groups)
                for s in range(0, n, 500)
            ]
            i, j, score = (
                (np.concatenate(p) for p in zip(*parts, strict=True))
                if parts
                else (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
            )
        else:
            i, j, score = self._candidate_pairs(settings, top, groups)
        return self._finish(f, i, j, score, settings, top, reasons)

    def recommend_for(
        self,
        profile: str | Mapping,
        *,
        settings: MatchSettings,
        top: int = 10,
        reasons: bool = True,
    ) -> pd.DataFrame:
        """One profile's best ``top`` partners among the indexed profiles (all pairs scored).

        ``profile`` is the id of an indexed profile, or a new profile as a mapping with the
        profile columns (it is encoded with what the index has learnt, not added to it).
        """
        if isinstance(profile, str):
            if profile not in self.row:
                raise KeyError(f"no profile with id {profile!r}")
            query, rows = self.features, np.array([self.row[profile]])
        else:
            query = self.space.transform(prepare_profiles(pd.DataFrame([dict(profile)])))
            rows = np.array([0])
        groups = self._groups(query.regions)
        i, j, score = self._dense_pairs(
            query, rows, settings, groups, self_rows=isinstance(profile, str)
        )
        return self._finish(query, i, j, score, settings, top, reasons)

    # -- scoring --------------------------------------------------------------------------
    def _weights(self, settings: MatchSettings) -> tuple[float, float, float]:
        a = settings.relatedness_weight if self.related is not None else 0.0
        b = settings.specialisation_weight if self.strength is not None else 0.0
        return 1.0 - a - b, a, b

    def _thematic_matrices(
        self, f: ProfileFeatures, w: float
    ) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """``L`` and ``R`` with ``L_i . R_j = w sim + (1 - w) comp`` (left: f, right: index)."""
        return self._left(f, w), self._right(w)[0]

    def _left(self, f: ProfileFeatures, w: float) -> sp.csr_matrix:
        if f is self.features and ("left", w) in self._cache:
            return self._cache[("left", w)]
        c = math.sqrt((1.0 - w) / 2.0)
        left = sp.hstack([math.sqrt(w) * f.similarity, c * f.offers, c * f.needs])
        left = left.tocsr().astype(np.float32)
        if f is self.features:
            self._cache[("left", w)] = left
        return left

    def _right(self, w: float) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """The index side and its transpose (kept: a single query must not rebuild them)."""
        if ("right", w) not in self._cache:
            c, g = math.sqrt((1.0 - w) / 2.0), self.features
            right = sp.hstack([math.sqrt(w) * g.similarity, c * g.needs, c * g.offers])
            right = right.tocsr().astype(np.float32)
            self._cache[("right", w)] = (right, right.T.tocsr())
        return self._cache[("right", w)]

    def _dense_pairs(self, f, rows, settings, groups, *, self_rows=True):
        """All pairs of ``rows`` (of ``f``) with every indexed profile, scored in full."""
        t, a, b = self._weights(settings)
        left = self._left(f, settings.similarity_weight)
        right_t = self._right(settings.similarity_weight)[1]
        score = t * (left[rows] @ right_t).toarray().astype(np.float64)
        g = self.features
        if a:
            score += a * (f.divisions[rows] @ self.related) @ g.divisions.T
        if b:
            mine = self._region_strength(f)[rows]
            score += b * 0.5 * (f.divisions[rows] @ self.strength.T + mine @ g.divisions.T)
        if self_rows:
            score[np.arange(len(rows)), rows] = 0.0
        if settings.cross_territory:
            score[groups[0][rows][:, None] == groups[1][None, :]] = 0.0
        i, j = np.nonzero(score > 0)
        return rows[i], j, score[i, j]

    def _candidate_pairs(self, settings, top, groups):
        """Each profile's best pairs by the thematic score (exact), then scored in full.

        Without employment data nor quota the thematic score is the score, and the lists are
        the exact ones; otherwise each profile's ``top * candidate_factor`` best thematic
        partners are scored in full and the best ``top`` kept.
        """
        t, a, b = self._weights(settings)
        left, right = self._thematic_matrices(self.features, settings.similarity_weight)
        wide = bool(a or b) or settings.territory_quota is not None
        found = all_pairs_topk(
            left,
            right,
            top * settings.candidate_factor if wide else top,
            groups=groups[0] if settings.cross_territory else None,
            workers=settings.workers,
        )
        i, slot = np.nonzero(found.indices >= 0)
        j = found.indices[i, slot]
        score = t * found.values[i, slot].astype(np.float64)
        if a or b:
            score += self._context(self.features, i, j, a, b)
        return i, j, score

    def _context(self, f, i, j, a, b) -> np.ndarray:
        """``a rel + b spec`` for pairs, in chunks (bounded memory)."""
        g, out = self.features, np.zeros(len(i))
        mine = self._region_strength(f) if b else None
        for s in range(0, len(i), PAIR_CHUNK):
            ii, jj = i[s : s + PAIR_CHUNK], j[s : s + PAIR_CHUNK]
            if a:
                out[s : s + len(ii)] += a * (
                    (f.divisions[ii] @ self.related) * g.divisions[jj]
                ).sum(1)
            if b:
                out[s : s + len(ii)] += (
                    b
                    * 0.5
                    * (
                        (f.divisions[ii] * self.strength[jj]).sum(1)
                        + (mine[ii] * g.divisions[jj]).sum(1)
                    )
                )
        return out

    def _region_strength(self, f: ProfileFeatures) -> np.ndarray:
        """Specialisation strength of each profile's region in each division (0 if unknown)."""
        if f is self.features and self.strength is not None:
            return self.strength
        table = specialisation_strength(self.lq.to_numpy()).astype(np.float32)
        where = self.lq.index.get_indexer(pd.Index(f.regions))
        out = np.zeros((len(f.regions), table.shape[1]), dtype=np.float32)
        out[where >= 0] = table[where[where >= 0]]
        return out

    def _groups(self, query_regions: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Integer territory codes of the query's profiles and of the index's."""
        if "groups" not in self._cache:
            codes = {r: k for k, r in enumerate(dict.fromkeys(self.features.regions))}
            self._cache["codes"] = codes
            self._cache["groups"] = np.array([codes[r] for r in self.features.regions])
        if query_regions is self.features.regions:
            return self._cache["groups"], self._cache["groups"]
        codes = self._cache["codes"]
        # A territory the index does not have gets its own code, equal to no indexed one.
        query = np.array([codes.get(r, -1 - k) for k, r in enumerate(query_regions)])
        return query, self._cache["groups"]

    # -- output ---------------------------------------------------------------------------
    def _finish(self, f, i, j, score, settings, top, reasons) -> pd.DataFrame:
        keep = (score > 0) & (score >= settings.min_score)
        i, j, score = i[keep], j[keep], score[keep]
        order = np.lexsort((j, -score, i))
        i, j, score = i[order], j[order], score[order]
        regions = self._regions
        if settings.territory_quota is not None and len(i):
            within = pd.DataFrame({"i": i, "r": regions[j]}).groupby(["i", "r"]).cumcount()
            ok = within.to_numpy() < settings.territory_quota
            i, j, score = i[ok], j[ok], score[ok]
        rank = np.arange(len(i)) - np.searchsorted(i, i, side="left")
        ok = rank < top
        i, j, score, rank = i[ok], j[ok], score[ok], rank[ok] + 1
        g = self.features
        sim = rowwise_dot(f.similarity, g.similarity, i, j)
        comp = 0.5 * (rowwise_dot(f.offers, g.needs, i, j) + rowwise_dot(f.needs, g.offers, i, j))
        rel = (
            self._context(f, i, j, 1.0, 0.0)
            if self.related is not None
            else np.full(len(i), np.nan)
        )
        spec = (
            self._context(f, i, j, 0.0, 1.0)
            if self.strength is not None
            else np.full(len(i), np.nan)
        )
        frame = pd.DataFrame(
            {
                "id": (self._ids if f is self.features else np.asarray(f.ids, dtype=object))[i],
                "partner_id": self._ids[j],
                "rank": rank,
                "score": score.round(4),
                "similarity": sim.round(4),
                "complementarity": comp.round(4),
                "relatedness": rel.round(4),
                "specialisation": spec.round(4),
                "partner_region": regions[j],
            }
        )
        frame["reasons"] = pairs_reasons(self.reason_context, f, i, g, j) if reasons else ""
        return frame[OUTPUT_COLUMNS]


def recommend(
    profiles: pd.DataFrame,
    *,
    settings: MatchSettings,
    industry_relatedness=None,
    specialisation=None,
    top: int = 10,
    nace: NaceVocabulary | None = None,
) -> pd.DataFrame:
    """Every profile's best ``top`` partners (see :class:`MatchIndex`)."""
    index = MatchIndex(
        profiles,
        industry_relatedness=industry_relatedness,
        specialisation=specialisation,
        nace=nace,
    )
    return index.recommend(settings=settings, top=top)


def recommend_for(
    profile_id: str,
    profiles: pd.DataFrame,
    *,
    settings: MatchSettings,
    industry_relatedness=None,
    specialisation=None,
    top: int = 10,
    nace: NaceVocabulary | None = None,
) -> pd.DataFrame:
    """One profile's best ``top`` partners (see :meth:`MatchIndex.recommend_for`)."""
    index = MatchIndex(
        profiles,
        industry_relatedness=industry_relatedness,
        specialisation=specialisation,
        nace=nace,
    )
    return index.recommend_for(profile_id, settings=settings, top=top)
