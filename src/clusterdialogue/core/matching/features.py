"""Turn profiles into the sparse vectors that the matching engine multiplies.

Similarity vector of a profile, three blocks each of unit length, weighted so that the cosine
of two profiles is ``0.5 * themes + 0.3 * wording + 0.2 * industries``:

* **themes**: the curated concepts found in its name, text and keywords (weight 1) and their
  themes (weight 0.5), times the inverse document frequency ``log((1 + n) / (1 + df)) + 1``;
* **wording**: character n-grams (:class:`~.text.CharNgramModel`);
* **industries**: its NACE divisions: those given; else those of its concepts (the main one
  1, others 0.5); else those its words point to in the NACE titles (:class:`~.nace_vocabulary.
  NaceVocabulary`).

Offers and needs live in their own space: each item gives the concepts it names and the keys
(first 7 letters) of its words of 4 letters or more; vectors are binary, then unit length.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusterdialogue.core.matching.nace_vocabulary import NaceVocabulary, word_key
from clusterdialogue.core.matching.text import CharNgramModel, fold_many, l2_normalise, tokens
from clusterdialogue.core.matching.vocabulary import ConceptVocabulary

__all__ = ["BLOCK_SHARES", "FeatureSpace", "ProfileFeatures"]

BLOCK_SHARES = {"themes": 0.5, "wording": 0.3, "industries": 0.2}
THEME_WEIGHT = 0.5
#: Words found in more than this share of the texts do not infer NACE divisions ("cluster").
COMMON_WORD_SHARE = 0.1


@dataclass
class ProfileFeatures:
    """Vectors and the facts behind them, one row per profile (in the frame's order).

    ``similarity`` has the three weighted blocks side by side; ``themes``, ``wording`` and
    ``industries`` are the unit-length blocks alone; ``divisions`` holds each profile's NACE
    weights summing to 1 (for relatedness and regional strength).
    """

    ids: list[str]
    regions: list[str]
    similarity: sp.csr_matrix
    themes: sp.csr_matrix
    wording: sp.csr_matrix
    industries: sp.csr_matrix
    offers: sp.csr_matrix
    needs: sp.csr_matrix
    divisions: np.ndarray
    concepts: list[list[str]]
    offer_items: list[dict[str, str]]
    need_items: list[dict[str, str]]
    division_source: list[str] = field(default_factory=list)


class FeatureSpace:
    """Fitted on one set of profiles; turns those and later ones into :class:`ProfileFeatures`."""

    def __init__(
        self,
        vocabulary: ConceptVocabulary,
        nace: NaceVocabulary | None = None,
        *,
        divisions: list[str] | None = None,
        ngrams: CharNgramModel | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.nace = nace
        codes = {d for c in vocabulary.concepts for d in c.nace}
        if nace is not None:
            codes |= set(nace.titles)
        self.division_codes = sorted(codes | set(divisions or []))
        self.ngrams = ngrams or CharNgramModel()
        self.columns = [c.key for c in vocabulary.concepts] + [
            f"theme:{t}" for t in vocabulary.themes
        ]
        self.idf: np.ndarray | None = None
        self.item_keys: dict[str, int] = {}
        self.common_words: frozenset[str] = frozenset()

    def fit_transform(self, profiles: pd.DataFrame) -> ProfileFeatures:
        """Fit the inverse document frequencies and n-grams on ``profiles`` and encode them."""
        words = self._words(profiles)
        n = len(words)
        given = {code for codes in profiles["nace"] for code in codes}
        self.division_codes = sorted(set(self.division_codes) | given)
        if n >= 20:
            counts = Counter(k for w in words for k in {word_key(x) for x in w} - {None})
            self.common_words = frozenset(k for k, c in counts.items() if c > COMMON_WORD_SHARE * n)
        raw = self._concept_matrix(words, profiles)
        df = np.bincount(raw.indices, minlength=raw.shape[1])
        self.idf = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
        for column in ("offers", "needs"):
            for items in profiles[column]:
                for item in items:
                    for key in _item_keys(item, self.vocabulary):
                        self.item_keys.setdefault(key, len(self.item_keys))
        return self._encode(profiles, words, raw, self.ngrams.fit_transform(words))

    def transform(self, profiles: pd.DataFrame) -> ProfileFeatures:
        """Encode new profiles with what was fitted."""
        if self.idf is None:
            raise RuntimeError("fit the feature space first (fit_transform)")
        words = self._words(profiles)
        raw = self._concept_matrix(words, profiles)
        return self._encode(profiles, words, raw, self.ngrams.transform(words))

    def _words(self, profiles: pd.DataFrame) -> list[list[str]]:
        joined = [
            " ; ".join([name or "", text or "", *keywords])
            for name, text, keywords in zip(
                profiles["name"], profiles["text"], profiles["keywords"], strict=True
            )
        ]
        return [folded.split() for folded in fold_many(joined)]

    def _concept_matrix(self, words: list[list[str]], profiles: pd.DataFrame) -> sp.csr_matrix:
        rows, cols, vals = [], [], []
        n_concepts = len(self.vocabulary.concepts)
        self._found = []
        for i, profile_words in enumerate(words):
            found = sorted(self.vocabulary.match(profile_words))
            self._found.append(found)
            themes = {self.vocabulary.concepts[self.vocabulary.index[k]].theme for k in found}
            for key in found:
                rows.append(i), cols.append(self.vocabulary.index[key]), vals.append(1.0)
            for theme in themes:
                rows.append(i)
                cols.append(n_concepts + self.vocabulary.themes.index(theme))
                vals.append(THEME_WEIGHT)
        return sp.csr_matrix(
            (vals, (rows, cols)), shape=(len(words), len(self.columns)), dtype=np.float32
        )

    def _encode(
        self,
        profiles: pd.DataFrame,
        words: list[list[str]],
        raw: sp.csr_matrix,
        wording: sp.csr_matrix,
    ) -> ProfileFeatures:
        themes = l2_normalise(sp.csr_matrix(raw @ sp.diags(self.idf)))
        divisions, sources = self._divisions(profiles, words)
        industries = l2_normalise(sp.csr_matrix(divisions))
        blocks = [themes, wording, industries]
        shares = [BLOCK_SHARES["themes"], BLOCK_SHARES["wording"], BLOCK_SHARES["industries"]]
        similarity = sp.hstack([b * math.sqrt(s) for b, s in zip(blocks, shares, strict=True)])
        offers, offer_items = self._items(profiles["offers"])
        needs, need_items = self._items(profiles["needs"])
        return ProfileFeatures(
            ids=profiles["id"].tolist(),
            regions=profiles["region"].tolist(),
            similarity=similarity.tocsr().astype(np.float32),
            themes=themes,
            wording=wording,
            industries=industries,
            offers=offers,
            needs=needs,
            divisions=divisions,
            concepts=self._found,
            offer_items=offer_items,
            need_items=need_items,
            division_source=sources,
        )

    def _divisions(
        self, profiles: pd.DataFrame, words: list[list[str]]
    ) -> tuple[np.ndarray, list[str]]:
        column = {code: j for j, code in enumerate(self.division_codes)}
        weights = np.zeros((len(words), len(self.division_codes)), dtype=np.float32)
        sources = []
        for i, (given, found) in enumerate(zip(profiles["nace"], self._found, strict=True)):
            chosen: dict[str, float] = {}
            source = "given"
            if given:
                chosen = {code: 1.0 for code in given}
            elif found:
                source = "themes"
                for key in found:
                    for rank, code in enumerate(
                        self.vocabulary.concepts[self.vocabulary.index[key]].nace
                    ):
                        chosen[code] = max(chosen.get(code, 0.0), 1.0 if rank == 0 else 0.5)
            elif self.nace is not None:
                source = "NACE titles"
                chosen = self.nace.infer(words[i], ignore=self.common_words)
            sources.append(source if chosen else "")
            for code, weight in chosen.items():
                if code in column:
                    weights[i, column[code]] = weight
        totals = weights.sum(axis=1, keepdims=True)
        return np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0), sources

    def _items(self, lists: pd.Series) -> tuple[sp.csr_matrix, list[dict[str, str]]]:
        rows, cols, labels = [], [], []
        for i, items in enumerate(lists):
            named: dict[str, str] = {}
            for item in items:
                for key in _item_keys(item, self.vocabulary):
                    if key in self.item_keys and key not in named:
                        named[key] = (
                            self.vocabulary.concepts[self.vocabulary.index[key[2:]]].label
                            if key.startswith("c:")
                            else item
                        )
                        rows.append(i)
                        cols.append(self.item_keys[key])
            labels.append(named)
        matrix = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)),
            shape=(len(lists), max(len(self.item_keys), 1)),
        )
        return l2_normalise(matrix), labels


def _item_keys(item: str, vocabulary: ConceptVocabulary) -> list[str]:
    """Concepts (``c:key``) and word keys (``w:key``) of one offered or needed item."""
    words = tokens(item)
    keys = [f"c:{key}" for key in sorted(vocabulary.match(words))]
    keys += [f"w:{k}" for k in dict.fromkeys(word_key(w) for w in words) if k is not None]
    return keys
