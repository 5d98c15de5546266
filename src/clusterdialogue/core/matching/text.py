"""Text normalisation and character n-gram features, the same for every language.

Profiles are written in French, German, Italian, Spanish, Catalan, Dutch or English. All text is
folded to lower-case ASCII words first (``Elektromobilität`` → ``elektromobilitat``,
``intel·ligència`` → ``intelligencia``), so that accents, umlauts and the Catalan middle dot do
not stop two spellings of one word from meeting. Character n-grams of those words then catch
words that share a stem across languages (``mobilité``, ``mobilità``, ``Mobilität``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from clusterdialogue.core.matching.topk import csr_row_topk

__all__ = [
    "CharNgramModel",
    "fold",
    "fold_many",
    "join_words",
    "l2_normalise",
    "tokens",
    "word_ngrams",
]

# Letters that Unicode decomposition does not reduce to ASCII.
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})
# The Catalan "l·l" is one letter pair: drop the dot rather than split the word.
_JOINERS = re.compile(r"[·‧∙]")
_MARKS = re.compile(r"[\u0300-\u036f]+")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_NON_WORD_KEEP_LINES = re.compile(r"[^a-z0-9\n]+")


def fold(text: str | None) -> str:
    """Lower-case ASCII words separated by single spaces.

    Examples
    --------
    >>> fold("Elektromobilität Süd-West")
    'elektromobilitat sud west'
    >>> fold("Clúster de la Indústria de l’automoció; intel·ligència")
    'cluster de la industria de l automocio intelligencia'
    >>> fold(None)
    ''
    """
    if not text:
        return ""
    text = _JOINERS.sub("", str(text).lower().translate(_SPECIAL))
    # Accents go; any other sign (an apostrophe, a dash) separates words.
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return _NON_WORD.sub(" ", text).strip()


def fold_many(texts: Sequence[str | None]) -> list[str]:
    """:func:`fold` of many texts at once (one pass of the regular expressions, much faster).

    >>> fold_many(["Mobilité", None, "Süd-West"])
    ['mobilite', '', 'sud west']
    """
    joined = "\n".join(str(t).replace("\n", " ") if t else "" for t in texts)
    joined = _JOINERS.sub("", joined.lower().translate(_SPECIAL))
    joined = _MARKS.sub("", unicodedata.normalize("NFKD", joined))
    return [line.strip() for line in _NON_WORD_KEEP_LINES.sub(" ", joined).split("\n")]


def tokens(text: str | None) -> list[str]:
    """The folded words of ``text``.

    >>> tokens("Mobilité électrique & e-mobility")
    ['mobilite', 'electrique', 'e', 'mobility']
    """
    return fold(text).split()


def word_ngrams(word: str, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams of one word padded with a space on each side (sklearn's ``char_wb``).

    >>> word_ngrams("auto", 3, 4)
    [' au', 'aut', 'uto', 'to ', ' aut', 'auto', 'uto ']
    """
    padded = f" {word} "
    return [padded[i : i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)]


