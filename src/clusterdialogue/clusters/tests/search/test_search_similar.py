"""Similar clusters: shared sectors, categories, ecosystems and keywords, with reasons."""

from __future__ import annotations

from django.template.loader import render_to_string

from clusterdialogue.clusters.search import search_index_update
from clusterdialogue.clusters.search.similar import cluster_similar, shared_terms, words_agree
from clusterdialogue.testing.factories.clusters import ClusterOrganisationFactory


def test_similar_clusters_come_with_reasons(directory_world):
    similar = cluster_similar(organisation=directory_world["emobility"])
    assert [o.name for o, _score, _reasons in similar] == ["Example software network"]
    _organisation, score, reasons = similar[0]
    assert reasons == [
        "both in NACE C29 Manufacture of motor vehicles, trailers and semi-trailers",
        "both in the industrial ecosystem “Mobility – transport – automotive”",
        "shared keywords: Elektromobilität / mobility",
    ]
    assert score == 3.0 + 2.0 + 1.5


def test_private_archived_and_itself_are_never_similar(directory_world):
    hidden = directory_world["hidden"]
    hidden.sectors.add(directory_world["industries"]["C29"])
    similar = cluster_similar(organisation=directory_world["software"], limit=10)
    names = [o.name for o, _s, _r in similar]
    assert "Example hidden mobility cluster" not in names
    assert "Example software network" not in names


def test_keywords_alone_find_similar_clusters_across_languages(directory_world):
    region = directory_world["regions"]["QA11"]
    french = ClusterOrganisationFactory(name="Example pôle", region=region,
                                        keywords=["batteries", "mobilité électrique"])  # fmt: skip
    search_index_update(organisation_ids=[french.pk])
    similar = cluster_similar(organisation=french)
    found = {o.name: reasons for o, _s, reasons in similar}
    assert found["Example Elektromobilität Cluster"] == [
        "shared keywords: batteries / Batterien, mobilité électrique / Elektromobilität"
    ]


def test_an_organisation_with_nothing_in_common_has_no_similar_clusters(directory_world):
    lone = ClusterOrganisationFactory(
        name="Example lone", region=directory_world["regions"]["QA11"]
    )
    assert cluster_similar(organisation=lone) == []


def test_limit(directory_world):
    region = directory_world["regions"]["QA11"]
    for i in range(4):
        other = ClusterOrganisationFactory(name=f"Example motor {i}", region=region)
        other.sectors.add(directory_world["industries"]["C29"])
    assert len(cluster_similar(organisation=directory_world["emobility"], limit=3)) == 3


def test_word_agreement():
    assert words_agree("mobilit", "elektromobilit")
    assert not words_agree("auto", "autonom")  # too short to count as contained
    assert shared_terms({"health": {"health"}}, {"Gesundheit": {"gesundheit"}}) == []


def test_snippet_lists_similar_clusters_with_reasons(directory_world):
    similar = cluster_similar(organisation=directory_world["emobility"])
    html = render_to_string("clusters/directory/_similar.html", {"similar": similar})
    assert "Similar clusters" in html and "Example software network" in html
    assert "shared keywords: Elektromobilität / mobility" in html
    assert "/clusters/example-software/" in html
    assert render_to_string("clusters/directory/_similar.html", {"similar": []}).strip() == ""


def test_common_little_words_do_not_make_keywords_agree():
    mine = {"research and development": frozenset({"research", "development"})}
    from clusterdialogue.clusters.search.similar import _terms_of

    theirs = _terms_of(["food and drinks"], [])
    assert theirs == {"food and drinks": frozenset({"food", "drink"})}
    assert shared_terms(mine, theirs) == []
