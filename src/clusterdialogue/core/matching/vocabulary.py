"""The shared multilingual vocabulary: curated concepts and the NACE Rev. 2 titles.

Concepts (``data/concepts.csv``, written by hand) name the themes of cluster policy (electric
mobility, aerospace, medtech ...) with their usual wording in English, French, German, Italian,
Spanish, Catalan and Dutch, a theme grouping related concepts (electric mobility and automotive
are both "mobility") and the NACE divisions (in Eurostat SBS form, ``C29``) they belong to.

Term syntax in the file (terms separated by ``|``, compared after :func:`~.text.fold`):

* a word of 5 letters or more also matches longer words that start with it
  (``aeronautic`` matches ``aeronautica``, ``mobilitat`` matches ``mobilitatslosungen``);
* a shorter word matches only itself, unless it ends in ``*`` (``rail*`` matches ``railgrup``);
* a word starting with ``*`` matches the end part of a compound (``*mobilitat`` matches
  ``elektromobilitat``);
* a term of several words matches those words in a row.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.core.matching.text import fold

__all__ = ["LANGUAGES", "Concept", "ConceptVocabulary", "load_concepts"]

LANGUAGES = ("en", "fr", "de", "it", "es", "ca", "nl")
PREFIX_LENGTH = 5


@dataclass(frozen=True)
class Concept:
    """One theme of the vocabulary.

    Attributes
    ----------
    key : str
        Stable identifier, e.g. ``"electric_mobility"``.
    label : str
        English words used in reasons, e.g. ``"electric mobility"``.
    theme : str
        The family of related concepts, e.g. ``"mobility"``.
    nace : tuple of str
        NACE divisions in SBS form, the main one first.
    terms : dict of str to tuple of str
        Wording per language code.
    """

    key: str
    label: str
    theme: str
    nace: tuple[str, ...]
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Pattern:
    concept: int
    words: tuple[tuple[str, str], ...]  # (kind, text): kind is exact, prefix or infix


class ConceptVocabulary:
    """Concepts and a matcher that finds them in folded text.

    Examples
    --------
    >>> vocabulary = load_concepts()
    >>> sorted(vocabulary.match(["cluster", "elektromobilitat", "sud", "west"]))
    ['electric_mobility', 'mobility']
    >>> sorted(vocabulary.match("mobilite electrique".split()))
    ['electric_mobility', 'mobility']
    """

    def __init__(self, concepts: Sequence[Concept]) -> None:
        self.concepts = list(concepts)
        self.index = {concept.key: i for i, concept in enumerate(self.concepts)}
        self.themes = sorted({concept.theme for concept in self.concepts})
        self._first: dict[tuple[str, str], list[_Pattern]] = {}
        self._infix: list[tuple[str, _Pattern]] = []
        for i, concept in enumerate(self.concepts):
            for terms in concept.terms.values():
                for term in terms:
                    pattern = _compile(i, term)
                    if pattern is None:
                        continue
                    kind, text = pattern.words[0]
                    if kind == "infix":
                        self._infix.append((text, pattern))
                    else:
                        self._first.setdefault((kind, text), []).append(pattern)
        self._cache: dict[str, tuple[frozenset[str], list[_Pattern]]] = {}

    def __len__(self) -> int:
        return len(self.concepts)

    def match(self, words: Sequence[str]) -> set[str]:
        """The concepts found in a list of folded words."""
        found: set[str] = set()
        for position, word in enumerate(words):
            single, longer = self._starting(word)
            found |= single
            for pattern in longer:
                if all(
                    position + j < len(words) and _word_matches(words[position + j], kind, text)
                    for j, (kind, text) in enumerate(pattern.words[1:], start=1)
                ):
                    found.add(self.concepts[pattern.concept].key)
        return found

    def _starting(self, word: str) -> tuple[frozenset[str], list[_Pattern]]:
        """Concepts of one-word patterns matching ``word``, and longer patterns starting there.

        Cached per word: a vocabulary of texts repeats its words.
        """
        hit = self._cache.get(word)
        if hit is None:
            patterns = list(self._first.get(("exact", word), []))
            for length in range(3, len(word) + 1):
                patterns.extend(self._first.get(("prefix", word[:length]), []))
            patterns.extend(p for text, p in self._infix if text in word)
            single = frozenset(self.concepts[p.concept].key for p in patterns if len(p.words) == 1)
            hit = (single, [p for p in patterns if len(p.words) > 1])
            self._cache[word] = hit
        return hit


def _compile(concept: int, term: str) -> _Pattern | None:
    words = []
    raw_words = term.replace("-", " ").split()
    for position, raw in enumerate(raw_words):
        infix = raw.startswith("*") and position == 0 and len(raw_words) == 1
        star = raw.endswith("*")
        text = fold(raw.strip("*"))
        for part in text.split():
            if infix:
                words.append(("infix", part))
            elif star or len(part) >= PREFIX_LENGTH:
                words.append(("prefix", part))
            else:
                words.append(("exact", part))
    return _Pattern(concept, tuple(words)) if words else None


def _word_matches(word: str, kind: str, text: str) -> bool:
    if kind == "exact":
        return word == text
    if kind == "prefix":
        return word.startswith(text)
    return text in word


def load_concepts(path: str | Path | None = None) -> ConceptVocabulary:
    """Read the concept list (by default the curated one shipped with the package).

    Raises
    ------
    DataFileError
        For a missing column, a repeated concept or a concept without any term.
    """
    if path is None:
        source = resources.files("clusterdialogue.core.matching") / "data" / "concepts.csv"
        name, text = "concepts.csv (shipped)", source.read_text(encoding="utf-8")
    else:
        name, text = str(path), Path(path).read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines())
    required = ("concept", "label", "theme", "nace", *LANGUAGES)
    missing = [column for column in required if column not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(name, f"missing column(s) {', '.join(missing)}", line=1)
    concepts: list[Concept] = []
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        key = row["concept"].strip()
        if not key or key in seen:
            raise DataFileError(
                name, f"concept {key!r} is empty or repeated", line=line, field="concept"
            )
        seen.add(key)
        terms = {
            lang: tuple(t.strip() for t in (row[lang] or "").split("|") if t.strip())
            for lang in LANGUAGES
        }
        if not any(terms.values()):
            raise DataFileError(name, f"concept {key!r} has no term", line=line, field="en")
        nace = tuple(code.strip() for code in (row["nace"] or "").split(";") if code.strip())
        concepts.append(
            Concept(key, row["label"].strip() or key, row["theme"].strip(), nace, terms)
        )
    return ConceptVocabulary(concepts)