@dataclass
class CharNgramModel:
    """Character n-gram TF-IDF fitted on a set of texts.

    Weight of n-gram ``g`` in a text: ``(1 + log tf) * idf(g)`` with
    ``idf(g) = log((1 + n) / (1 + df(g))) + 1``, as scikit-learn's smooth, sublinear TF-IDF.
    N-grams found in more than ``max_df`` of the texts are dropped (they are "tion" or " de ":
    they say nothing and would make every pair of texts a candidate; in a small set, up to
    ``max_df_floor`` texts may share one), and each text keeps only
    its ``keep`` most distinctive n-grams (highest weight) before L2 normalisation. This bounds
    the work of the all-pairs product without touching the n-grams that discriminate.

    Attributes
    ----------
    vocabulary : dict of str to int
        Column of each kept n-gram.
    idf : numpy.ndarray
        Inverse document frequency of each column.
    """

    low: int = 4
    high: int = 5
    max_df: float = 0.05
    max_df_floor: int = 10
    min_df: int = 2
    keep: int = 24
    vocabulary: dict[str, int] | None = None
    idf: np.ndarray | None = None

    def fit_transform(self, texts: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """Fit on tokenised texts (lists of folded words) and return their matrix."""
        words, counts = _word_counts(texts)
        grams: dict[str, int] = {}
        rows, cols = [], []
        for w, word in enumerate(words):
            for gram in set(word_ngrams(word, self.low, self.high)):
                rows.append(w)
                cols.append(grams.setdefault(gram, len(grams)))
        word_grams = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(words), len(grams))
        )
        raw = (counts @ word_grams).tocsr()
        n = raw.shape[0]
        df = np.bincount(raw.indices, minlength=raw.shape[1])
        keep = (df >= min(self.min_df, max(n, 1))) & (df <= max(self.max_df * n, self.max_df_floor))
        columns = np.flatnonzero(keep)
        remap = np.full(raw.shape[1], -1, dtype=np.int64)
        remap[columns] = np.arange(len(columns))
        names = np.empty(len(grams), dtype=object)
        names[list(grams.values())] = list(grams.keys())
        self.vocabulary = {names[c]: i for i, c in enumerate(columns)}
        self.idf = (np.log((1 + n) / (1 + df[columns])) + 1).astype(np.float32)
        self._word_cache = {}
        return self._weigh(raw[:, columns])

    def transform(self, texts: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """The matrix of new tokenised texts, in the fitted vocabulary."""
        if self.vocabulary is None or self.idf is None:
            raise RuntimeError("fit the model first (fit_transform)")
        rows, cols, values = [], [], []
        for i, words in enumerate(texts):
            found: dict[int, float] = {}
            for word in words:
                for column in self._columns(word):
                    found[column] = found.get(column, 0.0) + 1.0
            rows.extend([i] * len(found))
            cols.extend(found)
            values.extend(found.values())
        raw = sp.csr_matrix(
            (np.asarray(values, dtype=np.float32), (rows, cols)),
            shape=(len(texts), len(self.vocabulary)),
        )
        return self._weigh(raw)

    def _columns(self, word: str) -> list[int]:
        cache: dict[str, list[int]] = self.__dict__.setdefault("_word_cache", {})
        found = cache.get(word)
        if found is None:
            vocabulary = self.vocabulary or {}
            grams = set(word_ngrams(word, self.low, self.high))
            found = [vocabulary[g] for g in grams if g in vocabulary]
            cache[word] = found
        return found

    def _weigh(self, raw: sp.csr_matrix) -> sp.csr_matrix:
        weighted = raw.astype(np.float32).tocsr()
        weighted.data = (1.0 + np.log(weighted.data)) * self.idf[weighted.indices]
        weighted = csr_row_topk(weighted, self.keep)
        return l2_normalise(weighted)


def _word_counts(texts: Sequence[Sequence[str]]) -> tuple[list[str], sp.csr_matrix]:
    """Distinct words and the text-by-word count matrix."""
    index: dict[str, int] = {}
    indptr = [0]
    cols: list[int] = []
    for words in texts:
        cols.extend(index.setdefault(word, len(index)) for word in words)
        indptr.append(len(cols))
    counts = sp.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), np.asarray(cols, dtype=np.int64), indptr),
        shape=(len(texts), len(index)),
    )
    counts.sum_duplicates()
    return list(index), counts


def l2_normalise(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Scale every non-empty row to unit length (empty rows stay empty)."""
    matrix = matrix.tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sp.csr_matrix(sp.diags(scale.astype(matrix.dtype)) @ matrix)


def join_words(parts: Iterable[str | None]) -> list[str]:
    """Tokens of several texts joined into one list (empty parts skipped)."""
    words: list[str] = []
    for part in parts:
        words.extend(tokens(part))
    return words
