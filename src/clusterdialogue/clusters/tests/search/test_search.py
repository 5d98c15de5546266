"""Full-text search of the directory, on whichever database the suite runs (SQLite or PostgreSQL)."""

from __future__ import annotations

import pytest

from clusterdialogue.clusters.models import ClusterMember, ClusterOrganisation
from clusterdialogue.clusters.search import (
    cluster_search,
    cluster_search_filter,
    cluster_search_results,
    search_index_update,
)
from clusterdialogue.clusters.selectors import cluster_list_public
from clusterdialogue.testing.factories.clusters import ClusterOrganisationFactory


def names(pairs) -> list[str]:
    by_pk = dict(ClusterOrganisation.objects.values_list("pk", "name"))
    return [by_pk[pk] for pk, _score in pairs]


def test_name_hits_rank_above_description_hits_above_member_hits(directory_world):
    ranking = cluster_search(query="mobilit", queryset=cluster_list_public())
    assert names(ranking) == [
        "Example Elektromobilität Cluster",  # name
        "Example software network",  # French description and keyword
        "Example health cluster",  # member "Mobilitech Example SA" only
    ]
    scores = [score for _pk, score in ranking]
    assert 2 <= scores[0] < 3 and 1 <= scores[1] < 2 and 0 <= scores[2] < 1


@pytest.mark.parametrize("query", ["mobilité", "mobilite", "MOBILITÉ", "Mobilité"])
def test_accents_and_case_do_not_matter(directory_world, query):
    assert "Example software network" in names(cluster_search(query=query))


@pytest.mark.parametrize("query", ["elektromobilitat", "Elektromobilität", "mobilität", "mobility"])
def test_words_match_inside_words_across_languages(directory_world, query):
    assert names(cluster_search(query=query, queryset=cluster_list_public()))[0] == (
        "Example Elektromobilität Cluster"
    )


def test_member_names_are_searched(directory_world):
    ranking = cluster_search(query="Mobilitech")
    assert names(ranking) == ["Example health cluster"]
    assert ranking[0][1] < 1


def test_every_word_must_match(directory_world):
    assert names(cluster_search(query="software mobilité")) == ["Example software network"]
    assert cluster_search(query="software batterien") == []


def test_keywords_cities_and_acronyms_are_searched(directory_world):
    assert names(cluster_search(query="batterien")) == ["Example Elektromobilität Cluster"]
    assert names(cluster_search(query="examplestadt")) == ["Example Elektromobilität Cluster"]
    assert names(cluster_search(query="EMC")) == ["Example Elektromobilität Cluster"]


def test_short_words_match_acronyms_and_whole_name_words(directory_world):
    assert names(cluster_search(query="qx")) == ["Example health cluster"]
    assert cluster_search(query="ex") == []  # not a whole word of any name


def test_blank_or_punctuation_queries_find_nothing_and_filter_nothing(directory_world):
    assert cluster_search(query="  ") == []
    assert cluster_search(query="?!") == []
    everything = ClusterOrganisation.objects.all()
    assert cluster_search_filter(queryset=everything, query=" - ").count() == everything.count()


def test_queryset_and_limit_restrict_the_ranking(directory_world):
    public = cluster_list_public()
    assert "Example hidden mobility cluster" in names(cluster_search(query="mobility"))
    assert "Example hidden mobility cluster" not in names(
        cluster_search(query="mobility", queryset=public)
    )
    assert len(cluster_search(query="mobilit", queryset=public, limit=2)) == 2


def test_filter_gives_a_countable_queryset(directory_world):
    matches = cluster_search_filter(queryset=cluster_list_public(), query="mobilite")
    assert matches.count() == 3
    assert matches.filter(status="active").count() == 2


def test_ranked_results_fetch_pages_in_rank_order(directory_world):
    results = cluster_search_results(query="mobilit", queryset=cluster_list_public())
    assert len(results) == 3
    page = results[1:3]
    assert [o.name for o in page] == ["Example software network", "Example health cluster"]
    assert all(hasattr(o, "search_score") for o in page)
    assert results[0].name == "Example Elektromobilität Cluster"
    assert [o.slug for o in results] == ["example-emobility", "example-software", "example-health"]


def test_index_follows_updates(directory_world):
    organisation = directory_world["health"]
    organisation.name = "Example Wasserstoff cluster"
    organisation.save()
    assert cluster_search(query="wasserstoff") == []  # not indexed yet
    search_index_update(organisation_ids=[organisation.pk])
    assert names(cluster_search(query="wasserstoff")) == ["Example Wasserstoff cluster"]
    # "health" is now only a keyword: a description-level hit, no longer a name hit.
    [(_pk, score)] = cluster_search(query="health")
    assert 1 <= score < 2


def test_index_follows_members(directory_world):
    organisation = directory_world["software"]
    ClusterMember.objects.create(organisation=organisation, name="Zylinderwerk Example AG",
                                 member_type="sme")  # fmt: skip
    search_index_update(organisation_ids=[organisation.pk])
    assert names(cluster_search(query="zylinderwerk")) == ["Example software network"]
    ClusterMember.objects.filter(organisation=organisation).delete()
    search_index_update(organisation_ids=[organisation.pk])
    assert cluster_search(query="zylinderwerk") == []


def test_index_forgets_deleted_organisations(directory_world):
    organisation = directory_world["software"]
    pk = organisation.pk
    organisation.delete()
    search_index_update(organisation_ids=[pk])
    assert pk not in [found for found, _score in cluster_search(query="software")]


def test_index_update_is_idempotent(directory_world):
    before = cluster_search(query="mobilit")
    ids = [directory_world["emobility"].pk, directory_world["health"].pk]
    assert search_index_update(organisation_ids=ids) == 2
    assert search_index_update(organisation_ids=ids + ids) == 2
    assert search_index_update() == ClusterOrganisation.objects.count()
    assert search_index_update() == ClusterOrganisation.objects.count()
    assert cluster_search(query="mobilit") == before


def test_odd_json_values_are_indexed_without_error(db, region_factory):
    organisation = ClusterOrganisationFactory(
        name="Example odd data", keywords="Photonik", technologies=[1, "Laser", None],
        descriptions=["not a mapping"], region=region_factory(code="QZ11"),
    )  # fmt: skip
    search_index_update(organisation_ids=[organisation.pk])
    assert names(cluster_search(query="photonik laser")) == ["Example odd data"]


def test_little_words_are_left_out_of_longer_queries(directory_world):
    assert names(cluster_search(query="software and mobilité")) == ["Example software network"]
