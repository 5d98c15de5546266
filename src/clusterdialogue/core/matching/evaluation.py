"""Quality of the matching on real cluster organisations and hand-labelled pairs.

The 55 Four Motors cluster organisations (``four_motors_cluster_organisations_transcribed.csv``)
become profiles whose text is their name, stated domain and organisation type. The labelled
pairs (``data/labelled_pairs.csv``, ``id_a, id_b, relevant, reason``) say, for a profile ``a``,
which partners ``b`` a cluster manager would want proposed (1) or would find wrong (0).

Precision at k of a profile with relevant partners ``R``: ``|top_k ∩ R| / min(k, |R|)`` (a
profile with only two true partners can reach 1); the reported figure is its mean over the
labelled profiles.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.core.matching.text import fold

__all__ = ["Evaluation", "cluster_profiles", "evaluate_rankings", "read_labelled_pairs"]

CLUSTER_COLUMNS = ("nuts2016", "name", "organisation_type", "domain_as_stated")


def cluster_id(name: str, nuts: str, line: int) -> str:
    """Stable id: the folded name joined by dashes, or ``<nuts>-line<line>`` without a name.

    >>> cluster_id("Cluster Elektromobilität Süd-West", "DE1", 53)
    'cluster-elektromobilitat-sud-west'
    >>> cluster_id("", "ITC4", 30)
    'itc4-line30'
    """
    slug = "-".join(fold(name).split())[:48].strip("-")
    return slug or f"{nuts.lower()}-line{line}"


def cluster_profiles(path: str | Path) -> pd.DataFrame:
    """The real cluster organisations as profiles (``id, name, region, text``)."""
    text = Path(path).read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines(keepends=True))
    missing = [c for c in CLUSTER_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(str(path), f"missing column(s) {', '.join(missing)}", line=1)
    rows = []
    for row in reader:
        line = reader.line_num
        name = row["name"].strip()
        rows.append(
            {
                "id": cluster_id(name, row["nuts2016"], line),
                "name": name,
                "region": row["nuts2016"].strip(),
                "text": f"{row['domain_as_stated']}. {row['organisation_type']}",
            }
        )
    return pd.DataFrame(rows)


def read_labelled_pairs(path: str | Path | None = None) -> pd.DataFrame:
    """The hand-labelled pairs (default: those shipped with the package)."""
    if path is None:
        source = resources.files("clusterdialogue.core.matching") / "data" / "labelled_pairs.csv"
        name, text = "labelled_pairs.csv (shipped)", source.read_text(encoding="utf-8")
    else:
        name, text = str(path), Path(path).read_text(encoding="utf-8")
    frame = pd.read_csv(pd.io.common.StringIO(text), dtype=str, keep_default_na=False)
    for column in ("id_a", "id_b", "relevant"):
        if column not in frame.columns:
            raise DataFileError(name, f"missing column {column}", line=1)
    bad = ~frame["relevant"].isin(["0", "1"])
    if bad.any():
        raise DataFileError(
            name, "relevant must be 1 or 0", line=int(bad.idxmax()) + 2, field="relevant"
        )
    frame["relevant"] = frame["relevant"].astype(int)
    return frame


@dataclass
class Evaluation:
    """Precision at k and what happened to every labelled pair."""

    k: int
    precision: float
    per_profile: pd.DataFrame
    per_pair: pd.DataFrame


def evaluate_rankings(recommendations: pd.DataFrame, pairs: pd.DataFrame, *, k: int) -> Evaluation:
    """Compare recommendations (``id, partner_id, rank``) with labelled pairs.

    A relevant pair passes when ``b`` is in ``a``'s top ``k``; a pair labelled not relevant
    passes when it is not.
    """
    ranks = {
        (a, b): int(r)
        for a, b, r in recommendations[["id", "partner_id", "rank"]].itertuples(index=False)
    }
    per_pair = pairs.copy()
    per_pair["rank"] = [
        ranks.get((a, b)) for a, b in zip(pairs["id_a"], pairs["id_b"], strict=True)
    ]
    in_top = per_pair["rank"].notna() & (per_pair["rank"].fillna(10**9) <= k)
    per_pair["passed"] = in_top == (per_pair["relevant"] == 1)
    rows = []
    for a, group in per_pair.loc[per_pair["relevant"] == 1].groupby("id_a", sort=True):
        hits = int(in_top.loc[group.index].sum())
        rows.append(
            {"id": a, "relevant": len(group), "hits": hits, "precision": hits / min(k, len(group))}
        )
    per_profile = pd.DataFrame(rows, columns=["id", "relevant", "hits", "precision"])
    precision = float(per_profile["precision"].mean()) if len(per_profile) else float("nan")
    return Evaluation(k=k, precision=precision, per_profile=per_profile, per_pair=per_pair)
