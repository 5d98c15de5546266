"""Similar clusters: organisations that share sectors, categories, ecosystems or keywords.

Keywords and technologies are compared across languages: each is cut into lightly stemmed
words, and two words agree when they are equal, when one contains the other (``mobilit`` in
``elektromobilit``), or when most of their trigrams agree.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.search import cluster_search
from clusterdialogue.clusters.search.text import (
    MIN_STEM,
    MIN_WORD,
    STOPWORDS,
    normalise,
    stem,
    trigrams,
)
from clusterdialogue.clusters.selectors import cluster_list_public

WEIGHT_SECTOR, WEIGHT_CATEGORY, WEIGHT_ECOSYSTEM, WEIGHT_KEYWORD = 3.0, 2.0, 2.0, 1.5
CANDIDATES = 100
TRIGRAM_AGREEMENT = 0.6


def _terms(organisation: ClusterOrganisation) -> dict[str, frozenset[str]]:
    """Keyword or technology as written → its stemmed words (three letters or more)."""
    return _terms_of(organisation.keywords, organisation.technologies)


def _terms_of(keywords, technologies) -> dict[str, frozenset[str]]:
    terms = {}
    values = [*(keywords if isinstance(keywords, list) else [])]
    values += technologies if isinstance(technologies, list) else []
    for value in values:
        if isinstance(value, str) and value.strip():
            words = _term_words(value)
            if words:
                terms.setdefault(value.strip(), words)
    return terms


@lru_cache(maxsize=20_000)
def _term_words(value: str) -> frozenset[str]:
    words = normalise(value).split()
    return frozenset(stem(w) for w in words if len(w) >= MIN_WORD and w not in STOPWORDS)


def words_agree(a: str, b: str) -> bool:
    """Whether two stemmed words mean the same thing, perhaps in two languages.

    Examples
    --------
    >>> words_agree("mobilit", "elektromobilit"), words_agree("batter", "batteri")
    (True, True)
    >>> words_agree("energ", "engin")
    False
    """
    if a == b:
        return True
    if min(len(a), len(b)) >= MIN_STEM and (a in b or b in a):
        return True
    if min(len(a), len(b)) < TRIGRAM_AGREEMENT * max(len(a), len(b)):
        return False  # too different in length for most trigrams to agree
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) >= TRIGRAM_AGREEMENT


def shared_terms(mine: dict[str, frozenset[str]], theirs: dict[str, frozenset[str]]) -> list[str]:
    """My keywords that agree with one of theirs, shown as ``mine`` or ``mine / theirs``."""
    shared = []
    for term, words in mine.items():
        for other, other_words in theirs.items():
            if any(words_agree(a, b) for a in words for b in other_words):
                same = normalise(term) == normalise(other)
                shared.append(term if same else f"{term} / {other}")
                break
    return shared


# (relation, the related id's column in its link table, weight)
RELATIONS = (
    ("sectors", "industry_id", WEIGHT_SECTOR),
    ("categories", "clustercategory_id", WEIGHT_CATEGORY),
    ("ecosystems", "industrialecosystem_id", WEIGHT_ECOSYSTEM),
)


def _shared_links(organisation: ClusterOrganisation) -> dict[str, dict[int, list[int]]]:
    """Per relation: other organisation's id → the related ids it shares with ``organisation``.

    Read from the link tables alone (visibility is checked later, on the few best candidates),
    which is far cheaper than joining them to every profile.
    """
    shared: dict[str, dict[int, list[int]]] = {}
    for relation, column, _weight in RELATIONS:
        links = getattr(ClusterOrganisation, relation).through.objects
        mine = links.filter(clusterorganisation_id=organisation.pk).values(column)
        by_organisation: dict[int, list[int]] = defaultdict(list)
        rows = links.filter(**{f"{column}__in": mine}).exclude(
            clusterorganisation_id=organisation.pk
        )
        for other, item in rows.values_list("clusterorganisation_id", column):
            by_organisation[other].append(item)
        shared[relation] = by_organisation
    return shared


def _reasons_for_links(organisation: ClusterOrganisation) -> dict[str, dict[int, str]]:
    language = get_language() or "en"
    return {
        "sectors": {
            s.pk: _("both in NACE %(code)s %(name)s")
            % {"code": s.code, "name": s.name_in(language)}
            for s in organisation.sectors.all()
        },
        "categories": {
            c.pk: _("both in the category “%(name)s”") % {"name": c.name}
            for c in organisation.categories.all()
        },
        "ecosystems": {
            e.pk: _("both in the industrial ecosystem “%(name)s”") % {"name": e.name}
            for e in organisation.ecosystems.all()
        },
    }


def cluster_similar(
    *, organisation: ClusterOrganisation, limit: int = 5, queryset: QuerySet | None = None
) -> list[tuple[ClusterOrganisation, float, list[str]]]:
    """Up to ``limit`` organisations most like ``organisation``, with the reasons in plain words.

    Candidates come from ``queryset`` (default: the public directory): those sharing the most
    sectors, categories and ecosystems, and those the search finds for its keywords and
    technologies. Each shared NACE sector counts 3, each shared category or ecosystem 2, each
    agreeing keyword or technology 1.5.
    """
    candidates = (queryset if queryset is not None else cluster_list_public()).exclude(
        pk=organisation.pk
    )
    shared = _shared_links(organisation)
    link_scores: Counter[int] = Counter()
    for relation, _column, weight in RELATIONS:
        for other, items in shared[relation].items():
            link_scores[other] += weight * len(items)
    # Twice as many as needed: some of the best may be private or archived.
    ids = {pk for pk, _score in link_scores.most_common(2 * CANDIDATES)}
    my_terms = _terms(organisation)
    if my_terms:
        found = cluster_search(
            query=" ".join(my_terms), queryset=candidates, limit=CANDIDATES, any_word=True
        )
        ids.update(pk for pk, _score in found)
    if not ids:
        return []
    texts = _reasons_for_links(organisation)
    scored = []
    for pk, keywords, technologies in candidates.filter(pk__in=ids).values_list(
        "pk", "keywords", "technologies"
    ):
        reasons = [texts[relation][item] for relation, *_ in RELATIONS
                   for item in shared[relation].get(pk, [])]  # fmt: skip
        score = link_scores.get(pk, 0.0)
        terms = shared_terms(my_terms, _terms_of(keywords, technologies))
        if terms:
            score += WEIGHT_KEYWORD * len(terms)
            reasons.append(_("shared keywords: %(terms)s") % {"terms": ", ".join(terms)})
        if score > 0:
            scored.append((pk, score, reasons))
    best = sorted(scored, key=lambda item: -item[1])[: limit * 3]
    organisations = candidates.filter(pk__in=[pk for pk, *_ in best]).select_related("region")
    by_pk = {o.pk: o for o in organisations}
    results = [(by_pk[pk], score, reasons) for pk, score, reasons in best if pk in by_pk]
    results.sort(key=lambda item: (-item[1], item[0].name))
    return results[:limit]
