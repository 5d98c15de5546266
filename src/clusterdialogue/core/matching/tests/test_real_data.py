"""Quality on the 55 real Four Motors cluster organisations and the hand-labelled pairs.

Threshold: the engine reaches precision@5 = 0.96 on the shipped labels without employment data
(0.96 with it). The test asserts 0.85: a change that loses more than one hit in ten of the
labelled profiles' top five is a real regression, not noise (29 labelled profiles, so one
profile losing one hit moves the mean by 0.007 to 0.03).
"""

from __future__ import annotations

import pytest

from clusterdialogue.core.matching import MatchIndex, MatchSettings
from clusterdialogue.core.matching.evaluation import (
    cluster_profiles,
    evaluate_rankings,
    read_labelled_pairs,
)
from clusterdialogue.core.matching.industries import (
    employment_from_eurostat,
    industry_relatedness,
    regional_specialisation,
)
from clusterdialogue.core.matching.nace_vocabulary import NaceVocabulary

CLUSTERS = "cluster_organisations/four_motors_cluster_organisations_transcribed.csv"
AUTOMOTIVE = {
    "e-mobil-bw-gmbh",
    "automotive-bw",
    "cluster-elektromobilitat-sud-west",
    "ciac",
    "cluster-lombardo-della-mobilita",
}


@pytest.fixture(scope="module")
def real(data_dir):
    nace = NaceVocabulary.from_files(
        data_dir / "nace/nace_rev2_titles_multilingual.csv",
        data_dir / "nace/nace_rev2_en_explanatory_notes.csv",
    )
    index = MatchIndex(cluster_profiles(data_dir / CLUSTERS), nace=nace)
    return index, index.recommend(settings=MatchSettings(cross_territory=True), top=10)


def top(result, pid, k):
    rows = result.loc[result["id"] == pid].sort_values("rank")
    return rows["partner_id"].tolist()[:k]


def test_profiles_and_labels_agree(real):
    index, _ = real
    pairs = read_labelled_pairs()
    assert len(index.features.ids) == 55
    assert set(pairs["id_a"]) | set(pairs["id_b"]) <= set(index.features.ids)


def test_precision_at_5(real):
    _, result = real
    evaluation = evaluate_rankings(result, read_labelled_pairs(), k=5)
    assert evaluation.precision >= 0.85
    assert evaluation.per_pair.loc[evaluation.per_pair["relevant"] == 0, "passed"].all()


def test_mobility_clusters_find_each_other(real):
    _, result = real
    assert set(top(result, "cara-auvergne-rhone-alpes", 5)) == AUTOMOTIVE
    assert "cara-auvergne-rhone-alpes" in top(result, "ciac", 5)


def test_health_cluster_does_not_rank_automotive_first(real):
    _, result = real
    first = top(result, "lyonbiopole-auvergne-rhone-alpes", 1)[0]
    assert first not in AUTOMOTIVE | {"cara-auvergne-rhone-alpes"}
    assert first in {
        "medvia",
        "life-science-cluster",
        "cataloniabio",
        "ht-cluster",
        "biopro-baden-wurttemberg-gmbh",
        "biolago-e-v-the-health-network",
        "cluster-medizintechnologie-mannheim",
        "cluster-de-salut-mental",
    }


@pytest.mark.slow
def test_relatedness_from_eurostat(data_dir):
    employment = employment_from_eurostat(data_dir / "eurostat/sbs_r_nuts06_r2.tsv.gz")
    related = industry_relatedness(employment)
    lq = regional_specialisation(employment)
    assert related.loc["C29", "C22"] > 0.2  # motor vehicles and plastics co-locate
    assert lq.loc["DE1", "C29"] > 2  # Baden-Württemberg's car industry
    index = MatchIndex(
        cluster_profiles(data_dir / CLUSTERS), industry_relatedness=related, specialisation=lq
    )
    result = index.recommend(settings=MatchSettings(), top=10)
    assert evaluate_rankings(result, read_labelled_pairs(), k=5).precision >= 0.85
    row = result.loc[(result["id"] == "polymeris")].iloc[0]
    assert "regional strengths" in row["reasons"] or "related industries" in " ".join(
        result.loc[result["id"] == "polymeris", "reasons"]
    )
