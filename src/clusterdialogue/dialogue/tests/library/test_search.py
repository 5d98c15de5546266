"""The library searches through the directory's interface: the same folding and backends."""

from __future__ import annotations

import pytest
from django.db import connection

from clusterdialogue.clusters.search.backends import search_backend
from clusterdialogue.clusters.search.sqlite_fts5 import Fts5Backend
from clusterdialogue.dialogue.library.selectors import (
    LIBRARY_INDEX,
    policy_instrument_queryset,
    policy_instrument_search,
    policy_instrument_search_filter,
)
from clusterdialogue.dialogue.library.services import policy_instrument_index_update
from clusterdialogue.testing.factories.dialogue import PolicyInstrumentFactory, PracticeCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def instruments():
    return {
        "fr": PolicyInstrumentFactory(
            name="Example instrument: soutien à l'électromobilité", language="fr"
        ),
        "de": PolicyInstrumentFactory(
            name="Example instrument: Förderprogramm Clustermanagement",
            description="Cluster für Elektromobilität und Leichtbau",
            language="de",
        ),
        "it": PolicyInstrumentFactory(
            name="Example instrument: bando per la mobilità sostenibile", language="it"
        ),
        "other": PolicyInstrumentFactory(name="Example instrument: textile training"),
    }


def _found(query: str) -> set[int]:
    return {i.pk for i in policy_instrument_search(query=query)}


def test_the_library_has_its_own_index_on_the_shared_backend():
    if connection.vendor == "sqlite":
        assert isinstance(search_backend(index=LIBRARY_INDEX), Fts5Backend)
        assert search_backend(index=LIBRARY_INDEX).table == "dialogue_library_search_fts"
    # The directory's index is still the default.
    assert search_backend().table != LIBRARY_INDEX.fts5_table


def test_search_folds_accents_and_languages(instruments):
    # "Mobilität", "mobilité" and "mobilità" meet at the shared stem "mobilit".
    wanted = {instruments[k].pk for k in ("fr", "de", "it")}
    assert _found("Mobilität") == wanted
    assert _found("mobilité") == wanted
    assert _found("MOBILITA") == wanted
    assert _found("electromobilite") == {instruments["fr"].pk}
    # The folding removes accents, it does not translate: German "k" stays apart from "c".
    assert _found("Elektromobilität") == {instruments["de"].pk}


def test_every_word_must_match_and_names_rank_first(instruments):
    assert _found("mobilita sostenibile") == {instruments["it"].pk}
    ranked = list(policy_instrument_search(query="Elektromobilität"))
    assert [i.pk for i in ranked] == [instruments["de"].pk]
    ranked = [i.pk for i in policy_instrument_search(query="cluster")]
    assert ranked[0] == instruments["de"].pk  # in its name


def test_cases_of_an_instrument_make_it_findable(instruments):
    PracticeCaseFactory(
        title="Example case: shared cleanroom", instrument=instruments["other"],
        territory=instruments["other"].territory,
    )  # fmt: skip
    policy_instrument_index_update(instrument_ids=[instruments["other"].pk])
    assert _found("cleanroom") == {instruments["other"].pk}


def test_search_filter_is_a_queryset_and_respects_the_given_queryset(instruments):
    italian = policy_instrument_queryset().filter(language="it")
    matches = policy_instrument_search_filter(queryset=italian, query="mobilité")
    assert list(matches) == [instruments["it"]]
    assert {i.pk for i in policy_instrument_search(query="mobilit", queryset=italian)} == {
        instruments["it"].pk
    }


def test_deleted_instruments_do_not_come_back(instruments):
    instruments["fr"].delete()  # without an index update
    assert instruments["fr"].pk not in _found("mobilite")


def test_the_directory_search_is_unchanged_by_the_library(instruments):
    from clusterdialogue.clusters.search import cluster_search

    assert cluster_search(query="mobilite") == []
