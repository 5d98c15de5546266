"""Generated profile sets for load tests, made from real vocabulary.

Every generated profile is marked as such (name ``GENERATED profile 17``, text starting with
``[generated]``): it describes no real organisation. Its words come from real sources: the
curated concept terms (seven languages), NACE Rev. 2 class titles (six languages, Eurostat
RAMON) of the concept's division, and a real NUTS-2 code as region.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterdialogue.core.io.nace import to_sbs_code
from clusterdialogue.core.matching.vocabulary import LANGUAGES, ConceptVocabulary

__all__ = ["TITLE_LANGUAGES", "generate_profiles", "generate_title_profiles"]

#: NACE has no Catalan titles: a Catalan profile borrows the Spanish ones.
_TITLE_LANGUAGE = {"ca": "es"}


def generate_profiles(
    n: int,
    *,
    vocabulary: ConceptVocabulary,
    nace_titles: pd.DataFrame,
    regions: list[str],
    seed: int = 0,
) -> pd.DataFrame:
    """``n`` generated profiles with the columns of the profile contract.

    Each has a main concept (concepts drawn with a mild popularity skew), up to two more from
    the same theme or any, a language, one or two NACE class titles of the main concept's
    division, and sometimes keywords (in another language), offers, needs and a NACE code.

    Examples
    --------
    >>> from clusterdialogue.core.matching.vocabulary import load_concepts
    >>> titles = pd.DataFrame({"code": ["29.10"], "level": [4], **{
    ...     f"title_{lang}": ["Manufacture of motor vehicles"] for lang in
    ...     ("en", "fr", "de", "it", "es", "nl")}})
    >>> frame = generate_profiles(3, vocabulary=load_concepts(), nace_titles=titles,
    ...                           regions=["DE11", "FR71"], seed=1)
    >>> frame.columns.tolist()
    ['id', 'name', 'region', 'text', 'keywords', 'offers', 'needs', 'nace']
    >>> bool(frame["text"].str.startswith("[generated]").all())
    True
    """
    rng = np.random.default_rng(seed)
    concepts = vocabulary.concepts
    by_theme: dict[str, list[int]] = {}
    for k, concept in enumerate(concepts):
        by_theme.setdefault(concept.theme, []).append(k)
    classes = nace_titles.loc[nace_titles["level"] == 4]
    titles_by_division: dict[str, list[dict]] = {}
    for row in classes.to_dict("records"):
        titles_by_division.setdefault(to_sbs_code(row["code"][:2]), []).append(row)
    popularity = 1.0 / np.arange(1, len(concepts) + 1) ** 0.5
    popularity = popularity[rng.permutation(len(concepts))]
    popularity /= popularity.sum()
    main = rng.choice(len(concepts), size=n, p=popularity)
    languages = rng.choice(len(LANGUAGES), size=n)
    region_of = rng.choice(len(regions), size=n)
    rows = []
    for i in range(n):
        concept = concepts[main[i]]
        lang = LANGUAGES[languages[i]]
        chosen = [concept]
        for _ in range(rng.integers(0, 3)):
            pool = by_theme[concept.theme] if rng.random() < 0.6 else range(len(concepts))
            other = concepts[int(rng.choice(list(pool)))]
            if other not in chosen:
                chosen.append(other)
        words = [_term(c, lang, rng) for c in chosen]
        titles = titles_by_division.get(concept.nace[0] if concept.nace else "", [])
        column = f"title_{_TITLE_LANGUAGE.get(lang, lang)}"
        for _ in range(min(len(titles), int(rng.integers(1, 3)))):
            words.append(str(titles[int(rng.integers(len(titles)))][column]))
        other_lang = LANGUAGES[int(rng.integers(len(LANGUAGES)))]
        keywords = [_term(c, other_lang, rng) for c in chosen[1:]] if rng.random() < 0.5 else []
        offers = (
            [_term(concepts[int(rng.integers(len(concepts)))], lang, rng)]
            if rng.random() < 0.3
            else []
        )
        needs = (
            [_term(concepts[int(rng.integers(len(concepts)))], lang, rng)]
            if rng.random() < 0.3
            else []
        )
        nace = [concept.nace[0]] if concept.nace and rng.random() < 0.5 else []
        rows.append(
            {
                "id": f"g{i:07d}",
                "name": f"GENERATED profile {i}",
                "region": regions[region_of[i]],
                "text": "[generated] " + "; ".join(words),
                "keywords": ";".join(keywords),
                "offers": ";".join(offers),
                "needs": ";".join(needs),
                "nace": ";".join(nace),
            }
        )
    return pd.DataFrame(rows)


def _term(concept, lang: str, rng: np.random.Generator) -> str:
    terms = concept.terms.get(lang) or concept.terms.get("en") or (concept.label,)
    return str(terms[int(rng.integers(len(terms)))]).strip("*")


#: The languages of the NACE titles file (Eurostat RAMON has no Catalan titles).
TITLE_LANGUAGES = ("en", "fr", "de", "it", "es", "nl")


def generate_title_profiles(
    n: int,
    *,
    nace_titles: pd.DataFrame,
    seed: int = 0,
    classes: int | None = None,
    titles: tuple[int, int] = (1, 2),
    languages: tuple[str, ...] = TITLE_LANGUAGES,
    territories: int = 200,
    skew: float = 0.0,
) -> pd.DataFrame:
    """``n`` profiles as a new user would make them: NACE class titles and their codes only.

    Made independently of :func:`generate_profiles` (no concept terms, keywords, offers or
    needs): each profile's text is ``titles[0]`` to ``titles[1]`` NACE Rev. 2 class titles in
    one of ``languages``, its ``nace`` column the matching class codes (``45.32;46.74``), its
    region one of ``territories`` territory codes ``T000``, ``T001``... (labels, not real
    regions). ``classes`` keeps only the first that many classes (a small vocabulary: many
    profiles share a text); ``skew`` > 0 draws classes with Zipf-like weights ``1 / rank **
    skew`` (a few classes very common, as in a real network). Every name is ``GENERATED example`` (one name
    for all: a number in it would be a shared word).

    Examples
    --------
    >>> titles = pd.DataFrame({"code": ["29.10", "45.32"], "level": [4, 4], **{
    ...     f"title_{lang}": ["Motor vehicles", "Retail of parts"] for lang in TITLE_LANGUAGES}})
    >>> frame = generate_title_profiles(4, nace_titles=titles, seed=1, territories=3)
    >>> frame.columns.tolist()
    ['id', 'name', 'region', 'text', 'keywords', 'offers', 'needs', 'nace']
    >>> bool(frame["name"].str.startswith("GENERATED").all()), sorted(set(frame["region"])) < [
    ...     "T003"]
    (True, True)
    """
    rng = np.random.default_rng(seed)
    table = nace_titles.loc[nace_titles["level"] == 4].reset_index(drop=True)
    if classes is not None:
        table = table.iloc[:classes]
    codes = table["code"].to_numpy(dtype=object)
    text = {lang: table[f"title_{lang}"].to_numpy(dtype=object) for lang in languages}
    weights = 1.0 / np.arange(1, len(table) + 1) ** skew
    weights = weights[rng.permutation(len(table))]
    weights /= weights.sum()
    low, high = titles
    counts = rng.integers(low, high + 1, size=n)
    drawn = rng.choice(len(table), size=(n, high), p=weights)
    language = rng.choice(len(languages), size=n)
    region = rng.integers(0, territories, size=n)
    width = len(str(max(territories - 1, 0)))
    rows = []
    for i in range(n):
        chosen = list(dict.fromkeys(drawn[i, : counts[i]].tolist()))
        words = text[languages[language[i]]]
        rows.append(
            {
                "id": f"n{i:07d}",
                "name": "GENERATED example",
                "region": f"T{region[i]:0{max(width, 3)}d}",
                "text": "; ".join(str(words[c]) for c in chosen),
                "keywords": "",
                "offers": "",
                "needs": "",
                "nace": ";".join(str(codes[c]) for c in chosen),
            }
        )
    return pd.DataFrame(rows)
