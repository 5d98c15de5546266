"""The engine's glue to the directory, and what each recommendation setting does.

The settings are checked on a constructed case (``recommendation_world``, example data): a
profile about electric mobility that needs hydrogen fuel cells; two similar profiles in
territory 2, one complementary profile (offering fuel cells) in territory 3, and one similar
profile in the query's own territory.
"""

from __future__ import annotations

import pytest

from clusterdialogue.collaboration.suggestions.selectors import (
    directory_profiles_frame,
    organisation_recommendations,
)
from clusterdialogue.core.matching import MatchSettings
from clusterdialogue.testing.factories import IndustryFactory
from clusterdialogue.testing.factories.clusters import ClusterOrganisationFactory

pytestmark = pytest.mark.django_db


def _ranking(world, **settings) -> list[str]:
    rows = organisation_recommendations(
        organisation=world["query"], settings=MatchSettings(**settings)
    )
    return [row["organisation"].slug for row in rows]


def test_profiles_frame_from_the_directory(board_world):
    recycling = board_world.organisations["recycling"]
    recycling.descriptions = {"fr": "Recyclage des batteries (exemple)."}
    recycling.save()
    recycling.sectors.add(IndustryFactory(code="E38", section="E"))
    frame = directory_profiles_frame().set_index("id")
    row = frame.loc["example-recycling-c"]
    assert row["region"] == "QC1"  # the network territory's code, not the NUTS-2 region's
    assert row["name"] == "Example recycling cluster C"
    assert "circular economy" in row["text"] and "Recyclage des batteries" in row["text"]
    assert row["keywords"] == ["battery recycling", "circular economy"]
    assert row["offers"] == ["battery recycling", "second-life batteries"]
    assert row["needs"] == [] and row["nace"] == ["E38"]


def test_an_organisation_outside_the_network_keeps_its_own_region(board_world, region_factory):
    outside = ClusterOrganisationFactory(slug="example-outside", region=region_factory(code="QZ11"))
    frame = directory_profiles_frame().set_index("id")
    assert frame.loc[outside.slug, "region"] == "QZ11"


def test_recommendations_have_scores_components_and_reasons(recommendation_world):
    rows = organisation_recommendations(
        organisation=recommendation_world["query"], settings=MatchSettings()
    )
    assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))
    assert rows == sorted(rows, key=lambda row: -row["score"])
    complementary = next(r for r in rows if r["organisation"].slug == "complementary")
    assert complementary["complementarity"] > 0
    assert "needs what the partner offers: hydrogen" in complementary["reasons"]
    similar = next(r for r in rows if r["organisation"].slug == "similar")
    assert "shared themes: electric mobility" in similar["reasons"]


def test_the_weight_changes_the_ranking(recommendation_world):
    by_similarity = _ranking(recommendation_world, similarity_weight=1.0)
    by_complementarity = _ranking(recommendation_world, similarity_weight=0.0)
    assert by_similarity[0] in ("similar", "similar-too")
    assert by_similarity.index("complementary") > by_similarity.index("similar")
    assert by_complementarity[0] == "complementary"


def test_cross_territory_leaves_out_the_same_territory(recommendation_world):
    assert "same-territory" not in _ranking(recommendation_world)
    assert "same-territory" in _ranking(recommendation_world, cross_territory=False)


def test_quota_per_territory(recommendation_world):
    assert {"similar", "similar-too"} <= set(_ranking(recommendation_world))
    limited = _ranking(recommendation_world, territory_quota=1)
    assert len({"similar", "similar-too"} & set(limited)) == 1
    assert "complementary" in limited


def test_minimum_score(recommendation_world):
    rows = organisation_recommendations(
        organisation=recommendation_world["query"], settings=MatchSettings()
    )
    threshold = (rows[0]["score"] + rows[-1]["score"]) / 2
    kept = organisation_recommendations(
        organisation=recommendation_world["query"], settings=MatchSettings(min_score=threshold)
    )
    assert 0 < len(kept) < len(rows)
    assert all(row["score"] >= threshold for row in kept)


def test_hidden_and_archived_profiles_are_never_proposed(recommendation_world):
    recommendation_world["similar"].is_public = False
    recommendation_world["similar"].save()
    recommendation_world["complementary"].status = "archived"
    recommendation_world["complementary"].save()
    ranking = _ranking(recommendation_world)
    assert "similar" not in ranking and "complementary" not in ranking


def test_a_changed_profile_is_matched_anew(recommendation_world):
    assert "similar-too" in _ranking(recommendation_world)
    changed = recommendation_world["similar_too"]
    changed.description = "Medical imaging."
    changed.save()
    assert _ranking(recommendation_world, similarity_weight=1.0)[0] == "similar"
