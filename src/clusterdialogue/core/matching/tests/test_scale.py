"""The all-pairs path of large sets: the exact lists, ties in a fixed order, any worker count.

Large sets go through :func:`~clusterdialogue.core.matching.topk.all_pairs_topk`; here
``EXACT_LIMIT`` is lowered so that small sets take that path and can be checked against the
path that scores every pair.
"""

from __future__ import annotations

import pandas as pd
import pytest

from clusterdialogue.core.matching import MatchIndex, MatchSettings, engine
from clusterdialogue.core.matching.generate import TITLE_LANGUAGES, generate_title_profiles

CLASSES = {
    "29.10": "Manufacture of motor vehicles",
    "29.32": "Manufacture of other parts and accessories for motor vehicles",
    "45.32": "Retail trade of motor vehicle parts and accessories",
    "46.74": "Wholesale of hardware, plumbing and heating equipment",
    "22.21": "Manufacture of plastic plates, sheets, tubes and profiles",
    "11.02": "Manufacture of wine from grape",
}


def titles() -> pd.DataFrame:
    """A small titles table (English words in every language column: ties across them)."""
    return pd.DataFrame(
        {
            "code": list(CLASSES),
            "level": 4,
            **{f"title_{lang}": list(CLASSES.values()) for lang in TITLE_LANGUAGES},
        }
    )


def both_paths(frame, settings, top, monkeypatch):
    index = MatchIndex(frame)
    exact = index.recommend(settings=settings, top=top, reasons=False)
    monkeypatch.setattr(engine, "EXACT_LIMIT", 5)
    return exact, index.recommend(settings=settings, top=top, reasons=False)


@pytest.mark.parametrize("territories", [1, 3, 40])
@pytest.mark.parametrize("top", [1, 4, 12])
def test_large_set_path_gives_the_exact_lists_with_ties(monkeypatch, territories, top):
    # 150 profiles over 6 classes: groups of identical texts far larger than the lists.
    frame = generate_title_profiles(150, nace_titles=titles(), seed=4, territories=territories)
    settings = MatchSettings(cross_territory=territories > 1)
    exact, large = both_paths(frame, settings, top, monkeypatch)
    columns = ["id", "partner_id", "rank"]
    assert len(large) == len(exact) > 0
    pd.testing.assert_frame_equal(large[columns], exact[columns])
    assert (large["score"] - exact["score"]).abs().max() < 1e-6


def test_ties_are_broken_by_the_partners_row(monkeypatch):
    frame = pd.DataFrame(
        {
            "id": [f"p{i:02d}" for i in range(30)],
            "region": [f"R{i % 3}" for i in range(30)],
            "text": ["Manufacture of motor vehicles"] * 30,
        }
    )
    monkeypatch.setattr(engine, "EXACT_LIMIT", 5)
    result = MatchIndex(frame).recommend(settings=MatchSettings(), top=4, reasons=False)
    first = result.loc[result["id"] == "p00"]
    # Every partner scores the same: the first rows of the other territories come first.
    assert first["partner_id"].tolist() == ["p01", "p02", "p04", "p05"]
    assert first["score"].nunique() == 1
    regions = dict(zip(frame["id"], frame["region"], strict=True))
    pairs = zip(result["id"], result["partner_id"], strict=True)
    assert all(regions[a] != regions[b] for a, b in pairs)


def test_workers_give_identical_lists(monkeypatch):
    frame = generate_title_profiles(400, nace_titles=titles(), seed=2, territories=7)
    monkeypatch.setattr(engine, "EXACT_LIMIT", 5)
    index = MatchIndex(frame)
    one = index.recommend(settings=MatchSettings(workers=1), top=5)
    two = index.recommend(settings=MatchSettings(workers=2), top=5)
    pd.testing.assert_frame_equal(one, two)


def test_title_profiles_are_seeded_and_carry_their_codes():
    first = generate_title_profiles(50, nace_titles=titles(), seed=9, titles=(1, 3))
    again = generate_title_profiles(50, nace_titles=titles(), seed=9, titles=(1, 3))
    pd.testing.assert_frame_equal(first, again)
    by_title = {title: code for code, title in CLASSES.items()}
    for text, codes in zip(first["text"], first["nace"], strict=True):
        assert [by_title[t] for t in text.split("; ")] == codes.split(";")
    assert (first[["keywords", "offers", "needs"]] == "").all().all()
    assert first["name"].str.startswith("GENERATED").all()
    skewed = generate_title_profiles(600, nace_titles=titles(), seed=9, titles=(1, 1), skew=2.0)
    assert skewed["nace"].value_counts().iloc[0] > 300  # one class far ahead of the others
