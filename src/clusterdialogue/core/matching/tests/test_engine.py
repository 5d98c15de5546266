"""Scores, reasons, languages and settings of the matching engine on tiny hand-made profiles."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.core.matching import (
    MatchIndex,
    MatchSettings,
    engine,
    recommend,
    recommend_for,
)
from clusterdialogue.core.matching.text import fold, tokens
from clusterdialogue.core.matching.vocabulary import load_concepts

NO_CROSS = MatchSettings(cross_territory=False)


def profiles(*rows):
    columns = ["id", "region", "text", "offers", "needs", "nace"]
    return pd.DataFrame([dict(zip(columns, row, strict=False)) for row in rows]).assign(
        name=lambda f: f["id"]
    )


def partners(result, pid):
    return result.loc[result["id"] == pid].sort_values("rank")["partner_id"].tolist()


def test_fold_and_concepts_cross_languages():
    vocabulary = load_concepts()
    assert fold("Mobilité ÉLECTRIQUE") == "mobilite electrique"
    french = vocabulary.match(tokens("Cluster de la mobilité électrique"))
    german = vocabulary.match(tokens("Kompetenzzentrum Elektromobilität"))
    assert "electric_mobility" in french and "electric_mobility" in german
    for text in (
        "Distretto aerospazio",
        "pôle aéronautique",
        "aerospace cluster",
        "Luft- und Raumfahrt",
        "clúster aeroespacial",
    ):
        assert "aerospace" in vocabulary.match(tokens(text)), text


def test_french_electric_mobility_finds_german_one():
    frame = profiles(
        ("fr", "FRK", "Cluster de la mobilité électrique et des bornes de recharge"),
        ("de", "DE1", "Netzwerk für Elektromobilität"),
        ("es", "ES51", "Clúster de la industria del vino"),
        ("it", "ITC4", "Cluster lombardo della moda"),
    )
    result = recommend(frame, settings=MatchSettings(), top=3)
    assert partners(result, "fr")[0] == "de"
    assert partners(result, "de")[0] == "fr"
    first = result.loc[(result["id"] == "fr") & (result["rank"] == 1)].iloc[0]
    assert "shared themes: electric mobility" in first["reasons"]
    assert 0 < first["score"] <= 1


def test_italian_aerospace_finds_french_and_english():
    frame = profiles(
        ("it", "ITC4", "Distretto aerospazio lombardo"),
        ("fr", "FRK", "Pôle aéronautique et spatial"),
        ("en", "UKL", "Aerospace supply chain"),
        ("wine", "ES51", "Clúster vitivinícola"),
    )
    result = recommend(frame, settings=MatchSettings(), top=3)
    assert set(partners(result, "it")[:2]) == {"fr", "en"}
    assert "wine" not in partners(result, "it")


def test_weight_moves_complementarity_up_or_down():
    frame = profiles(
        ("a", "R1", "battery cell production", "", "battery recycling"),
        ("twin", "R2", "battery cell production"),
        ("recycler", "R3", "waste", "battery recycling"),
    )
    index = MatchIndex(frame)
    by_similarity = index.recommend(settings=MatchSettings(similarity_weight=1.0), top=2)
    by_needs = index.recommend(settings=MatchSettings(similarity_weight=0.0), top=2)
    assert partners(by_similarity, "a") == ["twin"]  # complementarity has no weight
    assert partners(by_needs, "a")[0] == "recycler"
    row = by_needs.loc[(by_needs["id"] == "a") & (by_needs["rank"] == 1)].iloc[0]
    assert "needs what the partner offers: batteries and energy storage" in row["reasons"]
    assert row["complementarity"] == pytest.approx(0.5, abs=1e-3)


def test_cross_territory_min_score_and_quota():
    frame = profiles(
        ("a", "R1", "automotive electric mobility"),
        ("same", "R1", "automotive electric mobility"),
        ("b1", "R2", "automotive electric mobility"),
        ("b2", "R2", "automotive suppliers"),
        ("c", "R3", "automotive"),
    )
    index = MatchIndex(frame)
    cross = index.recommend(settings=MatchSettings(cross_territory=True), top=4)
    assert "same" not in partners(cross, "a")
    assert (
        cross["partner_region"] != cross["id"].map(dict(zip(frame.id, frame.region, strict=False)))
    ).all()
    assert partners(index.recommend(settings=NO_CROSS, top=1), "a") in (["same"], ["b1"])
    quota = index.recommend(settings=MatchSettings(territory_quota=1), top=4)
    assert partners(quota, "a") == ["b1", "c"]
    strict = index.recommend(settings=MatchSettings(min_score=0.5), top=4)
    assert (strict["score"] >= 0.5).all() and "c" not in partners(strict, "a")


def test_empty_and_short_texts_do_not_crash():
    frame = profiles(("a", "R1", ""), ("b", "R2", "x"), ("c", "R3", None), ("d", "R4", "BTP"))
    result = recommend(frame, settings=MatchSettings(), top=3)
    assert list(result.columns) == engine.OUTPUT_COLUMNS
    assert recommend_for("a", frame, settings=MatchSettings()).empty


def test_recommend_for_matches_all_pairs_and_accepts_new_profiles():
    frame = profiles(
        ("fr", "FRK", "plasturgie et composites"),
        ("be", "BE2", "sustainable chemistry and plastics"),
        ("de", "DE1", "Kunststofftechnik und Leichtbau"),
        ("es", "ES51", "clúster foodservice"),
    )
    index = MatchIndex(frame)
    everyone = index.recommend(settings=MatchSettings(), top=3)
    one = index.recommend_for("fr", settings=MatchSettings(), top=3)
    assert one["partner_id"].tolist() == partners(everyone, "fr")
    new = index.recommend_for(
        {"id": "n", "region": "ITC4", "text": "materie plastiche"}, settings=MatchSettings(), top=2
    )
    assert set(new["partner_id"]) <= {"fr", "be", "de"} and len(new)


def test_relatedness_and_specialisation_enter_score_and_reasons():
    frame = profiles(
        ("cars", "R1", "automotive", "", "", "C29"),
        ("plastics", "R2", "polymer compounds", "", "", "C22"),
        ("wine", "R3", "vineyards", "", "", "C11"),
    )
    codes = ["C11", "C22", "C29"]
    related = pd.DataFrame(np.eye(3), index=codes, columns=codes)
    related.loc["C29", "C22"] = related.loc["C22", "C29"] = 0.41
    lq = pd.DataFrame(
        [[0.5, 1.0, 2.8], [1.0, 2.0, 1.9], [3.0, 0.5, 0.1]], index=["R1", "R2", "R3"], columns=codes
    )
    index = MatchIndex(frame, industry_relatedness=related, specialisation=lq)
    result = index.recommend(settings=MatchSettings(), top=2)
    first = result.loc[(result["id"] == "cars") & (result["rank"] == 1)].iloc[0]
    assert first["partner_id"] == "plastics"
    assert first["relatedness"] == pytest.approx(0.41, abs=1e-3)
    assert "C29 ↔ C22 (co-location r=0.41)" in first["reasons"]
    assert "both regions specialised in C29 (LQ 2.8 and 1.9)" in first["reasons"]
    assert not index.notes


def test_candidate_path_agrees_with_exact_path(monkeypatch):
    rng = np.random.default_rng(0)
    vocabulary = load_concepts()
    terms = [t for c in vocabulary.concepts for t in c.terms["en"]]
    frame = pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(120)],
            "region": [f"R{i % 7}" for i in range(120)],
            "text": [" ".join(rng.choice(terms, 3)) for _ in range(120)],
        }
    )
    index = MatchIndex(frame)
    settings = MatchSettings(candidate_factor=40)
    exact = index.recommend(settings=settings, top=3, reasons=False)
    monkeypatch.setattr(engine, "EXACT_LIMIT", 10)
    approx = index.recommend(settings=settings, top=3, reasons=False)
    merged = exact.merge(approx, on=["id", "rank"])
    assert (merged["score_x"] - merged["score_y"]).abs().max() < 1e-3


def test_profile_errors_name_line_and_field():
    with pytest.raises(DataFileError, match="line 3, field 'id'"):
        recommend(profiles(("a", "R1", ""), ("a", "R2", "")), settings=MatchSettings())
    with pytest.raises(DataFileError, match="field 'nace'"):
        recommend(profiles(("a", "R1", "", "", "", "C30x")), settings=MatchSettings())
    with pytest.raises(ValueError, match="similarity_weight"):
        MatchSettings(similarity_weight=1.5)
