"""Text normalisation shared by the search index, the queries and "similar clusters".

Pure Python, no Django: the same functions prepare what is stored in the index and what is
looked up, so ``Mobilität``, ``mobilitat`` and ``MOBILITÄT`` meet in the middle.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter plus a mark.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ı": "i", "þ": "th"})
_NOT_WORD = re.compile(r"[^0-9a-z]+")
# Inflection endings of the six languages whose removal leaves a stem the other languages share
# as a substring: ``mobilities``, ``mobilité``, ``Mobilität`` and ``mobilità`` all reach
# ``mobilit``; ``energy``, ``Energie`` and ``energia`` reach ``energ``.
_ENDINGS = ("ies", "es", "en", "s")
_VOWELS = "aeiouy"
# Frequent short words of the six languages: matched as substrings they would find nearly every
# profile ("and" is in "Netherlands") and make unrelated keywords look alike.
STOPWORDS = frozenset({
    "and", "the", "for", "with", "from", "other", "von", "und", "der", "die", "das", "des",
    "den", "dem", "mit", "zur", "zum", "sowie", "les", "pour", "par", "sur", "aux", "une",
    "autres", "del", "della", "dei", "per", "con", "nel", "una", "los", "las", "por", "para",
    "van", "het", "een", "voor", "met",
})  # fmt: skip
MIN_STEM = 5
MIN_WORD = 3  # the trigram index cannot look up anything shorter


def normalise(text: str) -> str:
    """Lower-case ``text``, drop accents and punctuation, and collapse the spaces.

    Examples
    --------
    >>> normalise("Elektromobilität & Straße, l'Économie")
    'elektromobilitat strasse l economie'
    """
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", plain).strip()


def stem(word: str) -> str:
    """A light, language-neutral stem for substring matching; at least five letters are kept.

    Examples
    --------
    >>> [stem(w) for w in ("mobilite", "mobility", "mobilitat", "clusters", "technologie", "ai")]
    ['mobilit', 'mobilit', 'mobilit', 'cluster', 'technolog', 'ai']
    """
    if word.endswith("itat") and len(word) > MIN_STEM + 1:
        word = word[:-2]  # German -ität: Mobilität → mobilit
    else:
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                word = word[: -len(ending)]
                break
    while len(word) > MIN_STEM and word[-1] in _VOWELS:
        word = word[:-1]
    return word


@dataclass(frozen=True)
class ParsedQuery:
    """A query split into what the index can look up.

    ``words`` are the stems the trigram index matches as substrings; ``raw_words`` the same words
    unstemmed (for PostgreSQL's own stemmers); ``short_words`` have fewer than three letters and
    can only be compared with names and acronyms; ``text`` is the whole query, normalised.
    """

    words: tuple[str, ...]
    raw_words: tuple[str, ...]
    short_words: tuple[str, ...]
    text: str

    def __bool__(self) -> bool:
        return bool(self.words or self.short_words)


def query_parse(query: str) -> ParsedQuery:
    """Split a query into stemmed words the trigram index can match, and shorter ones.

    Examples
    --------
    >>> parsed = query_parse("Mobilité et électrique AI")
    >>> parsed.words, parsed.raw_words, parsed.short_words
    (('mobilit', 'electriq'), ('mobilite', 'electrique'), ('et', 'ai'))
    """
    text = normalise(query)
    long_words = [w for w in dict.fromkeys(text.split()) if len(w) >= MIN_WORD]
    if any(w not in STOPWORDS for w in long_words):
        long_words = [w for w in long_words if w not in STOPWORDS]
    short_words = [w for w in dict.fromkeys(text.split()) if len(w) < MIN_WORD]
    return ParsedQuery(
        words=tuple(dict.fromkeys(stem(w) for w in long_words)),
        raw_words=tuple(long_words),
        short_words=tuple(short_words),
        text=text,
    )


@lru_cache(maxsize=20_000)
def trigrams(word: str) -> frozenset[str]:
    """The three-letter pieces of a word, padded so that short words still have some.

    Examples
    --------
    >>> sorted(trigrams("auto"))
    [' au', 'aut', 'to ', 'uto']
    """
    padded = f" {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))
