"""Map free text onto NACE Rev. 2 divisions through their official titles and notes.

The titles of every division, group and class in English, French, German, Italian, Spanish and
Dutch (Eurostat RAMON), and the English explanatory notes, form a shared vocabulary: a text that
says ``Kunststoffwaren`` or ``matières plastiques`` lands on division 22 because those words are
in the titles of that division in German and French.

Score of division ``d`` for a text: ``s(d) = sum over the text's distinct word keys k of
w(k, d)``, with ``w(k, d) = share of k's occurrences that are in d's titles * log(D / df(k))``
(``D`` divisions, ``df`` the number of divisions whose titles use the key). A word key is the
first 7 letters of a folded word of 4 letters or more. Keys used by more than
:data:`MAX_DIVISIONS` divisions (``manufacture``, ``fabrication``, ``services``) are dropped.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from clusterdialogue.core.io.nace import read_nace_notes, read_nace_titles, to_sbs_code
from clusterdialogue.core.matching.text import tokens

__all__ = ["NaceVocabulary"]

KEY_LENGTH = 7
MAX_DIVISIONS = 6
TITLE_LANGUAGES = ("en", "fr", "de", "it", "es", "nl")
NOTES_WEIGHT = 0.5
MIN_MASS = 2.0


def word_key(word: str) -> str | None:
    """The key of a folded word, or None for a word too short to say anything."""
    return word[:KEY_LENGTH] if len(word) >= 4 else None


@dataclass
class NaceVocabulary:
    """Division titles (for reasons) and the word-key weights that infer divisions from text.

    Attributes
    ----------
    titles : dict of str to str
        English title of each division in SBS form (``"C29"``).
    weights : dict of str to dict of str to float
        ``w(k, d)`` per word key and division.
    """

    titles: dict[str, str] = field(default_factory=dict)
    weights: dict[str, dict[str, float]] = field(default_factory=dict)

    @classmethod
    def from_frames(cls, titles: pd.DataFrame, notes: pd.DataFrame | None = None) -> NaceVocabulary:
        """Build from :func:`read_nace_titles` (and optionally :func:`read_nace_notes`)."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        division_titles: dict[str, str] = {}
        for row in titles.itertuples(index=False):
            if row.level < 2:
                continue
            division = to_sbs_code(row.code[:2])
            if row.level == 2:
                division_titles[division] = str(row.title_en)
            for lang in TITLE_LANGUAGES:
                text = getattr(row, f"title_{lang}", "")
                for key in {word_key(w) for w in tokens(text)} - {None}:
                    counts[key][division] += 1.0
        if notes is not None:
            for row in notes.itertuples(index=False):
                if row.level < 2:
                    continue
                division = to_sbs_code(row.code[:2])
                text = f"{row.includes} {row.also_includes}"
                for key in {word_key(w) for w in tokens(text)} - {None}:
                    counts[key][division] += NOTES_WEIGHT
        total = max(len(division_titles), 1)
        weights: dict[str, dict[str, float]] = {}
        for key, per_division in counts.items():
            mass = sum(per_division.values())
            # A key seen once (one note, one language) is more often chance than a term.
            if len(per_division) > MAX_DIVISIONS or mass < MIN_MASS:
                continue
            idf = math.log(total / len(per_division))
            weights[key] = {d: c / mass * idf for d, c in per_division.items()}
        return cls(titles=division_titles, weights=weights)

    @classmethod
    def from_files(cls, titles: str | Path, notes: str | Path | None = None) -> NaceVocabulary:
        """Read the RAMON titles file (and notes file) and build the vocabulary."""
        return cls.from_frames(
            read_nace_titles(titles), read_nace_notes(notes) if notes is not None else None
        )

    def infer(
        self,
        words: Sequence[str],
        *,
        minimum: float = 2.0,
        keep: int = 2,
        ignore: frozenset[str] = frozenset(),
    ) -> dict[str, float]:
        """Divisions a text is about, with a weight in (0, 1] (1 for the best one).

        A division is kept when its score reaches ``minimum`` (about one specific title word)
        and half the best score; at most ``keep`` divisions. Keys in ``ignore`` (words common to
        most texts of a corpus, such as "cluster") are not used.
        """
        scores: Counter[str] = Counter()
        for key in {word_key(w) for w in words} - {None} - ignore:
            for division, weight in self.weights.get(key, {}).items():
                scores[division] += weight
        if not scores:
            return {}
        best = max(scores.values())
        if best < minimum:
            return {}
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:keep]
        return {d: s / best for d, s in ranked if s >= max(minimum, best / 2)}

    def title(self, division: str) -> str:
        """``"C29 Manufacture of motor vehicles, ..."`` or the bare code when unknown."""
        name = self.titles.get(division)
        return f"{division} {name}" if name else division
